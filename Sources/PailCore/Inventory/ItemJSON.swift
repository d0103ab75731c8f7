import Foundation

/// Items as the inventory stores them: compact DynamoDB JSON, the same as `AttributeValue`'s
/// `Codable` form, with map keys in UTF-8 byte order.
///
/// Written and parsed by hand because `JSONEncoder`/`JSONDecoder` cost tens of microseconds an
/// item, and the inventory encodes and decodes hundreds of thousands of them.
enum ItemJSON {
    static func encode(_ item: Item) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(item, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses UTF-8 JSON text; throws `InternalError` if it is not an item.
    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> Item {
        var item = Item()
        try forEachAttribute(bytes) { name, value in item[String(decoding: name, as: UTF8.self)] = try value.read() }
        return item
    }

    /// Reads an item for a reader that wants only some of its attributes: `visit` gets each top-level name's
    /// UTF-8 bytes in turn and either `read()`s its value or `skip()`s it, which checks the value as `read`
    /// would without building it. Throws `InternalError`, as `decode` does, if the text is not an item.
    static func forEachAttribute(_ bytes: UnsafeRawBufferPointer, _ visit: (UnsafeRawBufferPointer, inout Parser) throws -> Void) throws {
        var parser = Parser(bytes: bytes)
        try parser.attributes(visit)
        try parser.end()
    }

    /// Whether an attribute's name, as `forEachAttribute` hands it over, is `literal`.
    static func name(_ name: UnsafeRawBufferPointer, is literal: StaticString) -> Bool {
        name.count == literal.utf8CodeUnitCount && (name.isEmpty || memcmp(name.baseAddress!, literal.utf8Start, name.count) == 0)
    }

    // MARK: Writing

    private static func write(_ map: Item, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (index, (name, value)) in map.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) })
            .enumerated()
        {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.string(name, to: &out)
            out.append(UInt8(ascii: ":"))
            write(value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    private static func write(_ value: AttributeValue, to out: inout [UInt8]) {
        switch value {
        case .s(let string):
            out.append(contentsOf: #"{"S":"#.utf8)
            JSONWriter.string(string, to: &out)
        case .n(let number):
            out.append(contentsOf: #"{"N":""#.utf8)
            out.append(contentsOf: String(number).utf8)
            out.append(UInt8(ascii: "\""))
        case .bool(let flag): out.append(contentsOf: (flag ? #"{"BOOL":true"# : #"{"BOOL":false"#).utf8)
        case .null: out.append(contentsOf: #"{"NULL":true"#.utf8)
        case .l(let list):
            out.append(contentsOf: #"{"L":["#.utf8)
            for (index, element) in list.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .m(let map):
            out.append(contentsOf: #"{"M":"#.utf8)
            write(map, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    // MARK: Parsing

    /// Reads an item's text, one attribute value at a time (see `forEachAttribute`).
    struct Parser {
        private var scanner: JSONScanner

        fileprivate init(bytes: UnsafeRawBufferPointer) {
            scanner = JSONScanner(bytes: bytes) { expected, index in
                PailError(.internalError, "Corrupt inventory item: expected \(expected) at byte \(index)")
            }
        }

        /// The value that comes next.
        mutating func read() throws -> AttributeValue { try value(building: true) }

        /// What `make` makes of the UTF-8 bytes (valid during the call only) of the string value that comes
        /// next; nil for a value of another type, which is checked and skipped as `skip` does.
        mutating func readString<T>(_ make: (UnsafeRawBufferPointer) throws -> T?) throws -> T? {
            let type = try openValue()
            let made = type == .s ? try scanner.withString(make) : nil
            if type != .s { _ = try contents(of: type, building: false) }
            try scanner.expect("}")
            return made
        }

        /// Checks the value that comes next, as `read` would, and moves past it.
        mutating func skip() throws { _ = try value(building: false) }

        /// Reads a map, handing each name to `visit`, which reads or skips its value.
        fileprivate mutating func attributes(_ visit: (UnsafeRawBufferPointer, inout Parser) throws -> Void) throws {
            try scanner.expect("{")
            if try scanner.closes("}") { return }
            repeat {
                if let name = try scanner.unescapedString() {
                    try scanner.expect(":")
                    try visit(name, &self)
                } else {
                    var name = try scanner.string()
                    try scanner.expect(":")
                    try name.withUTF8 { try visit(UnsafeRawBufferPointer($0), &self) }
                }
            } while try scanner.separator(closing: "}")
        }

        /// The value that comes next, or, unless `building`, `.null` once it is checked (nothing is built).
        private mutating func value(building: Bool) throws -> AttributeValue {
            let value = try contents(of: try openValue(), building: building)
            try scanner.expect("}")
            return value
        }

        /// Reads a value's opening: `{`, its type name and `:`.
        private mutating func openValue() throws -> Tag {
            try scanner.expect("{")
            let type = try scanner.withString(Tag.init)
            try scanner.expect(":")
            guard let type else { throw scanner.corrupt("S, N, BOOL, NULL, L or M") }
            return type
        }

        /// The value of a type once its opening is read, up to its closing `}`; unless `building`, `.null` once it
        /// is checked.
        private mutating func contents(of type: Tag, building: Bool) throws -> AttributeValue {
            switch type {
            case .s:
                if building { return .s(try scanner.string()) }
                try scanner.withString { _ in }
                return .null
            case .n:
                guard let number = Int64(try scanner.string()) else { throw scanner.corrupt("a number") }
                return .n(number)
            case .bool: return .bool(try scanner.literal())
            case .null:
                guard try scanner.literal() else { throw scanner.corrupt("true") }
                return .null
            case .l:
                var list: [AttributeValue] = []
                try scanner.expect("[")
                if try !scanner.closes("]") {
                    repeat {
                        let element = try self.value(building: building)
                        if building { list.append(element) }
                    } while try scanner.separator(closing: "]")
                }
                return .l(list)
            case .m:
                var map = Item()
                try attributes { name, parser in
                    let element = try parser.value(building: building)
                    if building { map[String(decoding: name, as: UTF8.self)] = element }
                }
                return .m(map)
            }
        }

        fileprivate mutating func end() throws { try scanner.end() }
    }

    /// The type names of DynamoDB JSON.
    private enum Tag {
        case s, n, bool, null, l, m

        init?(_ name: UnsafeRawBufferPointer) {
            switch name.count {
            case 1:
                switch name.load(as: UInt8.self) {
                case UInt8(ascii: "S"): self = .s
                case UInt8(ascii: "N"): self = .n
                case UInt8(ascii: "L"): self = .l
                case UInt8(ascii: "M"): self = .m
                default: return nil
                }
            case 4 where ItemJSON.name(name, is: "BOOL"): self = .bool
            case 4 where ItemJSON.name(name, is: "NULL"): self = .null
            default: return nil
            }
        }
    }
}
