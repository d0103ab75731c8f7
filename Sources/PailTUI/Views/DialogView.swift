/// A dialog box centred over the screen.
enum DialogView {
    static func draw(
        _ dialog: Dialog, history: UndoHistory, sort: TreeSort, theme: Theme, screenWidth: Int, screenHeight: Int, into grid: inout Grid
    ) {
        let width = min(screenWidth - 4, 72)
        let title: String
        var lines: [(String, Theme.Role)]
        var field: TextField?
        switch dialog {
        case .confirm(let heading, let text, _):
            title = heading
            lines = text.flatMap { DisplayWidth.wrap($0, width: width - 4) }.map { ($0, .dialog) }
        case .message(let heading, let text, _):
            title = heading
            lines = text.flatMap { DisplayWidth.wrap($0, width: width - 4) }.map { ($0, .dialog) }
        case .conflict(let question):
            title = "Name taken"
            lines =
                [(question.transfer, .dim), ("", .dialog)]
                + DisplayWidth.wrap("\(question.name) already exists.", width: width - 4).map { ($0, .dialog) }
                + [
                    ("", .dialog), ("o: overwrite (the old one is kept as an old version)", .dialog),
                    ("k: keep both (the new one is named like \"name (2).ext\")", .dialog), ("s: skip this one", .dialog),
                    ("", .dialog), ("O/K/S: the same for all the rest    esc: cancel", .dim),
                ]
        case .moveConflict(let conflict):
            title = "Move: name taken"
            lines =
                DisplayWidth.wrap(conflict.message.components(separatedBy: ": --").first ?? conflict.message, width: width - 4).map {
                    ($0, .dialog)
                }
                + [("", .dialog)]
                + (conflict.canMerge ? [("m: merge the folders (asks again if names clash)", .dialog)] : [])
                + [
                    ("o: overwrite (what is replaced is kept as an old version)", .dialog), ("k: keep both", .dialog),
                    ("", .dialog), ("esc: cancel", .dim),
                ]
        case .undoList(let selected):
            title = "Recent operations"
            let newestFirst = history.operations.reversed()
            lines =
                newestFirst.enumerated().map { index, operation in
                    (
                        (index == selected ? "› " : "  ") + operation.title + "  " + Format.dateTime(operation.time),
                        index == selected ? .selected : .dialog
                    )
                } + [("", .dialog), ("enter/z: undo the selected one    esc: close", .dim)]
        case .sort:
            title = "Sort: \(sort.label)"
            let choices: [(String, TreeSort.Key)] = [
                ("n  name (natural: file_2 before file_10)", .name), ("s  size", .size), ("m  modified", .modified),
                ("e  extension", .extension),
            ]
            lines =
                choices.map { text, key in ((key == sort.key ? "› " : "  ") + text, key == sort.key ? .selected : .dialog) }
                + [
                    ("", .dialog), ("r  reversed: " + (sort.reversed ? "on" : "off"), .dialog),
                    ("f  folders first: " + (sort.foldersFirst ? "on" : "off (mixed with files)"), .dialog),
                    ("", .dialog), ("esc: close", .dim),
                ]
        case .bookmarks(let dialog):
            title = dialog.settingOn.map { "Bookmark \($0.isEmpty ? "the top of the vault" : $0)" } ?? "Bookmarks"
            lines = dialog.marks.enumerated().map { index, mark in
                let selected = dialog.settingOn == nil && index == dialog.selected
                return (
                    (selected ? "› " : "  ") + "\(mark.mark)  " + (mark.path.isEmpty ? "(the top)" : mark.path),
                    selected ? .selected : .dialog
                )
            }
            lines += [
                ("", .dialog),
                (
                    dialog.settingOn == nil
                        ? "a letter or enter: go there    delete: remove    esc: close"
                        : "press a letter or a digit to mark it    esc: cancel", .dim
                ),
            ]
        case .prompt(let prompt):
            title = prompt.title
            lines = [(prompt.hint, .dim), ("", .dialog)]
            field = prompt.field
            if !prompt.candidates.isEmpty {
                let shown = prompt.candidates.prefix(6).joined(separator: "  ")
                lines += [("", .dialog), (prompt.candidates.count > 6 ? shown + "  …" : shown, .dim)]
            }
            lines += [("", .dialog), ("enter: ok    esc: cancel", .dim)]
        }
        let height = lines.count + 4
        let x = max(0, (screenWidth - width) / 2)
        let y = max(0, (screenHeight - height) / 2)
        grid.fill(x: x, y: y, width: width, height: height, style: theme[.dialog])
        grid.fill(x: x, y: y, width: width, height: 1, style: theme[.dialogTitle])
        grid.write(" " + DisplayWidth.shorten(title, to: width - 2), x: x, y: y, style: theme[.dialogTitle])
        for (index, (line, role)) in lines.enumerated() {
            let lineY = y + 2 + index
            if let field, index == 1 {
                drawField(field, theme: theme, x: x + 2, y: lineY, width: width - 4, into: &grid)
                continue
            }
            var style = theme[role]
            style.background = theme[.dialog].background
            grid.write(DisplayWidth.shorten(line, to: width - 4), x: x + 2, y: lineY, style: style)
        }
    }

    /// The field's text, scrolled so the cursor is visible, with the cursor shown as a reversed cell.
    private static func drawField(_ field: TextField, theme: Theme, x: Int, y: Int, width: Int, into grid: inout Grid) {
        grid.fill(x: x, y: y, width: width, height: 1, style: theme[.input])
        let characters = Array(field.text)
        var start = 0
        while DisplayWidth.of(String(characters[start..<field.cursor])) > width - 1 { start += 1 }
        var column = x
        for index in start...characters.count {
            var style = theme[.input]
            if index == field.cursor { style.reverse.toggle() }
            let character = index < characters.count ? String(characters[index]) : " "
            let next = grid.write(character, x: column, y: y, style: style, maxWidth: x + width - column)
            if next == column { break }
            column = next
        }
    }
}
