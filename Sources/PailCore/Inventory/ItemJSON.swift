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
        var parser = Parser(bytes: bytes)
        let item = try parser.map()
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
            write(name, to: &out)
            out.append(UInt8(ascii: ":"))
            write(value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    private static func write(_ value: AttributeValue, to out: inout [UInt8]) {
        switch value {
        case .s(let string):
            out.append(contentsOf: #"{"S":"#.utf8)
            write(string, to: &out)
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

    private static func write(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case 0..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(contentsOf: String(byte >> 4, radix: 16).utf8)
                out.append(contentsOf: String(byte & 0xF, radix: 16).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    // MARK: Parsing

    private struct Parser {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        mutating func map() throws -> Item {
            var map = Item()
            try expect("{")
            if try peek() == UInt8(ascii: "}") {
                index += 1
                return map
            }
            repeat {
                let name = try string()
                try expect(":")
                map[name] = try value()
            } while try separator(closing: "}")
            return map
        }

        mutating func value() throws -> AttributeValue {
            try expect("{")
            let type = try string()
            try expect(":")
            let value: AttributeValue
            switch type {
            case "S": value = .s(try string())
            case "N":
                guard let number = Int64(try string()) else { throw corrupt("a number") }
                value = .n(number)
            case "BOOL": value = .bool(try literal())
            case "NULL":
                guard try literal() else { throw corrupt("true") }
                value = .null
            case "L":
                var list: [AttributeValue] = []
                try expect("[")
                if try peek() == UInt8(ascii: "]") {
                    index += 1
                } else {
                    repeat { list.append(try self.value()) } while try separator(closing: "]")
                }
                value = .l(list)
            case "M": value = .m(try map())
            default: throw corrupt("S, N, BOOL, NULL, L or M")
            }
            try expect("}")
            return value
        }

        mutating func string() throws -> String {
            try expect("\"")
            var start = index
            skipUnescaped()
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index - 1]), as: UTF8.self)
            }
            var utf8 = Array(bytes[start..<index])
            while index < bytes.count, bytes[index] == UInt8(ascii: "\\") {
                index += 1
                try unescape(into: &utf8)
                start = index
                skipUnescaped()
                utf8.append(contentsOf: bytes[start..<index])
            }
            try expect("\"")
            return String(decoding: utf8, as: UTF8.self)
        }

        /// Moves to the next quote or backslash.
        private mutating func skipUnescaped() {
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
                index += 1
            }
        }

        /// Appends the character escaped after a backslash.
        private mutating func unescape(into utf8: inout [UInt8]) throws {
            guard index < bytes.count else { throw corrupt("an escape") }
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(byte)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code), bytes[index...].starts(with: #"\u"#.utf8) {
                    index += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw corrupt("a low surrogate") }
                    code = 0x10000 + (code - 0xD800) << 10 + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { throw corrupt("a Unicode scalar") }
                utf8.append(contentsOf: String(scalar).utf8)
            default: throw corrupt("an escape")
            }
        }

        private mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count, let code = UInt32(
                String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
            else { throw corrupt("4 hex digits") }
            index += 4
            return code
        }

        private mutating func literal() throws -> Bool {
            _ = try peek()
            if bytes[index...].starts(with: "true".utf8) {
                index += 4
                return true
            }
            if bytes[index...].starts(with: "false".utf8) {
                index += 5
                return false
            }
            throw corrupt("true or false")
        }

        /// Consumes `,` (more follows) or `closing` (done).
        private mutating func separator(closing: Unicode.Scalar) throws -> Bool {
            let byte = try peek()
            guard byte == UInt8(ascii: ",") || byte == UInt8(ascii: closing) else {
                throw corrupt("',' or '\(closing)'")
            }
            index += 1
            return byte == UInt8(ascii: ",")
        }

        private mutating func expect(_ scalar: Unicode.Scalar) throws {
            guard try peek() == UInt8(ascii: scalar) else { throw corrupt("'\(scalar)'") }
            index += 1
        }

        /// The next byte that is not whitespace.
        private mutating func peek() throws -> UInt8 {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D
                || bytes[index] == 0x09
            {
                index += 1
            }
            guard index < bytes.count else { throw corrupt("more") }
            return bytes[index]
        }

        mutating func end() throws {
            guard (try? peek()) == nil else { throw corrupt("the end") }
        }

        private func corrupt(_ expected: String) -> PailError {
            PailError(.internalError, "Corrupt inventory item: expected \(expected) at byte \(index)")
        }
    }
}
