import PailCore

/// The user's files as a tree: a header, then only the rows that fit, with sizes and times aligned.
enum TreeView {
    static func draw(_ state: AppState, theme: Theme, in rect: AppLayout.Rect, into grid: inout Grid) {
        guard !rect.isEmpty else { return }
        let showTime = rect.width >= 60
        let sizeWidth = 10
        let timeWidth = showTime ? 17 : 0
        let nameWidth = rect.width - sizeWidth - timeWidth - 3  // one free column before the divider
        var header = DisplayWidth.fit(" Name", to: nameWidth + 1) + DisplayWidth.fit("Size", to: sizeWidth, alignRight: true)
        if showTime { header += "  " + DisplayWidth.fit("Modified", to: timeWidth - 1) }
        grid.write(DisplayWidth.fit(header, to: rect.width), x: rect.x, y: rect.y, style: theme[.header])
        let rows = rect.height - 1
        let visible = state.visible
        let range = state.rangeRows
        if visible.isEmpty { return drawEmpty(state, theme: theme, in: rect, into: &grid) }
        for line in 0..<rows {
            let index = state.scrollTop + line
            guard index < visible.count else { break }
            let y = rect.y + 1 + line
            let selected = index == state.selection
            guard let row = visible[index] else {
                // A big folder's row whose window is still being read.
                grid.write(" …", x: rect.x, y: y, style: selected ? theme[.selected] : theme[.dim], maxWidth: rect.width)
                continue
            }
            // A row in the selection (or the open range) is marked in the first column and drawn in its style.
            let chosen = range?.contains(index) == true || state.chosen.contains(row.path)
            let base = chosen ? theme[.chosen] : style(of: row, theme: theme)
            let look = selected ? theme[.selected] : base
            if selected { grid.fill(x: rect.x, y: y, width: rect.width, height: 1, style: look) }
            let indent = String(repeating: "  ", count: row.depth)
            let glyph: String
            switch row.kind {
            case .folder(let expanded, _): glyph = expanded ? "▾ " : "▸ "
            case .file, .arriving: glyph = "  "
            }
            let mark = row.mark.map { " " + $0.glyph } ?? ""
            let name = row.name + (row.isFolder ? "/" : "")
            let lead = (chosen ? "●" : " ") + indent + glyph
            let shown = DisplayWidth.truncate(name, to: max(1, nameWidth - DisplayWidth.of(indent) - 3 - DisplayWidth.of(mark)))
            grid.write(lead + shown + mark, x: rect.x, y: y, style: look, maxWidth: nameWidth + 1)
            if let match = shown.range(of: state.filter.text, options: .caseInsensitive), !state.filter.text.isEmpty {
                // The part the filter matched: in the match style, or underlined on the selected row.
                var highlight = selected ? look : theme[.match]
                if selected {
                    highlight.underline = true
                } else if highlight.background == .standard {
                    highlight.background = look.background
                }
                grid.write(String(shown[match]), x: rect.x + DisplayWidth.of(lead + shown[..<match.lowerBound]), y: y, style: highlight)
            }
            var right = DisplayWidth.fit(sizeText(row), to: sizeWidth, alignRight: true)
            if showTime { right += "  " + DisplayWidth.fit(timeText(row), to: timeWidth - 1) }
            grid.write(right, x: rect.x + nameWidth + 1, y: y, style: selected ? look : (row.mark == nil && !chosen ? theme[.dim] : base))
        }
        // Where the selection is, at the right of the name column's header (when it fits beside "Name").
        let position = "\(state.selection + 1)/\(visible.count) "
        let positionX = rect.x + nameWidth + 1 - DisplayWidth.of(position)
        if visible.count > rows, rows > 0, positionX > rect.x + 6 {
            grid.write(position, x: positionX, y: rect.y, style: theme[.header])
        }
    }

    private static func style(of row: TreeRow, theme: Theme) -> Style {
        switch row.mark {
        case .uploading?, .moving?: return theme[.pending]
        case .deleting?: return theme[.deleting]
        case nil: return row.isFolder ? theme[.folder] : theme[.file]
        }
    }

    /// The screen row where `draw` puts the visible row `index`, if it is scrolled into view.
    static func screenRow(of index: Int, _ state: AppState, in rect: AppLayout.Rect) -> Int? {
        let line = index - state.scrollTop
        guard index < state.visible.count, line >= 0, line < rect.height - 1 else { return nil }
        return rect.y + 1 + line
    }

    private static func sizeText(_ row: TreeRow) -> String {
        if let total = row.total { return ByteSize.format(total.bytes) }
        switch row.kind {
        case .file(let entry): return ByteSize.format(entry.size)
        case .folder(_, let items?): return "\(count(items)) \(Plural.noun(items, "item"))"
        case .arriving(let size?): return ByteSize.format(size)
        case .folder(_, nil), .arriving(nil): return ""
        }
    }

    /// A count in at most four characters: 999, 1.2k, 12k, 123k, 1.2M.
    private static func count(_ number: Int) -> String {
        switch number {
        case ..<1_000: return "\(number)"
        case ..<10_000: return "\(number / 1_000).\(number % 1_000 / 100)k"
        case ..<1_000_000: return "\(number / 1_000)k"
        case ..<10_000_000: return "\(number / 1_000_000).\(number % 1_000_000 / 100_000)M"
        default: return "\(number / 1_000_000)M"
        }
    }

    private static func timeText(_ row: TreeRow) -> String {
        switch row.kind {
        case .file(let entry): return Format.dateTime(entry.modified)
        case .arriving: return "arriving…"
        case .folder: return row.total.map { "\(count($0.files)) \(Plural.noun($0.files, "file"))" } ?? ""
        }
    }

    private static func drawEmpty(_ state: AppState, theme: Theme, in rect: AppLayout.Rect, into grid: inout Grid) {
        let lines: [(String, Theme.Role)]
        if !state.loaded {
            lines = [("Loading…", .dim)]
        } else if !state.filter.text.isEmpty {
            lines = [("Nothing matches “\(state.filter.text)”", .dim), ("esc clears the filter", .dim)]
        } else {
            lines = [
                ("This vault is empty.", .text), ("", .text), ("Press u to upload a file or a folder,", .text),
                ("or ? to see every key.", .text),
            ]
        }
        for (index, (line, role)) in lines.enumerated() {
            grid.write(DisplayWidth.shorten(line, to: rect.width - 4), x: rect.x + 3, y: rect.y + 2 + index, style: theme[role])
        }
    }
}
