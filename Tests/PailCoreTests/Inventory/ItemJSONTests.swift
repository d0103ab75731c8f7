import Foundation
import Testing

@testable import PailCore

@Suite("ItemJSON")
struct ItemJSONTests {
    let tricky = "q\"b\\s/ nl\n tab\t nul\u{0} esc\u{1B} é 日本 😀 e\u{301} \u{2028}"

    func decode(_ json: String) throws -> Item {
        try Array(json.utf8).withUnsafeBytes { try ItemJSON.decode($0) }
    }

    var item: Item {
        [
            "PK": .s("alice"), "SK": .s("alice/docs/a.txt"), "Size": .n(.max), "Delta": .n(.min),
            "Flag": .bool(false), "Gone": .null, "Text": .s(tricky), "": .s(""),
            "List": .l([.n(0), .s(tricky), .l([]), .m([:]), .bool(true)]),
            "Map": .m(["é": .s("x"), "e": .n(1), "nested": .m(["l": .l([.null])])]),
        ]
    }

    @Test("round-trips every kind of value and string")
    func roundTrip() throws {
        #expect(try decode(ItemJSON.encode(item)) == item)
        #expect(ItemJSON.encode(item) == ItemJSON.encode(item))
    }

    @Test("agrees with AttributeValue's Codable form")
    func agreesWithCodable() throws {
        let fromCodable = try JSONDecoder().decode(Item.self, from: Data(ItemJSON.encode(item).utf8))
        #expect(fromCodable == item)
        for formatting: JSONEncoder.OutputFormatting in [[], [.prettyPrinted, .sortedKeys]] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = formatting
            #expect(try decode(String(decoding: encoder.encode(item), as: UTF8.self)) == item)
        }
        let plain: Item = ["PK": .s("alice"), "SK": .s("alice/a b.txt"), "Size": .n(12), "L": .l([.null, .bool(true)])]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(ItemJSON.encode(plain) == String(decoding: try encoder.encode(plain), as: UTF8.self))
    }

    @Test("reads \\u escapes, surrogate pairs included")
    func unicodeEscapes() throws {
        #expect(try decode(#"{"a":{"S":"\ud83d\ude00 \u00e9\/\n"}}"#) == ["a": .s("😀 é/\n")])
    }

    @Test(
        "rejects what is not an item",
        arguments: [
            "", "[]", "{", #"{"a":{"S":"x"}"#, #"{"a":{"S":"x"}} x"#, #"{"a":{"N":"1.5"}}"#, #"{"a":{"Q":"x"}}"#,
            #"{"a":{"NULL":false}}"#, #"{"a":{"BOOL":1}}"#, #"{"a":{"S":"\ud800"}}"#, #"{"a":{"S":"\q"}}"#,
            #"{"a":{"L":[{"N":"1"},]}}"#, #"{"a":{"S":"x","N":"1"}}"#,
        ])
    func corrupt(json: String) {
        InventoryFixture.expect(.internalError) { try decode(json) }
    }
}
