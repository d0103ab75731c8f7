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
        InventoryFixture.expect(.internalError) { try entry(json) }
    }

    func entry(_ json: String) throws -> FileEntry? {
        try Array(json.utf8).withUnsafeBytes { try FileEntry(itemJSON: $0) }
    }

    @Test("a file's entry is read from its item, past attributes of every kind, names with escapes too")
    func fileEntry() throws {
        var file = item
        file.merge(["Path": .s("docs/a.txt"), "ETag": .s("e\"t"), "Modified": .s("2026-11-22T21:00:00Z"), "Size": .n(12)]) { $1 }
        let expected = FileEntry(
            path: "docs/a.txt", size: 12, etag: "e\"t", modified: try #require(Timestamps.parse("2026-11-22T21:00:00Z")))
        #expect(try entry(ItemJSON.encode(file)) == expected)
        #expect(try entry(ItemJSON.encode(file).replacingOccurrences(of: #""Path""#, with: #""P\u0061th""#)) == expected)
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.prettyPrinted]
        #expect(try entry(String(decoding: try pretty.encode(file), as: UTF8.self)) == expected)
    }

    @Test("an item that is no file's makes no entry: the quota's, a missing or mistyped attribute, a bad date")
    func notAFile() throws {
        let file: Item = ["Path": .s("a"), "Size": .n(1), "ETag": .s("e"), "Modified": .s("2026-11-22T21:00:00Z")]
        #expect(try entry(ItemJSON.encode(file)) != nil)
        #expect(try entry(ItemJSON.encode(["PK": .s("alice"), "SK": .s("Quota"), "TotalSize": .n(5)])) == nil)
        for name in file.keys { #expect(try entry(ItemJSON.encode(file.filter { $0.key != name })) == nil, "\(name)") }
        for (name, value) in [("Size", AttributeValue.s("1")), ("Path", .n(1)), ("ETag", .null), ("Modified", .s("yesterday"))] {
            #expect(try entry(ItemJSON.encode(file.merging([name: value]) { $1 })) == nil, "\(name)")
        }
    }
}
