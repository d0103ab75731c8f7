/// How a cell looks: colours and attributes.
///
/// ```swift
/// let selected = Style(foreground: .ansi(0), background: .ansi(6), bold: true)
/// ```
public struct Style: Sendable, Hashable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var bold: Bool
    public var dim: Bool
    public var italic: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(
        foreground: TerminalColor = .standard, background: TerminalColor = .standard, bold: Bool = false, dim: Bool = false,
        italic: Bool = false, underline: Bool = false, reverse: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.italic = italic
        self.underline = underline
        self.reverse = reverse
    }

    /// The terminal's default look.
    public static let plain = Style()

    /// The same attributes without colours (`NO_COLOR`, monochrome terminals).
    public var withoutColor: Style {
        var style = self
        style.foreground = .standard
        style.background = .standard
        return style
    }

    /// The style on a terminal with `colors` colours; without colour support, attributes only.
    public func reduced(to colors: Int) -> Style {
        guard colors >= 8 else { return withoutColor }
        var style = self
        style.foreground = foreground.reduced(to: colors)
        style.background = background.reduced(to: colors)
        return style
    }
}
