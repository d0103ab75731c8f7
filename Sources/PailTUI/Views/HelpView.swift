/// The keys, generated from the key table so it is never out of date: the browser's by group, one per
/// line, then those of the other screens and the dialogs, a place a line. What does not fit scrolls
/// (`scroll` rows down; `maxScroll` says how far it goes).
enum HelpView {
    static func draw(theme: Theme, in rect: AppLayout.Rect, scroll: Int = 0, into grid: inout Grid) {
        let (page, used) = self.page(theme: theme, in: rect)
        let shown = rect.height - 1
        let first = max(0, min(scroll, used - shown))
        for row in 0..<max(0, min(shown, used - first)) {
            for column in 0..<rect.width { grid[rect.x + column, rect.y + row] = page[column, first + row] }
        }
        let more = used > shown ? "j/k scroll (\(first + shown < used ? "more below" : "the end")) · " : ""
        grid.write(
            DisplayWidth.shorten(more + "in prompts: ctrl-u clears, ctrl-w deletes a word · esc, q or ? closes", to: rect.width - 4),
            x: rect.x + 2, y: rect.y + rect.height - 1, style: theme[.dim])
    }

    /// How many rows the help can scroll down in `rect`.
    static func maxScroll(in rect: AppLayout.Rect) -> Int { max(0, page(theme: .builtIn, in: rect).used - (rect.height - 1)) }

    /// The whole help drawn from row 0, as tall as it needs (blocks go to a second column on a wide screen
    /// when the first is full), and the rows it used.
    private static func page(theme: Theme, in rect: AppLayout.Rect) -> (grid: Grid, used: Int) {
        let blocks = blocks(width: (rect.width >= 100 ? rect.width / 2 : rect.width) - 3)
        var grid = Grid(width: rect.width, height: 3 + blocks.reduce(0) { $0 + $1.lines.count + 2 })
        grid.fill(x: 0, y: 0, width: grid.width, height: grid.height, style: theme[.text])
        var y = 1
        grid.write(" Keys", x: 1, y: y, style: theme[.header])
        y += 1
        let columnWidth = rect.width >= 100 ? rect.width / 2 : rect.width
        var x = 2
        let top = y
        var used = y
        for block in blocks {
            if y + block.lines.count + 2 > rect.height, columnWidth < rect.width, x == 2 {
                x += columnWidth
                y = top
            }
            grid.write(block.title, x: x, y: y, style: theme[.header])
            y += 1
            for (keys, summary) in block.lines {
                if !keys.isEmpty { grid.write(DisplayWidth.fit(keys, to: 13), x: x + 1, y: y, style: theme[.key]) }
                let (summaryX, summaryWidth) = keys.isEmpty ? (x + 1, columnWidth - 3) : (x + 15, columnWidth - 17)
                grid.write(DisplayWidth.shorten(summary, to: summaryWidth), x: summaryX, y: y, style: theme[.text])
                y += 1
            }
            used = max(used, y)
            y += 1
        }
        return (grid, used)
    }

    /// A heading and its lines: keys and what they do, or (keys empty) a line of text.
    private struct Block {
        let title: String
        let lines: [(keys: String, summary: String)]
    }

    private static func blocks(width: Int) -> [Block] {
        let browser = KeyBinding.Group.allCases.map { group in
            Block(
                title: group.rawValue,
                lines: KeyBinding.browser.filter { $0.group == group }.map {
                    ($0.keys.map(\.label).joined(separator: " "), $0.summary)
                })
        }
        let elsewhere = KeyContext.allCases.filter { $0 != .browser }.flatMap { context in
            let bindings = (KeyBinding.table[context] ?? []).map { $0.keys.map(\.label).joined(separator: "/") + " " + $0.summary }
            return wrap(context.rawValue + ": ", bindings, width: width)
        }
        return browser + [Block(title: "Other screens and dialogs", lines: elsewhere.map { ("", $0) })]
    }

    /// `lead` then `items` separated by ` · `, in lines of at most `width` columns (an item is not split);
    /// lines after the first are indented.
    private static func wrap(_ lead: String, _ items: [String], width: Int) -> [String] {
        var lines: [String] = []
        var line = lead
        for (index, item) in items.enumerated() {
            let separator = index == 0 ? "" : " · "
            if index > 0, DisplayWidth.of(line + separator + item) > width {
                lines.append(line + " ·")
                line = "  " + item
            } else {
                line += separator + item
            }
        }
        return lines + [line]
    }
}
