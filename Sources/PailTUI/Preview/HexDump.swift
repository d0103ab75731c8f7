/// Bytes as `hexdump -C` shows them, as many a line as fit the width: the offset, the bytes in hex, and
/// the printable ones as text (others as `.`).
///
/// ```swift
/// HexDump.lines(Array("PNG".utf8), width: 41)   // ["000000  50 4e 47                       PNG"]
/// ```
enum HexDump {
    /// The lines for `bytes` at most `width` columns wide (16, 8 or 4 bytes a line), at most `limit` of them.
    static func lines(_ bytes: [UInt8], width: Int, limit: Int = .max) -> [String] {
        let perLine = [16, 8].first { 9 + 4 * $0 <= width } ?? 4
        var lines: [String] = []
        var offset = 0
        while offset < bytes.count, lines.count < limit {
            let chunk = bytes[offset..<min(bytes.count, offset + perLine)]
            var line = hex(offset, digits: 6) + "  "
            for index in 0..<perLine { line += index < chunk.count ? hex(Int(chunk[chunk.startIndex + index]), digits: 2) + " " : "   " }
            line += " " + String(chunk.map { (0x20...0x7E).contains($0) ? Character(Unicode.Scalar($0)) : "." })
            lines.append(line)
            offset += perLine
        }
        return lines
    }

    private static func hex(_ value: Int, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
