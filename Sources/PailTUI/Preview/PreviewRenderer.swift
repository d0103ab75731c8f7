import PailCore

/// Turns the head of a file into a `FilePreview`: text when the bytes are UTF-8 without NUL bytes (laid out
/// for a terminal: tabs expanded, control characters as symbols), otherwise a hex dump; with what the
/// header says about pictures and archives.
///
/// ```swift
/// PreviewRenderer.file(head: Array("a\tb\n".utf8), size: 4).body   // .text(["a   b"])
/// ```
enum PreviewRenderer {
    /// How much of a file the pane reads: never the whole of a big file.
    static let headBytes = 64 * 1024
    /// How much of a binary file's head the hex dump keeps.
    static let hexBytes = 4096
    /// At most this many lines, each cut at `maxColumns`: more than any pane shows.
    static let maxLines = 300
    static let maxColumns = 400
    /// Tab stops every this many columns.
    static let tabWidth = 4

    /// The preview of a file of `size` bytes from its first bytes (`head`) and, for archives whose index
    /// is at the end, its last ones (`tail`).
    static func file(head: [UInt8], tail: [UInt8] = [], size: Int64) -> FilePreview {
        let kind = FileSignatures.describe(head: head, tail: tail, size: size)
        if size == 0 { return FilePreview(facts: ["empty file"], body: .none) }
        if let text = decodeText(head, isWhole: Int64(head.count) >= size) {
            let lines = textLines(text)
            let count = Int64(head.count) >= size && lines.count < maxLines ? ", " + Plural.count(lines.count, "line") : ""
            return FilePreview(facts: (kind.map { [$0] } ?? []) + ["text, \(ByteSize.format(size))\(count)"], body: .text(lines))
        }
        return FilePreview(
            facts: (kind.map { [$0] } ?? []) + ["binary, \(ByteSize.format(size))"], body: .hex(Array(head.prefix(hexBytes))))
    }

    /// A folder's preview: how many entries it holds and the first of them.
    static func folder(items: Int, names: [String]) -> FilePreview {
        FilePreview(facts: ["folder, \(Plural.count(items, "item"))"], body: items == 0 ? .none : .names(names))
    }

    /// The bytes as text, or nil if they are not text: a NUL byte, or bytes that are not UTF-8. When the
    /// bytes are only the head of the file, a character cut at the end is left out rather than called binary.
    static func decodeText(_ bytes: [UInt8], isWhole: Bool) -> String? {
        guard !bytes.contains(0) else { return nil }
        var end = bytes.count
        if !isWhole, let lead = bytes.suffix(3).lastIndex(where: { $0 >= 0xC0 }) {
            let length = bytes[lead] >= 0xF0 ? 4 : bytes[lead] >= 0xE0 ? 3 : 2
            if lead + length > bytes.count { end = lead }
        }
        var text = String(validating: bytes[..<end], as: UTF8.self)
        if text?.first == "\u{FEFF}" { text?.removeFirst() }  // a byte-order mark is not content
        return text
    }

    /// Text as lines a terminal can show as they are: tabs expanded to the next stop, control characters
    /// (escape, carriage return, C1 codes) replaced by visible symbols, each line cut at `maxColumns`.
    static func textLines(_ text: String) -> [String] {
        var lines: [String] = []
        var line = ""
        var column = 0
        for character in text {
            if character == "\n" || character == "\r\n" {
                lines.append(line)
                if lines.count == maxLines { return lines }
                (line, column) = ("", 0)
                continue
            }
            guard column < maxColumns else { continue }
            if character == "\t" {
                let spaces = tabWidth - column % tabWidth
                line += String(repeating: " ", count: spaces)
                column += spaces
                continue
            }
            let shown = visible(character)
            line.append(shown)
            column += DisplayWidth.of(shown)
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// The character, or a visible stand-in for a control character: `␛` for escape (U+241B), `␡` for
    /// delete, `�` for a C1 code or a character that would carry one.
    static func visible(_ character: Character) -> Character {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let scalar = scalars.first {
            if scalar.value < 0x20 { return Character(Unicode.Scalar(0x2400 + scalar.value)!) }
            if scalar.value == 0x7F { return "\u{2421}" }
        }
        if scalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) { return "\u{FFFD}" }
        return character
    }
}
