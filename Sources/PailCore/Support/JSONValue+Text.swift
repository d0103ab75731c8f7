/// JSON text for `JSONValue`, written and read by hand: events and execution histories are
/// encoded and decoded once per delivery, where `JSONEncoder`/`JSONDecoder` cost most of the time.
extension JSONValue {
    /// Compact JSON text with keys in UTF-8 byte order (stable, so it can be compared and stored), or
    /// in no particular order when `sortedKeys` is false (cheaper, for text only ever parsed again).
    /// Whole numbers below 2^53 are written without a fraction; a non-finite number is written as `null`.
    public func jsonString(sortedKeys: Bool = true) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(to: &out, sortedKeys: sortedKeys)
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses JSON text (RFC 8259); throws `InvalidArgument` with the byte where it went wrong.
    public static func parse(_ text: String) throws -> JSONValue {
        var text = text
        return try text.withUTF8 { utf8 in
            var scanner = JSONScanner(bytes: UnsafeRawBufferPointer(utf8)) { expected, index in
                PailError(.invalidArgument, "Not valid JSON: expected \(expected) at byte \(index)")
            }
            let value = try read(&scanner, depth: 0)
            try scanner.end()
            return value
        }
    }

    /// Nesting beyond this is refused rather than recursed into.
    static let maxDepth = 512

    private static func read(_ scanner: inout JSONScanner, depth: Int) throws -> JSONValue {
        guard depth < maxDepth else { throw scanner.corrupt("at most \(maxDepth) levels of nesting") }
        switch try scanner.peek() {
        case UInt8(ascii: "\""): return .string(try scanner.string())
        case UInt8(ascii: "{"):
            scanner.index += 1
            var fields: [String: JSONValue] = [:]
            if try scanner.closes("}") { return .object(fields) }
            repeat {
                let name = try scanner.string()
                try scanner.expect(":")
                fields[name] = try read(&scanner, depth: depth + 1)
            } while try scanner.separator(closing: "}")
            return .object(fields)
        case UInt8(ascii: "["):
            scanner.index += 1
            var elements: [JSONValue] = []
            if try scanner.closes("]") { return .array(elements) }
            repeat { elements.append(try read(&scanner, depth: depth + 1)) } while try scanner.separator(closing: "]")
            return .array(elements)
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool(try scanner.literal())
        case UInt8(ascii: "n"):
            guard try scanner.word("null") else { throw scanner.corrupt("a value") }
            return .null
        default: return .number(try scanner.number())
        }
    }

    private func write(to out: inout [UInt8], sortedKeys: Bool) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number):
            if !number.isFinite {
                out.append(contentsOf: "null".utf8)
            } else if number.rounded() == number, abs(number) < 9.0e15 {
                out.append(contentsOf: String(Int64(number)).utf8)
            } else {
                out.append(contentsOf: String(number).utf8)
            }
        case .string(let text): JSONWriter.string(text, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                element.write(to: &out, sortedKeys: sortedKeys)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            func field(_ index: Int, _ name: String, _ value: JSONValue) {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.string(name, to: &out)
                out.append(UInt8(ascii: ":"))
                value.write(to: &out, sortedKeys: sortedKeys)
            }
            if sortedKeys {
                for (index, (name, value)) in fields.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
                    field(index, name, value)
                }
            } else {
                for (index, (name, value)) in fields.enumerated() { field(index, name, value) }
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}
