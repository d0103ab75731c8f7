import PailCore

/// The search screen: the pattern being typed, how many paths match (while the search reads on, so far),
/// and the results that fit, each path with its matched part highlighted and a file's size.
enum SearchView {
    static func draw(_ search: SearchState, theme: Theme, in rect: AppLayout.Rect, into grid: inout Grid) {
        guard rect.height > 2 else { return }
        grid.fill(x: rect.x, y: rect.y, width: rect.width, height: 1, style: theme[.input])
        let end = grid.write(" Search: ", x: rect.x, y: rect.y, style: theme[.input])
        grid.write(search.field.text + "▏", x: end, y: rect.y, style: theme[.input], maxWidth: rect.width - end)
        let mode = search.fuzzy ? "fuzzy" : "substring"
        let hints = "   enter: go there · tab: \(mode) → \(search.fuzzy ? "substring" : "fuzzy") · esc: close"
        let (summary, role) = summary(of: search)
        let summaryEnd = grid.write(" " + summary, x: rect.x, y: rect.y + 1, style: theme[role], maxWidth: rect.width)
        grid.write(hints, x: summaryEnd, y: rect.y + 1, style: theme[.dim], maxWidth: rect.width - summaryEnd)
        let rows = rect.height - 2
        let top = top(of: search, rows: rows)
        let sizeWidth = 10
        for line in 0..<rows {
            let index = top + line
            guard index < search.hits.count else { break }
            drawHit(
                search.hits[index], selected: index == search.selection, theme: theme, y: rect.y + 2 + line, x: rect.x,
                width: rect.width, sizeWidth: sizeWidth, into: &grid)
        }
    }

    /// The screen row of the selected result, in a screen of `rect` (the headless `screen` marks it).
    static func screenRow(of search: SearchState, in rect: AppLayout.Rect) -> Int? {
        guard search.selected != nil, rect.height > 2 else { return nil }
        return rect.y + 2 + search.selection - top(of: search, rows: rect.height - 2)
    }

    /// The first result shown: the selected one is kept in the middle once the list scrolls.
    private static func top(of search: SearchState, rows: Int) -> Int {
        max(0, min(search.selection - rows / 2, search.hits.count - rows))
    }

    /// What the second line says: the count, the search going on, or why there is nothing.
    static func summary(of search: SearchState) -> (String, Theme.Role) {
        if let error = search.error { return ("\(error.code.rawValue): \(error.message)", .error) }
        if search.field.text.isEmpty { return ("Type to search every path of the vault", .dim) }
        let found = "\(grouped(search.count)) \(Plural.noun(search.count, "match", "matches"))"
        if search.running { return (search.count == 0 ? "searching…" : "searching… \(found) so far", .text) }
        let more = search.count > search.hits.count ? " (the first \(grouped(search.hits.count)) shown)" : ""
        return (search.count == 0 ? "No path matches" : found + more, .text)
    }

    private static func drawHit(
        _ hit: SearchHit, selected: Bool, theme: Theme, y: Int, x: Int, width: Int, sizeWidth: Int, into grid: inout Grid
    ) {
        let look = selected ? theme[.selected] : hit.isFolder ? theme[.folder] : theme[.file]
        if selected { grid.fill(x: x, y: y, width: width, height: 1, style: look) }
        var highlight = selected ? look : theme[.match]
        if selected { highlight.underline = true } else if highlight.background == .standard { highlight.background = look.background }
        let pathWidth = width - sizeWidth - 3
        let limit = x + 1 + pathWidth
        var column = x + 1
        let bytes = Array(hit.path.utf8)
        var offset = 0
        for range in hit.matched + [bytes.count..<bytes.count] where column < limit {
            let plain = String(decoding: bytes[offset..<range.lowerBound], as: UTF8.self)
            column = grid.write(plain, x: column, y: y, style: look, maxWidth: limit - column)
            let matched = String(decoding: bytes[range], as: UTF8.self)
            column = grid.write(matched, x: column, y: y, style: highlight, maxWidth: max(0, limit - column))
            offset = range.upperBound
        }
        let size = hit.file.map { ByteSize.format($0.size) } ?? "folder"
        grid.write(
            DisplayWidth.fit(size, to: sizeWidth, alignRight: true), x: x + width - sizeWidth - 1, y: y,
            style: selected ? look : theme[.dim])
    }

    /// `1,234,567`.
    static func grouped(_ count: Int) -> String {
        let digits = Array(String(count))
        return String(
            digits.enumerated().flatMap { index, digit in (index > 0 && (digits.count - index) % 3 == 0 ? [","] : []) + [digit] })
    }
}
