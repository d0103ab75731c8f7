import Foundation
import Testing

@testable import PailCore

@Suite("AttributeValue")
struct AttributeValueTests {
    @Test("encodes as DynamoDB JSON and decodes back")
    func dynamoDBJSON() throws {
        let item: Item = [
            "S": .s("a/é"), "N": .n(-12), "B": .bool(true), "Z": .null,
            "L": .l([.n(1), .s("x")]), "M": .m(["k": .bool(false)]),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(item), as: UTF8.self)
        #expect(
            json == #"{"B":{"BOOL":true},"L":{"L":[{"N":"1"},{"S":"x"}]},"M":{"M":{"k":{"BOOL":false}}},"#
                + #""N":{"N":"-12"},"S":{"S":"a/é"},"Z":{"NULL":true}}"#)
        #expect(try JSONDecoder().decode(Item.self, from: Data(json.utf8)) == item)
    }

    @Test(
        "rejects malformed DynamoDB JSON",
        arguments: [
            #"{}"#, #"{"S":"a","N":"1"}"#, #"{"N":"1.5"}"#, #"{"N":12}"#, #"{"NULL":false}"#, #"{"X":"a"}"#,
        ])
    func malformed(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(AttributeValue.self, from: Data(json.utf8)) }
    }

    @Test("accessors")
    func accessors() {
        #expect(AttributeValue.s("x").stringValue == "x")
        #expect(AttributeValue.n(3).stringValue == nil)
        #expect(AttributeValue.n(3).int64Value == 3)
        #expect(AttributeValue.s("3").int64Value == nil)
    }

    @Test("strings and keys are equal only when their UTF-8 bytes are")
    func bytewiseEquality() {
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        #expect(composed == decomposed)  // Swift: canonically equivalent
        #expect(AttributeValue.s(composed) != .s(decomposed))
        #expect(AttributeValue.l([.s(composed)]) != .l([.s(decomposed)]))
        #expect(ItemKey(pk: "a", sk: composed) != ItemKey(pk: "a", sk: decomposed))
        #expect(ItemKey(pk: "a", sk: composed) == ItemKey(pk: "a", sk: composed))
        #expect(Set([AttributeValue.s(composed), .s(decomposed)]).count == 2)
    }
}
