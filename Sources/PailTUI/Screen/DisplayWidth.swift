import CNcursesw
import Foundation

/// How many terminal columns text takes: 2 for wide characters (CJK, most emoji), 0 for combining
/// marks and zero-width characters, 1 otherwise, as `wcwidth` says for a UTF-8 locale.
public enum DisplayWidth {
    /// `wcwidth` answers for UTF-8 only once the process has a UTF-8 locale; set it once, first.
    private static let localeReady: Bool = cn_use_utf8_locale() == 1

    /// Sets the UTF-8 character locale (once); curses needs it before it starts.
    @discardableResult
    public static func useUTF8Locale() -> Bool { localeReady }

    /// The columns one grapheme takes (its first scalar decides; emoji presentation makes it 2).
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue { return (0x20...0x7E).contains(ascii) ? 1 : 0 }
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.contains(where: { $0.value == 0xFE0F }) || (first.properties.isEmojiPresentation && first.value > 0xFF) {
            return 2
        }
        let width = localeReady ? cn_wcwidth(first.value) : 1
        if width < 0 { return first.value < 0x20 || (0x7F...0x9F).contains(first.value) ? 0 : 1 }
        return Int(width)
    }

    /// The columns a string takes (printable ASCII, the common case, without looking at graphemes).
    public static func of(_ text: String) -> Int {
        if text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) { return text.utf8.count }
        return text.reduce(0) { $0 + of($1) }
    }

    /// The text cut to fit `width` columns, ending in `…` if it was cut (names; messages use `shorten`).
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        guard of(text) > width else { return text }
        var result = ""
        var used = 0
        for character in text {
            let columns = of(character)
            if used + columns > width - 1 { break }
            result.append(character)
            used += columns
        }
        return result + "…"
    }

    /// A message cut to fit `width` columns at a word boundary, ending in `…` if it was cut. Every view that shows
    /// a message in too little room goes through it. A cut at the last space that would keep less than half the
    /// width (a long path, a URL) cuts inside the word instead, as `truncate` does.
    public static func shorten(_ text: String, to width: Int) -> String {
        let cut = truncate(text, to: width)
        guard cut != text, cut.count > 1 else { return cut }
        var kept = Substring(cut.dropLast())
        if text[text.index(text.startIndex, offsetBy: kept.count)] != " ", let space = kept.lastIndex(of: " "),
            of(String(kept[..<space])) * 2 >= width
        {
            kept = kept[..<space]
        }
        while let last = kept.last, last == " " || ",;:(".contains(last) { kept.removeLast() }
        return kept.isEmpty ? cut : kept + "…"
    }

    /// A message split into lines of at most `width` columns at spaces; a word longer than a line (a URL, a
    /// path) is cut.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0, !text.isEmpty else { return [text] }
        var lines: [String] = []
        var line = ""
        var started = false
        for piece in text.split(separator: " ", omittingEmptySubsequences: false) {
            var word = String(piece)
            let joined = started ? line + " " + word : word
            started = true
            if of(joined) <= width {
                line = joined
                continue
            }
            if !line.isEmpty { lines.append(line) }
            while of(word) > width {
                var head = String(word.prefix(1))
                for character in word.dropFirst() {
                    if of(head) + of(character) > width { break }
                    head.append(character)
                }
                lines.append(head)
                word.removeFirst(head.count)
            }
            line = word
        }
        lines.append(line)
        return lines
    }

    /// The text cut or padded with spaces to exactly `width` columns; `alignRight` pads on the left.
    public static func fit(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let cut = truncate(text, to: width)
        let padding = String(repeating: " ", count: max(0, width - of(cut)))
        return alignRight ? padding + cut : cut + padding
    }
}
