/// A colour as a theme names it: the terminal's own, one of the 16 ANSI colours, or one of 256.
///
/// ```swift
/// TerminalColor.parse("#ff8700")   // .indexed(208), the nearest of the 256
/// TerminalColor.parse("blue")      // .ansi(4)
/// ```
public enum TerminalColor: Sendable, Hashable {
    /// The terminal's default foreground or background.
    case standard
    /// ANSI colours 0–15 (black, red, green, yellow, blue, magenta, cyan, white, then the bright ones).
    case ansi(UInt8)
    /// The xterm 256-colour palette.
    case indexed(UInt8)

    static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses `default`, an ANSI name (`red`, `bright-blue`), a palette index (`208`) or `#rrggbb`.
    public static func parse(_ text: String) -> TerminalColor? {
        let name = text.lowercased()
        if name == "default" || name == "none" { return .standard }
        if let index = ansiNames.firstIndex(of: name) { return .ansi(UInt8(index)) }
        if name.hasPrefix("bright-"), let index = ansiNames.firstIndex(of: String(name.dropFirst(7))) {
            return .ansi(UInt8(index + 8))
        }
        if let index = UInt8(name) { return index < 16 ? .ansi(index) : .indexed(index) }
        if name.hasPrefix("#"), name.count == 7, let rgb = UInt32(name.dropFirst(), radix: 16) {
            return .indexed(nearestIndex(red: UInt8(rgb >> 16 & 0xFF), green: UInt8(rgb >> 8 & 0xFF), blue: UInt8(rgb & 0xFF)))
        }
        return nil
    }

    /// The colour on a terminal with `colors` colours (8, 16 or 256): a 256-colour index becomes the
    /// nearest ANSI colour, bright ANSI colours become their plain ones on 8-colour terminals.
    public func reduced(to colors: Int) -> TerminalColor {
        switch self {
        case .standard: return self
        case .ansi(let index): return colors >= 16 ? self : .ansi(index % 8)
        case .indexed(let index):
            if colors >= 256 { return self }
            let (red, green, blue) = Self.rgb(ofIndex: index)
            return .ansi(Self.nearestANSI(red: red, green: green, blue: blue, bright: colors >= 16))
        }
    }

    /// The palette index a curses or escape-sequence backend uses; nil for the terminal's default.
    public var paletteIndex: Int? {
        switch self {
        case .standard: return nil
        case .ansi(let index), .indexed(let index): return Int(index)
        }
    }

    // MARK: - The xterm palette

    private static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]
    private static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static func rgb(ofIndex index: UInt8) -> (Int, Int, Int) {
        let value = Int(index)
        if value < 16 { return ansiRGB[value] }
        if value >= 232 {
            let level = 8 + (value - 232) * 10
            return (level, level, level)
        }
        let cube = value - 16
        return (cubeLevels[cube / 36], cubeLevels[cube / 6 % 6], cubeLevels[cube % 6])
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let (dr, dg, db) = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        return dr * dr + dg * dg + db * db
    }

    static func nearestIndex(red: UInt8, green: UInt8, blue: UInt8) -> UInt8 {
        let target = (Int(red), Int(green), Int(blue))
        let best = (16...255).min { distance(rgb(ofIndex: UInt8($0)), target) < distance(rgb(ofIndex: UInt8($1)), target) }
        return UInt8(best ?? 16)
    }

    private static func nearestANSI(red: Int, green: Int, blue: Int, bright: Bool) -> UInt8 {
        let candidates = bright ? 0..<16 : 0..<8
        let best = candidates.min { distance(ansiRGB[$0], (red, green, blue)) < distance(ansiRGB[$1], (red, green, blue)) }
        return UInt8(best ?? 7)
    }
}
