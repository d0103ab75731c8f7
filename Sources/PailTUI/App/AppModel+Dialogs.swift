import PailCore

/// The keys of a dialog: it takes them all until it is answered.
extension AppModel {
    mutating func handleDialog(_ dialog: Dialog, key: Key) {
        let action = KeyBinding.action(for: key, in: dialog.keyContext)
        switch dialog {
        case .confirm(_, _, let confirmed):
            if action == .yes {
                state.dialog = nil
                confirm(confirmed)
            } else if action == .no {
                state.dialog = nil
                switch confirmed {
                case .quit: say("Still here", .info)
                case .delete, .deleteChosen: say("Nothing was deleted", .info)
                case .uploadEdited(let file):
                    startTask(
                        "Discarding your changes to \(file.remote)",
                        .discardOpened(file, message: "Your changes to \(file.remote) were discarded"))
                case .createUser(let name): say("No user \(name) was made; still showing \(state.user)'s vault", .info)
                }
            }
        case .conflict(let question):
            switch action {
            case .answer(let choice, let forAll)?: answer(question, choice, forAll: forAll)
            case .cancel?: answer(question, .refuse, forAll: false)
            default: break
            }
        case .moveConflict(let conflict):
            answerMoveConflict(conflict, action: action)
        case .undoList(let selected):
            switch action {
            case .moveDown?: state.dialog = .undoList(selected: min(selected + 1, state.history.operations.count - 1))
            case .moveUp?: state.dialog = .undoList(selected: max(0, selected - 1))
            case .undo?:
                state.dialog = nil
                undo(at: state.history.operations.count - 1 - selected)
            case .close?: state.dialog = nil
            default: break
            }
        case .bookmarks(let bookmarks):
            handleBookmarks(bookmarks, key: key)
        case .prompt(var prompt):
            switch action {
            case .cancel?:
                state.dialog = nil
                say("Cancelled", .info)
            case .submit?:
                state.dialog = nil
                submit(prompt)
            case .complete?:
                complete(prompt)
            case nil where prompt.purpose == .goTo && prompt.field.text.isEmpty && key == .character("g"):
                goToFirstEntry()
            default:
                prompt.edit(key)
                state.dialog = .prompt(prompt)
            }
        case .sort:
            chooseSort(action)
        case .message(_, _, let copyable):
            if action == .close { state.dialog = nil }
            if action == .copy, let copyable {
                emit(.copyToClipboard(copyable))
                state.dialog = nil
                say("Copied to the clipboard (terminals without OSC 52 ignore this: select the link with Shift and the mouse)", .success)
            }
        }
    }

    private mutating func answer(_ question: ConflictQuestion, _ choice: ConflictChoice, forAll: Bool) {
        state.dialog = nil
        emit(.answer(question, choice, forAll: forAll))
    }

    private mutating func complete(_ prompt: Prompt) {
        if prompt.completesLocalPaths {
            emit(.completeLocalPath(prompt.field.text))
        } else if prompt.purpose == .goTo {
            emit(.completeVaultPath(user: state.user, prompt.field.text))
        } else if prompt.purpose == .switchUser {
            var prompt = prompt
            let matches = prompt.candidates.filter { $0.hasPrefix(prompt.field.text) }
            if matches.count == 1 { prompt.field.set(matches[0]) }
            state.dialog = .prompt(prompt)
        }
    }

    private mutating func confirm(_ action: ConfirmedAction) {
        switch action {
        case .delete(let path, let isFolder): startTask("Deleting \(path)", .delete(path: path, isFolder: isFolder))
        case .deleteChosen(let selection):
            state.chosen.clear()
            startTask("Deleting \(Plural.count(selection.count, "entry", "entries"))", .deleteChosen(selection))
        case .quit:
            for (id, task) in state.tasks.sorted(by: { $0.key < $1.key }) where task.phase.isRunning { emit(.cancelTask(id: id)) }
            wantsQuit = true
        case .uploadEdited(let file): startTask("Uploading your changes to \(file.remote)", .uploadEdited(file))
        case .createUser(let name): switchUser(to: name)
        }
    }

    private mutating func answerMoveConflict(_ conflict: MoveConflict, action: Action?) {
        let choice: ConflictChoice
        var merge = conflict.merging
        switch action {
        case .answer(let answer, _)?: choice = answer
        case .merge? where conflict.canMerge:
            choice = .refuse
            merge = true
        case .cancel?:
            state.dialog = nil
            return say("Nothing was moved", .info)
        default: return
        }
        state.dialog = nil
        startMove(from: conflict.from, to: conflict.to, onConflict: choice, merge: merge)
    }
}

extension Dialog {
    /// Where the dialog's keys are looked up in the key table.
    var keyContext: KeyContext {
        switch self {
        case .confirm: return .confirm
        case .prompt: return .prompt
        case .message: return .message
        case .conflict: return .conflict
        case .moveConflict: return .moveConflict
        case .undoList: return .undoList
        case .sort: return .sort
        case .bookmarks: return .bookmarks
        }
    }
}
