import PailCore

/// Choosing entries (`space`, `v`, `*`, Esc) and what acts on them: delete, move, fetch and share of the
/// selection, and copy, cut and paste through Pail's clipboard. Each runs as one background job.
extension AppModel {
    /// Whether Esc has something to clear: an open range, a selection, or the filter.
    var hasSomethingToClear: Bool { state.rangeAnchor != nil || !state.chosen.isEmpty || !state.filter.text.isEmpty }

    /// Esc: the open range first, then the selection, then the filter.
    mutating func clearSelectionOrFilter() {
        if state.rangeAnchor != nil {
            state.rangeAnchor = nil
            say("Range cancelled", .info)
        } else if !state.chosen.isEmpty {
            state.chosen.clear()
            say("Selection cleared", .info)
        } else {
            state.filter = TextField()
            state.refreshRows()
            say("Filter cleared", .info)
        }
    }

    mutating func toggleChosen() {
        guard let row = state.selected else { return }
        if case .arriving = row.kind { return say("\(row.name) is still arriving; select it once it is listed", .info) }
        state.chosen.toggle(row)
        move(by: 1)
    }

    mutating func openRange() {
        guard let row = state.selected else { return }
        state.rangeAnchor = row.path
        say("Range from \(row.path): move, then v again to select it (esc cancels)", .info)
    }

    /// Adds the rows of the open range to the selection; a big folder's rows not read yet are left out.
    mutating func endRange() {
        guard let rows = state.rangeRows else { return state.rangeAnchor = nil }
        state.rangeAnchor = nil
        var unread = 0
        for index in rows {
            guard let row = state.visible[index] else {
                unread += 1
                continue
            }
            if case .arriving = row.kind { continue }
            state.chosen.insert(row)
        }
        guard unread == 0 else {
            return say("\(Plural.count(unread, "row")) not read yet left out: * selects a whole folder", .info)
        }
        say("", .info)  // the status line shows the selection's summary on its right
    }

    /// Selects every entry of the cursor's folder that the filter shows. A folder read through a window has
    /// its files chosen as one entry, so none of them is read here.
    mutating func chooseAll() {
        guard let folder = state.selected?.parent, let listing = state.tree.listings[folder] else { return }
        let filter = state.filter.text
        for name in listing.folders where NameFilter.matches(name, filter) {
            state.chosen.insert(
                TreeRow(path: folder + name + "/", name: name, depth: 0, kind: .folder(expanded: false, items: nil), mark: nil))
        }
        if listing.isWhole {
            for file in listing.files where NameFilter.matches(file.path.lastKeySegment ?? "", filter) {
                state.chosen.insert(TreeRow(file: file, depth: 0, mark: nil))
            }
        } else {
            state.chosen.chooseFiles(of: folder, count: listing.fileCount, matching: listing.matching)
        }
        say("", .info)  // the status line shows the selection's summary on its right
    }

    /// The selection, else the entry under the cursor (nil if neither can be acted on).
    private var actedOn: Selection? {
        if !state.chosen.isEmpty { return state.chosen }
        guard let row = state.selected else { return nil }
        if case .arriving = row.kind { return nil }
        var single = Selection()
        single.insert(row)
        return single
    }

    private var chosenTitle: String { Plural.count(state.chosen.count, "selected entry", "selected entries") }

    /// Counts what the selection holds first (in the background), then asks.
    mutating func askToDeleteChosen() {
        startTask("Counting \(chosenTitle)", .countChosen(state.chosen))
    }

    mutating func askForMoveOfChosen() {
        prompt(
            "Move \(chosenTitle) into", hint: "a folder of the vault (from the top; empty for the top); each keeps its name",
            text: state.targetFolder, purpose: .moveChosen(state.chosen))
    }

    mutating func askForFetchOfChosen() {
        prompt(
            "Fetch \(chosenTitle) into", hint: "a local folder (made if missing); Tab completes",
            text: places.workingDirectory + "/", purpose: .fetchChosen(state.chosen))
    }

    mutating func shareChosen() {
        startTask("Sharing \(chosenTitle)", .shareChosen(state.chosen))
    }

    /// `y` and `Y`: the selection (or the cursor's entry) goes to Pail's clipboard, for `p` to copy or move.
    mutating func putOnClipboard(cut: Bool) {
        guard let selection = actedOn else { return say("Nothing to \(cut ? "cut" : "copy")", .info) }
        let clipboard = Clipboard(selection: selection, cut: cut)
        state.clipboard = clipboard
        state.chosen.clear()
        say("\(clipboard.summary.prefix(1).uppercased() + clipboard.summary.dropFirst()): p in another folder pastes", .info)
    }

    /// `p`: copies (server-side) or moves what the clipboard holds into the cursor's folder, as one batch.
    mutating func paste() {
        guard let clipboard = state.clipboard else { return say("The clipboard is empty: y copies, Y cuts", .info) }
        let folder = state.targetFolder
        guard relocating(clipboard.selection, into: folder, verb: "paste") else { return }
        if clipboard.cut { state.clipboard = nil }
        let what = Plural.count(clipboard.selection.count, "entry", "entries")
        startTask(
            "\(clipboard.cut ? "Moving" : "Copying") \(what) into \(Format.folder(folder))",
            .relocate(clipboard.selection, into: folder, copy: !clipboard.cut))
    }

    /// Moves the selection into the folder typed in the move prompt.
    mutating func moveChosen(_ selection: Selection, into text: String) {
        let folder = text.isEmpty || text == "/" ? "" : (text.endsWithSlash ? text : text + "/")
        guard relocating(selection, into: folder, verb: "move") else { return }
        state.chosen.clear()
        startTask(
            "Moving \(Plural.count(selection.count, "entry", "entries")) into \(Format.folder(folder))",
            .relocate(selection, into: folder, copy: false))
    }

    /// False (and says why) if a chosen folder would go into itself.
    private mutating func relocating(_ selection: Selection, into folder: String, verb: String) -> Bool {
        guard let inside = selection.folders.sorted().first(where: { folder.hasKeyPrefix($0) }) else { return true }
        say("Cannot \(verb) \(inside) into itself (\(Format.folder(folder)))", .error, code: .invalidArgument)
        return false
    }
}

/// What `y` (copy) or `Y` (cut) put aside for `p` to paste.
struct Clipboard: Sendable, Equatable {
    let selection: Selection
    let cut: Bool

    /// "2 to copy", "1 to move".
    var summary: String { "\(selection.count) to \(cut ? "move" : "copy")" }
}
