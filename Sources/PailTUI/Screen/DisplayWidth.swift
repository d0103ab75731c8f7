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

    /// The text cut to fit `width` columns, ending in `…` if it was cut.
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

    /// The text cut or padded with spaces to exactly `width` columns; `alignRight` pads on the left.
    public static func fit(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let cut = truncate(text, to: width)
        let padding = String(repeating: " ", count: max(0, width - of(cut)))
        return alignRight ? padding + cut : cut + padding
    }
}
