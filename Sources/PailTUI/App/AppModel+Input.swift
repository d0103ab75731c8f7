import PailCore

/// Keys, clicks and the wheel: each key goes to where it was pressed (a dialog, the filter, a screen, the
/// browser) and means what the key table says there.
extension AppModel {
    mutating func handle(_ input: InputEvent) {
        switch input {
        case .key(let key): handle(key)
        case .click(_, let y, _): click(row: y)
        case .scroll(_, _, let lines): move(by: lines)
        case .resize: break
        case .hangUp: wantsQuit = true
        }
    }

    mutating func handle(_ key: Key) {
        if let dialog = state.dialog { return handleDialog(dialog, key: key) }
        if state.search != nil { return handleSearch(key) }
        if state.editingFilter { return handleFilter(key) }
        switch state.screen {
        case .help:
            switch KeyBinding.action(for: key, in: .help) {
            case .close?: state.screen = .browser
            case .moveDown?: state.helpScroll += 1
            case .moveUp?: state.helpScroll = max(0, state.helpScroll - 1)
            default: break
            }
        case .executions(let selected, let showingSteps):
            handleExecutions(key, selected: selected, showingSteps: showingSteps)
        case .tasks(let selected): handleTasks(key, selected: selected)
        case .browser:
            if opening != nil { return keysAhead.append(key) }
            guard let action = KeyBinding.action(for: key, in: .browser), action != .clearSelectionOrFilter || hasSomethingToClear else {
                return say("\(key.label) does nothing here; press ? for the keys", .info)
            }
            perform(action)
        }
    }

    private mutating func perform(_ action: Action) {
        // An operation key ends an open range: the operation takes it.
        if state.rangeAnchor != nil, [.delete, .rename, .fetch, .share, .copyChosen, .cutChosen].contains(action) { endRange() }
        switch action {
        case .moveDown: move(by: 1)
        case .moveUp: move(by: -1)
        case .pageDown: move(by: max(1, treeArea.height - 2))
        case .pageUp: move(by: -max(1, treeArea.height - 2))
        case .top: state.selection = 0
        case .bottom: state.selection = max(0, state.visible.count - 1)
        case .open: openSelected()
        case .back: goBack()
        case .upload: askForUpload()
        case .delete: state.chosen.isEmpty ? askToDelete() : askToDeleteChosen()
        case .rename: state.chosen.isEmpty ? askForRename() : askForMoveOfChosen()
        case .fetch: state.chosen.isEmpty ? askForFetch() : askForFetchOfChosen()
        case .share: state.chosen.isEmpty ? share() : shareChosen()
        case .toggleChosen: toggleChosen()
        case .chooseRange: state.rangeAnchor == nil ? openRange() : endRange()
        case .chooseAll: chooseAll()
        case .copyChosen: putOnClipboard(cut: false)
        case .cutChosen: putOnClipboard(cut: true)
        case .paste: paste()
        case .filter: state.editingFilter = true
        case .clearSelectionOrFilter: clearSelectionOrFilter()
        case .search: openSearch()
        case .newFolder: askForNewFolder()
        case .switchUser: askForUser()
        case .executions:
            state.screen = .executions(selected: 0, showingSteps: false)
            emit(.loadExecutions)
        case .tasks: state.screen = .tasks(selected: 0)
        case .redrive: startTask("Redriving dead letters", .redrive)
        case .cycleTheme: cycleTheme()
        case .refresh:
            requestReload()
            say("Refreshing", .info)
        case .help:
            state.screen = .help
            state.helpScroll = 0
            say("", .info)
        case .undo: undo(at: state.history.operations.count - 1)
        case .undoList:
            guard !state.history.operations.isEmpty else { return say("Nothing to undo yet in this session", .info) }
            state.dialog = .undoList(selected: 0)
        case .quit: askToQuit()
        case .togglePreview: togglePreview()
        case .edit: open(state.selected, for: .edit)
        case .suspend: emit(.suspend)
        case .goTo: askForGoTo()
        case .previousPlace: goToPreviousPlace()
        case .setBookmark: askForBookmark(setting: true)
        case .bookmarks: askForBookmark(setting: false)
        case .sortMenu: state.dialog = .sort
        case .yes, .no, .submit, .cancel, .complete, .copy, .close, .merge, .answer, .toggleFuzzy, .sortBy, .reverseSort,
            .toggleFoldersFirst, .retry:
            break
        }
    }

    mutating func move(by offset: Int) {
        guard !state.visible.isEmpty else { return }
        state.selection = max(0, min(state.visible.count - 1, state.selection + offset))
    }

    private mutating func click(row y: Int) {
        guard state.dialog == nil, state.search == nil, state.screen == .browser else { return }
        let index = state.scrollTop + (y - treeArea.y - 1)
        guard y > treeArea.y, y < treeArea.y + treeArea.height, index >= 0, index < state.visible.count else { return }
        if index == state.selection, state.selected?.isFolder == true { return openSelected() }
        state.selection = index
    }

    private mutating func openSelected() {
        guard let row = state.selected else { return }
        guard row.isFolder else { return open(row, for: .view) }
        if state.tree.expanded.contains(row.path) {
            state.tree.expanded.remove(row.path)
        } else {
            state.tree.expanded.insert(row.path)
            if state.tree.listings[row.path] == nil { opening = row.path }
            requestReload()
        }
        state.refreshRows()
    }

    private mutating func goBack() {
        guard let row = state.selected else { return }
        if row.isFolder, state.tree.expanded.contains(row.path) {
            state.tree.expanded.remove(row.path)
            state.refreshRows()
        } else if let index = state.visible.index(of: row.parent) {
            state.selection = index
        }
    }

    private mutating func handleFilter(_ key: Key) {
        switch KeyBinding.action(for: key, in: .filter) {
        case .submit?:
            state.editingFilter = false
        case .cancel?:
            state.editingFilter = false
            state.filter = TextField()
        default:
            _ = state.filter.handle(key)
        }
        state.refreshRows()
    }

    private mutating func handleExecutions(_ key: Key, selected: Int, showingSteps: Bool) {
        let last = max(0, state.executions.count - 1)
        switch KeyBinding.action(for: key, in: .executions) {
        case .back?:
            state.screen = showingSteps ? .executions(selected: selected, showingSteps: false) : .browser
        case .moveDown?: state.screen = .executions(selected: min(last, selected + 1), showingSteps: showingSteps)
        case .moveUp?: state.screen = .executions(selected: max(0, selected - 1), showingSteps: showingSteps)
        case .open?: state.screen = .executions(selected: selected, showingSteps: !showingSteps)
        case .refresh?: emit(.loadExecutions)
        default: break
        }
    }
}
