import Foundation
import Testing

@testable import PailCore

@Suite("JSONValue text")
struct JSONValueTextTests {
    let tricky = "q\"b\\s/ nl\n tab\t nul\u{0} esc\u{1B} é 日本 😀 e\u{301} \u{2028}"

    /// A seeded random document of every kind of value, nested up to `depth`.
    func random(_ generator: inout some RandomNumberGenerator, depth: Int) -> JSONValue {
        switch Int.random(in: 0..<(depth > 0 ? 7 : 5), using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .number(Double(Int.random(in: -1_000_000...1_000_000, using: &generator)))
        case 3: return .number(Double.random(in: -1e20...1e20, using: &generator))
        case 4: return .string(String(tricky.shuffled(using: &generator).prefix(Int.random(in: 0...12, using: &generator))))
        case 5: return .array((0..<Int.random(in: 0...4, using: &generator)).map { _ in random(&generator, depth: depth - 1) })
        default:
            return .object(
                Dictionary(
                    (0..<Int.random(in: 0...4, using: &generator)).map { index in
                        ("\(index)\(tricky.randomElement(using: &generator)!)", random(&generator, depth: depth - 1))
                    }, uniquingKeysWith: { first, _ in first }))
        }
    }

    @Test("round-trips random documents, and agrees with JSONEncoder and JSONDecoder both ways")
    func roundTripsAndAgreesWithFoundation() throws {
        var generator = SplitMix64(seed: 20261123)
        for _ in 0..<500 {
            let value = random(&generator, depth: 4)
            let text = value.jsonString()
            #expect(try JSONValue.parse(text) == value, "\(text)")
            #expect(try JSONValue.parse(value.jsonString(sortedKeys: false)) == value)
            #expect(try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) == value, "\(text)")
            #expect(try JSONValue.parse(String(decoding: JSONEncoder().encode(value), as: UTF8.self)) == value)
        }
    }

    @Test("writes compact text with keys in byte order and whole numbers without a fraction")
    func writesCompactStableText() {
        let value: JSONValue = ["b": [1, 2.5, -3, true, nil], "a": "x/y", "é": ["z": "\u{1}"]]
        #expect(value.jsonString() == #"{"a":"x/y","b":[1,2.5,-3,true,null],"é":{"z":"\u0001"}}"#)
        #expect(JSONValue.number(.infinity).jsonString() == "null")
    }

    @Test("reads escapes, surrogate pairs and whitespace")
    func readsEscapes() throws {
        #expect(
            try JSONValue.parse(#" { "a" : [ "\ud83d\ude00\n\/\u00e9" , 1e3 , -0.5 ] } "#)
                == ["a": ["😀\n/é", 1000, -0.5]])
    }

    @Test(
        "refuses what is not JSON with InvalidArgument",
        arguments: [
            "", "{", "[1,]", "[1 2]", "tru", "nul", "\"abc", "{\"a\"}", "{a:1}", "1 2", "-", ".5", "1e999", "\"\\x\"", "[] []",
        ])
    func refusesBadText(_ text: String) {
        #expect { try JSONValue.parse(text) } throws: { ($0 as? PailError)?.code == .invalidArgument }
    }

    @Test("refuses nesting deeper than its limit instead of overflowing the stack")
    func refusesDeepNesting() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect { try JSONValue.parse(deep) } throws: { ($0 as? PailError)?.code == .invalidArgument }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(try JSONValue.parse(fine).jsonString() == fine)
    }
}
