import Testing

@testable import PailTUI

/// A whole screen as text a test can compare: each row between `|`s (trailing spaces show), then a row
/// of letters naming the style of each cell by its theme role, then the legend of any style that is no
/// role's (a selected match, a success on the status bar).
///
/// ```swift
/// assertSnapshot(ui.render(width: 50, height: 12), """
///     | Pail  alice · /vault            ? help  q quit |
///     |TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT|
///     …
///     """)
/// ```
enum ScreenSnapshot {
    /// The letter of each role, in the order ties go (roles of the same style take the first letter).
    static let letters: [(Theme.Role, Character)] = [
        (.text, "."), (.dim, "d"), (.folder, "F"), (.file, "f"), (.selected, "S"), (.pending, "p"), (.deleting, "x"),
        (.title, "T"), (.header, "H"), (.border, "b"), (.status, "s"), (.error, "E"), (.success, "g"), (.key, "K"),
        (.quotaLow, "1"), (.quotaMid, "2"), (.quotaHigh, "3"), (.quotaEmpty, "0"), (.eventQueued, "q"), (.eventDue, "u"),
        (.eventRetrying, "r"), (.eventDead, "X"), (.dialog, "D"), (.dialogTitle, "W"), (.input, "I"), (.match, "M"), (.chosen, "C"),
    ]

    static func text(of grid: Grid, theme: Theme = .builtIn) -> String {
        var others: [Style] = []
        var lines: [String] = []
        for row in 0..<grid.height {
            var styles = ""
            for column in 0..<grid.width {
                let style = grid[column, row].style
                if let letter = letters.first(where: { theme[$0.0] == style })?.1 {
                    styles.append(letter)
                } else {
                    if !others.contains(style) { others.append(style) }
                    styles += String(UnicodeScalar(UInt8(ascii: "a") + UInt8(others.firstIndex(of: style)!)))
                }
            }
            lines += ["|" + grid.text(row: row) + "|", "|" + styles + "|"]
        }
        let legend = others.enumerated().map { index, style in
            "\(Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(index)))): \(describe(style))"
        }
        return (lines + legend).joined(separator: "\n")
    }

    private static func describe(_ style: Style) -> String {
        let attributes = [
            ("bold", style.bold), ("dim", style.dim), ("italic", style.italic), ("underline", style.underline),
            ("reverse", style.reverse),
        ].filter(\.1).map(\.0)
        return (["fg \(style.foreground)", "bg \(style.background)"] + attributes).joined(separator: " ")
    }
}

/// Checks a whole screen against its snapshot; a failure lists the lines that differ, then the whole
/// screen as it is now (to paste in, once the change is meant).
func assertSnapshot(_ grid: Grid, _ expected: String, theme: Theme = .builtIn, sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = ScreenSnapshot.text(of: grid, theme: theme)
    guard actual != expected else { return }
    let (actualLines, expectedLines) = (actual.components(separatedBy: "\n"), expected.components(separatedBy: "\n"))
    var differences: [String] = []
    for index in 0..<max(actualLines.count, expectedLines.count) {
        let want = index < expectedLines.count ? expectedLines[index] : "<none>"
        let got = index < actualLines.count ? actualLines[index] : "<none>"
        if want != got { differences.append("line \(index + 1):\n  expected \(want)\n  actual   \(got)") }
    }
    Issue.record(
        "The screen differs from its snapshot:\n\(differences.joined(separator: "\n"))\n\nThe screen now:\n\(actual)",
        sourceLocation: sourceLocation)
}
