import PailCore

/// The selected entry: path, size, ETag, modified time, and what is on its way for it.
enum DetailsPane {
    static func draw(_ state: AppState, theme: Theme, in rect: AppLayout.Rect, into grid: inout Grid) {
        guard !rect.isEmpty else { return }
        grid.write(DisplayWidth.fit(" Details", to: rect.width), x: rect.x, y: rect.y, style: theme[.header])
        guard let row = state.selected else { return }
        var lines: [(String, String)] = [("Path", row.path)]
        switch row.kind {
        case .file(let entry):
            lines += [
                ("Size", "\(ByteSize.format(entry.size)) (\(Plural.count(entry.size, "byte")))"), ("ETag", entry.etag),
                ("Modified", Format.dateTime(entry.modified)),
            ]
        case .folder(_, let items):
            if let total = row.total {
                lines += [
                    ("Size", "\(ByteSize.format(total.bytes)) (\(Plural.count(total.bytes, "byte")))"),
                    ("Files", "\(total.files) (sub-folders included)"),
                ]
            }
            lines.append(("Holds", items.map { Plural.count($0, "entry", "entries") } ?? "open it to list"))
        case .arriving(let size):
            lines.append(
                ("Size", (size.map { "\(ByteSize.format($0)) (\(Plural.count($0, "byte"))), " } ?? "") + "not in the inventory yet"))
        }
        if let mark = row.mark { lines.append(("Pending", mark.words)) }
        for (index, (label, value)) in lines.prefix(rect.height - 1).enumerated() {
            let y = rect.y + 1 + index
            grid.write(" " + DisplayWidth.fit(label, to: 9), x: rect.x, y: y, style: theme[.dim])
            grid.write(
                DisplayWidth.shorten(value, to: rect.width - 11), x: rect.x + 10, y: y,
                style: label == "Pending" ? theme[.pending] : theme[.text])
        }
    }
}
