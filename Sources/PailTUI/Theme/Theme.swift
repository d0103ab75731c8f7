/// A named set of styles, one per role the views draw with; loaded from a TOML file in `themes/`.
///
/// ```swift
/// let theme = Theme.builtIn
/// grid.write("docs/", x: 0, y: 0, style: theme[.folder])
/// ```
public struct Theme: Sendable, Equatable {
    /// What a style is for. The raw value is the key in a theme file's `[styles]` table.
    public enum Role: String, Sendable, CaseIterable {
        case text, dim, folder, file, selected, pending, deleting
        case title, header, border, status, error, success, key
        case quotaLow = "quota-low", quotaMid = "quota-mid", quotaHigh = "quota-high", quotaEmpty = "quota-empty"
        case eventQueued = "event-queued", eventDue = "event-due", eventRetrying = "event-retrying", eventDead = "event-dead"
        case dialog, dialogTitle = "dialog-title", input, match
        /// Rows in the selection (`space`, `v`, `*`); `selected` is the cursor's row.
        case chosen
    }

    public let name: String
    private var styles: [Role: Style]

    public init(name: String, styles: [Role: Style]) {
        self.name = name
        self.styles = styles
    }

    /// The style for a role; roles a theme leaves out look plain.
    public subscript(role: Role) -> Style { styles[role] ?? .plain }

    /// Whether the theme gives `role` a style of its own (`text = {}` counts).
    public func defines(_ role: Role) -> Bool { styles[role] != nil }

    /// The same theme for a terminal with `colors` colours; `noColor` (the `NO_COLOR` convention)
    /// keeps bold, dim, underline and reverse but drops every colour.
    public func adapted(colors: Int, noColor: Bool) -> Theme {
        Theme(name: name, styles: styles.mapValues { noColor ? $0.withoutColor : $0.reduced(to: colors) })
    }

    /// The default theme, built in so Pail looks right even without its `themes/` folder.
    public static let builtIn = Theme(
        name: "default",
        styles: [
            .text: Style(), .dim: Style(foreground: .indexed(245)), .folder: Style(foreground: .indexed(75), bold: true),
            .file: Style(), .selected: Style(foreground: .indexed(16), background: .indexed(117)),
            .pending: Style(foreground: .indexed(214), italic: true), .deleting: Style(foreground: .indexed(203), dim: true),
            .title: Style(foreground: .indexed(16), background: .indexed(75), bold: true),
            .header: Style(foreground: .indexed(250), bold: true),
            .border: Style(foreground: .indexed(240)), .status: Style(foreground: .indexed(252), background: .indexed(236)),
            .error: Style(foreground: .indexed(203), bold: true), .success: Style(foreground: .indexed(114)),
            .key: Style(foreground: .indexed(222), bold: true),
            .quotaLow: Style(foreground: .indexed(114)), .quotaMid: Style(foreground: .indexed(221)),
            .quotaHigh: Style(foreground: .indexed(203), bold: true),
            .quotaEmpty: Style(foreground: .indexed(238)),
            .eventQueued: Style(foreground: .indexed(245)), .eventDue: Style(foreground: .indexed(117)),
            .eventRetrying: Style(foreground: .indexed(214)), .eventDead: Style(foreground: .indexed(203), bold: true),
            .dialog: Style(foreground: .indexed(252), background: .indexed(237)),
            .dialogTitle: Style(foreground: .indexed(16), background: .indexed(222), bold: true),
            .input: Style(foreground: .indexed(231), background: .indexed(239)), .match: Style(foreground: .indexed(222), underline: true),
            .chosen: Style(foreground: .indexed(222), bold: true),
        ])
}
