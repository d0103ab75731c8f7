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
    /// With `only`, the item holds just the top-level attributes named (the others are parsed and dropped).
    static func decode(_ bytes: UnsafeRawBufferPointer, only names: Set<String>? = nil) throws -> Item {
        var parser = Parser(bytes: bytes)
        let item = try parser.map(only: names)
        try parser.end()
        return item
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

    private struct Parser {
        var scanner: JSONScanner

        init(bytes: UnsafeRawBufferPointer) {
            scanner = JSONScanner(bytes: bytes) { expected, index in
                PailError(.internalError, "Corrupt inventory item: expected \(expected) at byte \(index)")
            }
        }

        mutating func map(only names: Set<String>? = nil) throws -> Item {
            var map = Item()
            try scanner.expect("{")
            if try scanner.closes("}") { return map }
            repeat {
                let name = try scanner.string()
                try scanner.expect(":")
                let value = try value()
                if names?.contains(name) ?? true { map[name] = value }
            } while try scanner.separator(closing: "}")
            return map
        }

        mutating func value() throws -> AttributeValue {
            try scanner.expect("{")
            let type = try scanner.string()
            try scanner.expect(":")
            let value: AttributeValue
            switch type {
            case "S": value = .s(try scanner.string())
            case "N":
                guard let number = Int64(try scanner.string()) else { throw scanner.corrupt("a number") }
                value = .n(number)
            case "BOOL": value = .bool(try scanner.literal())
            case "NULL":
                guard try scanner.literal() else { throw scanner.corrupt("true") }
                value = .null
            case "L":
                var list: [AttributeValue] = []
                try scanner.expect("[")
                if try !scanner.closes("]") {
                    repeat { list.append(try self.value()) } while try scanner.separator(closing: "]")
                }
                value = .l(list)
            case "M": value = .m(try map())
            default: throw scanner.corrupt("S, N, BOOL, NULL, L or M")
            }
            try scanner.expect("}")
            return value
        }

        mutating func end() throws { try scanner.end() }
    }
}
