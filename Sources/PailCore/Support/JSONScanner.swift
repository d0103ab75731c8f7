/// Reads JSON tokens from UTF-8 bytes: the shared lexer of the hand-written JSON readers
/// (`JSONValue.parse`, the inventory's `ItemJSON`), which replace `JSONDecoder` on hot paths.
struct JSONScanner {
    let bytes: UnsafeRawBufferPointer
    /// `bytes` as bytes: what the loops read (a raw buffer's subscript is not inlined).
    private let utf8: UnsafeBufferPointer<UInt8>
    var index = 0
    /// Makes the error for input that is not what was expected at `index`.
    let failure: (_ expected: String, _ index: Int) -> PailError

    init(bytes: UnsafeRawBufferPointer, failure: @escaping (_ expected: String, _ index: Int) -> PailError) {
        self.bytes = bytes
        utf8 = bytes.assumingMemoryBound(to: UInt8.self)
        self.failure = failure
    }

    func corrupt(_ expected: String) -> PailError { failure(expected, index) }

    /// The next byte that is not whitespace (not consumed).
    @inline(__always)
    mutating func peek() throws -> UInt8 {
        skipWhitespace()
        guard index < utf8.count else { throw corrupt("more") }
        return utf8[index]
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < utf8.count,
            utf8[index] == 0x20 || utf8[index] == 0x0A || utf8[index] == 0x0D
                || utf8[index] == 0x09
        {
            index += 1
        }
    }

    @inline(__always)
    mutating func expect(_ scalar: Unicode.Scalar) throws {
        guard try peek() == UInt8(ascii: scalar) else { throw corrupt("'\(scalar)'") }
        index += 1
    }

    /// Consumes `closing` if it comes next (an empty object or array).
    @inline(__always)
    mutating func closes(_ closing: Unicode.Scalar) throws -> Bool {
        guard try peek() == UInt8(ascii: closing) else { return false }
        index += 1
        return true
    }

    /// Consumes `,` (more follows) or `closing` (done).
    @inline(__always)
    mutating func separator(closing: Unicode.Scalar) throws -> Bool {
        let byte = try peek()
        guard byte == UInt8(ascii: ",") || byte == UInt8(ascii: closing) else {
            throw corrupt("',' or '\(closing)'")
        }
        index += 1
        return byte == UInt8(ascii: ",")
    }

    /// Consumes `word` if it comes next.
    mutating func word(_ word: String) throws -> Bool {
        _ = try peek()
        guard bytes[index...].starts(with: word.utf8) else { return false }
        index += word.utf8.count
        return true
    }

    /// `true` or `false`.
    mutating func literal() throws -> Bool {
        if try word("true") { return true }
        if try word("false") { return false }
        throw corrupt("true or false")
    }

    /// A number as RFC 8259 writes it.
    mutating func number() throws -> Double {
        _ = try peek()
        let start = index
        if utf8[index] == UInt8(ascii: "-") { index += 1 }
        let digits = index
        while index < utf8.count, Self.numberBytes.contains(utf8[index]) { index += 1 }
        guard index > digits, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(utf8[digits]),
            let value = Double(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)),
            value.isFinite
        else { throw failure("a number", start) }
        return value
    }

    private static let numberBytes = Set("0123456789.eE+-".utf8)

    mutating func string() throws -> String { try withString { String(decoding: $0, as: UTF8.self) } }

    /// Reads a string and hands its UTF-8 bytes to `body` (valid during the call only): a slice of the input
    /// when the string has no escapes, so reading it copies nothing.
    mutating func withString<T>(_ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        if let text = try unescapedString() { return try body(text) }
        try expect("\"")
        var start = index
        skipUnescaped()
        var text = Array(bytes[start..<index])
        while index < utf8.count, utf8[index] == UInt8(ascii: "\\") {
            index += 1
            try unescape(into: &text)
            start = index
            skipUnescaped()
            text.append(contentsOf: bytes[start..<index])
        }
        try expect("\"")
        return try text.withUnsafeBytes(body)
    }

    /// The UTF-8 bytes of the string that comes next, consumed, as a slice of the input (nothing copied); nil,
    /// with nothing consumed, if the string holds an escape (`string()` reads it).
    @inline(__always)
    mutating func unescapedString() throws -> UnsafeRawBufferPointer? {
        let opening = index
        try expect("\"")
        let start = index
        skipUnescaped()
        guard index < utf8.count, utf8[index] == UInt8(ascii: "\"") else {
            index = opening
            return nil
        }
        index += 1
        return UnsafeRawBufferPointer(rebasing: bytes[start..<index - 1])
    }

    /// Fails unless only whitespace is left.
    mutating func end() throws {
        skipWhitespace()
        guard index == utf8.count else { throw corrupt("the end") }
    }

    /// Moves to the next quote or backslash.
    @inline(__always)
    private mutating func skipUnescaped() {
        while index < utf8.count, utf8[index] != UInt8(ascii: "\""), utf8[index] != UInt8(ascii: "\\") {
            index += 1
        }
    }

    /// Appends the character escaped after a backslash.
    private mutating func unescape(into text: inout [UInt8]) throws {
        guard index < utf8.count else { throw corrupt("an escape") }
        let byte = utf8[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(byte)
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800..<0xDC00).contains(code), bytes[index...].starts(with: #"\u"#.utf8) {
                index += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw corrupt("a low surrogate") }
                code = 0x10000 + (code - 0xD800) << 10 + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(code) else { throw corrupt("a Unicode scalar") }
            text.append(contentsOf: String(scalar).utf8)
        default: throw corrupt("an escape")
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= utf8.count,
            let code = UInt32(
                String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw corrupt("4 hex digits") }
        index += 4
        return code
    }
}

/// Writes JSON tokens as UTF-8 bytes: the shared half of the hand-written JSON writers.
package enum JSONWriter {
    /// A string, quoted, with `"`, `\` and control characters escaped (slashes and non-ASCII as they are).
    package static func string(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                if byte < 0x20 {
                    out.append(contentsOf: #"\u00"#.utf8)
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0xF)])
                } else {
                    out.append(UInt8(ascii: "\\"))
                    out.append(byte)
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
