import PailCore

/// The preview of the selected entry: its name, what it is ("text, 1.2 kB", "PNG image, 640×480",
/// "binary, 1.2 MB", "folder, 12 items"), then the head of the text, a hex dump or the folder's first names,
/// as many lines as fit. Lines are cut at the pane's edge, never wrapped.
enum PreviewPane {
    static func draw(_ preview: PreviewState, theme: Theme, in rect: AppLayout.Rect, into grid: inout Grid) {
        guard !rect.isEmpty else { return }
        let name = preview.request.map { ($0.path.lastKeySegment ?? "") + ($0.isFolder ? "/" : "") } ?? ""
        grid.write(DisplayWidth.fit(" Preview  " + name, to: rect.width), x: rect.x, y: rect.y, style: theme[.header])
        var y = rect.y + 1
        let bottom = rect.y + rect.height
        func line(_ text: String, _ role: Theme.Role) {
            guard y < bottom else { return }
            grid.write(text, x: rect.x + 1, y: y, style: theme[role], maxWidth: rect.width - 2)
            y += 1
        }
        guard preview.request != nil else { return line("Nothing selected", .dim) }
        guard let content = preview.content else { return line("Reading…", .dim) }
        for fact in content.facts { line(DisplayWidth.shorten(fact, to: rect.width - 2), .dim) }
        y += 1
        let room = max(0, bottom - y)
        switch content.body {
        case .text(let lines): for text in lines.prefix(room) { line(text, .text) }
        case .hex(let bytes): for text in HexDump.lines(bytes, width: rect.width - 2, limit: room) { line(text, .text) }
        case .names(let names):
            let shown = names.count > room ? names.prefix(max(0, room - 1)) + ["…"] : names[...]
            for text in shown { line(text, text.hasSuffix("/") ? .folder : .file) }
        case .none: break
        }
    }
}
