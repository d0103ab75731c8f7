import Foundation
import PailCore

/// What background work and quick effects came back with: reloads, task outcomes, questions.
extension AppModel {
    mutating func apply(_ message: AppMessage) {
        switch message {
        case .engineChanged:
            requestReload()
            if case .executions = state.screen { emit(.loadExecutions) }
        case .loaded(let snapshot):
            if snapshot.user == state.user { show(snapshot) }
            guard !snapshot.countFollows else { return }
            reloadInFlight = false
            if reloadWanted { startReload() }
        case .loadFailed(let error):
            reloadInFlight = false
            applyKeysAhead()
            say(error.message, .error, code: error.code)
            if reloadWanted { startReload() }
        case .progress(let id, let progress):
            state.tasks[id]?.progress = progress
        case .finished(let id, let outcome):
            endTask(id, outcome: outcome)
            finish(outcome)
        case .executions(let runs):
            state.executions = runs
        case .question(let question):
            state.dialog = .conflict(question)
        case .completed(let result):
            guard case .prompt(var prompt) = state.dialog else { return }
            prompt.field.set(result.text)
            prompt.candidates = result.candidates
            state.dialog = .prompt(prompt)
        case .themeLoaded(let name, let warning):
            if let warning { say(warning, .error) } else { say("Theme: \(name)", .info) }
        case .previewed(let request, let preview): showPreview(preview, for: request)
        case .programExited(let file, let program, let result): programExited(file, program: program, result)
        case .resumed(let suspended):
            if !suspended { say("ctrl-z: headless mode has no terminal to suspend", .info) }
        case .searchFound(let id, let hits, let finished): found(id: id, hits: hits, finished: finished)
        case .searchFailed(let id, let error): searchFailed(id: id, error)
        case .located(let path, let result):
            lookupsInFlight = max(0, lookupsInFlight - 1)
            located(path, result)
        case .vaultPathCompleted(let result):
            lookupsInFlight = max(0, lookupsInFlight - 1)
            guard case .prompt(var prompt) = state.dialog, prompt.purpose == .goTo else { return }
            prompt.field.set(result.text)
            prompt.candidates = result.candidates
            state.dialog = .prompt(prompt)
        case .settingWritten(let error):
            lookupsInFlight = max(0, lookupsInFlight - 1)
            if let error { say(error.message, .error, code: error.code) }
        }
    }

    private mutating func show(_ snapshot: Snapshot) {
        state.tree.listings = snapshot.listings
        state.tree.marks = PendingMarks(deliveries: snapshot.deliveries, user: snapshot.user)
        state.tree.forgetListedNewFolders()
        state.quota = snapshot.quota
        state.deliveries = snapshot.deliveries
        state.loaded = true
        state.refreshRows()
        state.chosen.dropMissing(in: state.tree)
        resolveJump()
        if let opening, snapshot.listings[opening] != nil { applyKeysAhead() }
    }

    /// Applies the keys typed while a folder was opening, now that its entries show.
    private mutating func applyKeysAhead() {
        let keys = keysAhead
        opening = nil
        keysAhead = []
        for key in keys { handle(key) }
    }

    private mutating func finish(_ outcome: TaskOutcome) {
        switch outcome {
        case .done(let text): say(text, .success)
        case .undoable(let text, let operation):
            state.history.record(operation)
            say(text + " (z undoes it)", .success)
        case .undoFailed(let operation, let error):
            state.history.record(operation)
            say("Could not undo the \(operation.title): \(error.message)", .error, code: error.code)
        case .moveConflict(let conflict):
            state.dialog = .moveConflict(conflict)
        case .folderCount(let path, let files, let bytes):
            let holds = "It holds \(Plural.count(files, "file")), \(ByteSize.format(bytes))."
            state.dialog = Self.deleteQuestion(
                ["Delete the folder \(path) and everything in it?", holds], action: .delete(path: path, isFolder: true))
        case .chosenCount(let selection, let entries, let files, let bytes):
            let holds = "They hold \(Plural.count(files, "file")), \(ByteSize.format(bytes)), folders included."
            state.dialog = Self.deleteQuestion(
                ["Delete \(Plural.count(entries, "selected entry", "selected entries"))?", holds], action: .deleteChosen(selection))
        case .links(let title, let links, let expires):
            let shown = links.prefix(8).map { "  " + $0.path }
            let more = links.count > shown.count ? ["  and \(links.count - shown.count) more"] : []
            state.dialog = .message(
                title: title,
                lines: ["\(Plural.count(links.count, "link")), one per file:"] + shown + more
                    + [
                        "", "Valid until \(Format.dateTime(expires)).", "",
                        "c: copy them all (a path and its link a line)    enter/esc: close",
                    ],
                copyable: links.map { "\($0.path) \($0.url)" }.joined(separator: "\n"))
            say("\(Plural.count(links.count, "share link")) ready", .success)
        case .failed(let error) where error.code == .cancelled: say(error.message, .info)
        case .failed(let error): say(error.message, .error, code: error.code)
        case .link(let title, let url, let expires):
            state.dialog = .message(
                title: title, lines: [url, "", "Valid until \(Format.dateTime(expires)).", "", "c: copy the link    enter/esc: close"],
                copyable: url)
            say("Share link ready", .success)
        case .fetchedToOpen(let file): emit(.runProgram(file))
        case .edited(let file, let size): askToUploadEdited(file, size: size)
        case .userLookup(let name, let users): switchUser(to: name, among: users)
        case .users(let names):
            if case .prompt(var prompt) = state.dialog, prompt.purpose == .switchUser {
                prompt.candidates = names
                state.dialog = .prompt(prompt)
            }
        }
        requestReload()
    }
}
