import Foundation
import PailCore

/// The terminal UI's controller: takes input and background messages, changes the state, starts work,
/// and renders frames. Lives on the UI thread; only `AppLoop` (or the headless runner) drives it.
///
/// ```swift
/// let app = PailApp(engine: engine, user: "alice", themes: themes, colors: 256)
/// app.start(on: terminal)
/// app.handle(.key(.character("j")))
/// let frame = app.render(width: 100, height: 30)
/// ```
public final class PailApp {
    private(set) var state: AppState
    let worker: EngineWorker
    private let themes: ThemeChoice
    private var theme: Theme
    private let colors: Int
    private let noColor: Bool
    private var subscription: ChangeSubscription?
    private var reloadInFlight = false
    private var reloadWanted = false
    /// Set when something changed that the screen shows; cleared by `render`.
    public private(set) var needsRedraw = true
    /// Where `c` in the share dialog copies the link: the terminal `start(on:)` was given.
    private weak var terminal: (any Terminal)?
    /// Where the last frame put the tree's rows, for mouse clicks.
    private var treeArea = AppLayout.Rect(x: 0, y: 0, width: 0, height: 0)

    /// The themes the app can use and cycle through.
    public struct ThemeChoice: Sendable {
        public let names: [String]
        public let load: @Sendable (String) -> (theme: Theme, warning: String?)

        public init(names: [String], load: @escaping @Sendable (String) -> (theme: Theme, warning: String?)) {
            self.names = names
            self.load = load
        }
    }

    public init(
        engine: Engine, user: String, delay: TimeInterval, themes: ThemeChoice, themeName: String? = nil, colors: Int,
        noColor: Bool, warning: String? = nil
    ) {
        worker = EngineWorker(engine: engine, mailbox: Mailbox())
        self.themes = themes
        self.colors = colors
        self.noColor = noColor
        let requested = themeName ?? themes.names.first ?? "default"
        let chosen = themes.load(requested)
        theme = chosen.theme.adapted(colors: colors, noColor: noColor)
        state = AppState(user: user, root: engine.root, delay: delay, themeName: requested)
        if let message = warning ?? chosen.warning { say(message, .error) }
    }

    /// Starts watching the engine and loads the first screen; copies go to `terminal`'s clipboard.
    public func start(on terminal: any Terminal) {
        self.terminal = terminal
        let mailbox = worker.mailbox
        subscription = worker.engine.changes.subscribe { mailbox.post(.engineChanged) }
        requestReload()
    }

    /// Stops watching the engine.
    public func stop() {
        subscription?.cancel()
        subscription = nil
    }

    /// True once the user asked to quit.
    public private(set) var wantsQuit = false

    /// True while a reload is running or waiting.
    public var isReloading: Bool { reloadInFlight || reloadWanted }

    /// True while a reload or a task is running or waiting (a task waiting for the user's answer is not).
    public var isBusy: Bool {
        if case .conflict? = state.dialog { return reloadInFlight || reloadWanted }
        return reloadInFlight || reloadWanted || !state.tasks.isEmpty
    }

    /// Events not delivered yet, as of the last reload (dead letters not counted).
    public var pendingEventCount: Int { state.liveDeliveries }

    // MARK: - Frames

    /// Draws the state into a grid of the given size.
    public func render(width: Int, height: Int) -> Grid {
        needsRedraw = false
        state.now = Date()
        var grid = Grid(width: width, height: height)
        let layout = AppLayout(width: width, height: height)
        keepSelectionVisible(rows: layout.tree.height - 1)
        treeArea = layout.tree
        AppView.draw(state, theme: theme, layout: layout, into: &grid)
        return grid
    }

    private func keepSelectionVisible(rows: Int) {
        guard rows > 0 else { return }
        if state.selection < state.scrollTop { state.scrollTop = state.selection }
        if state.selection >= state.scrollTop + rows { state.scrollTop = state.selection - rows + 1 }
        state.scrollTop = max(0, min(state.scrollTop, max(0, state.visible.rows.count - rows)))
    }

    // MARK: - Background messages

    /// Applies every message background work has posted; returns whether there were any.
    @discardableResult
    public func processMessages() -> Bool {
        let messages = worker.mailbox.drain()
        for message in messages { apply(message) }
        if !messages.isEmpty { needsRedraw = true }
        return !messages.isEmpty
    }

    private func apply(_ message: AppMessage) {
        switch message {
        case .engineChanged:
            requestReload()
            if case .executions = state.screen { worker.loadExecutions() }
        case .loaded(let snapshot):
            reloadInFlight = false
            if snapshot.user == state.user {
                state.tree.listings = snapshot.listings
                state.tree.marks = PendingMarks(deliveries: snapshot.deliveries, user: snapshot.user)
                state.tree.newFolders = state.tree.newFolders.filter { folder in
                    !(snapshot.listings[parentFolder(of: folder)]?.folders.contains(folder.lastKeySegment ?? "") ?? false)
                }
                state.quota = snapshot.quota
                state.deliveries = snapshot.deliveries
                state.loaded = true
                state.refreshRows()
            }
            if reloadWanted { startReload() }
        case .loadFailed(let error):
            reloadInFlight = false
            say(error.message, .error, code: error.code)
            if reloadWanted { startReload() }
        case .progress(let id, let progress):
            state.tasks[id]?.progress = progress
        case .finished(let id, let outcome):
            state.tasks[id] = nil
            finish(outcome)
        case .executions(let runs):
            state.executions = runs
        case .question(let question):
            state.dialog = .conflict(question)
        }
    }

    private func finish(_ outcome: TaskOutcome) {
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
        case .dialog(let dialog):
            state.dialog = dialog
        case .failed(let error): say(error.message, .error, code: error.code)
        case .link(let title, let url, let expires):
            state.dialog = .message(
                title: title, lines: [url, "", "Valid until \(Format.dateTime(expires)).", "", "c: copy the link    enter/esc: close"],
                copyable: url)
            say("Share link ready", .success)
        case .users(let names):
            if case .prompt(var prompt) = state.dialog, prompt.purpose == .switchUser {
                prompt.candidates = names
                state.dialog = .prompt(prompt)
            }
        }
        requestReload()
    }

    /// Asks for a reload; at most one runs at a time, and one more follows if asked meanwhile.
    public func requestReload() {
        if reloadInFlight { reloadWanted = true } else { startReload() }
    }

    private func startReload() {
        reloadWanted = false
        reloadInFlight = true
        worker.reload(user: state.user, folders: state.tree.visibleFolders)
    }

    // MARK: - Input

    /// Handles a key, click, wheel or resize.
    public func handle(_ event: InputEvent) {
        needsRedraw = true
        switch event {
        case .key(let key): handle(key)
        case .click(_, let y, _): click(row: y)
        case .scroll(_, _, let lines): move(by: lines)
        case .resize: break
        }
    }

    private func handle(_ key: Key) {
        if state.dialog != nil { return handleDialog(key) }
        if state.editingFilter { return handleFilter(key) }
        switch state.screen {
        case .help:
            if [.escape, .character("q"), .character("?"), .function(1), .enter].contains(key) { state.screen = .browser }
        case .executions(let selected, let showingSteps):
            handleExecutions(key, selected: selected, showingSteps: showingSteps)
        case .browser:
            if key == .escape, !state.filter.text.isEmpty {
                state.filter = TextField()
                state.refreshRows()
                return say("Filter cleared", .info)
            }
            guard let action = KeyBinding.action(for: key) else {
                return say("\(key.label) does nothing here; press ? for the keys", .info)
            }
            perform(action)
        }
    }

    private func perform(_ action: Action) {
        switch action {
        case .moveDown: move(by: 1)
        case .moveUp: move(by: -1)
        case .pageDown: move(by: max(1, treeArea.height - 2))
        case .pageUp: move(by: -max(1, treeArea.height - 2))
        case .top: state.selection = 0
        case .bottom: state.selection = max(0, state.visible.rows.count - 1)
        case .open: openSelected()
        case .back: goBack()
        case .upload: askForUpload()
        case .delete: askToDelete()
        case .rename: askForRename()
        case .fetch: askForFetch()
        case .share: share()
        case .filter: state.editingFilter = true
        case .newFolder:
            prompt("New folder in \(displayFolder(state.targetFolder))", hint: "a name; it stays here until you upload into it",
                   text: "", purpose: .newFolder(parent: state.targetFolder))
        case .switchUser: askForUser()
        case .executions:
            state.screen = .executions(selected: 0, showingSteps: false)
            worker.loadExecutions()
        case .redrive: redrive()
        case .cycleTheme: cycleTheme()
        case .refresh:
            requestReload()
            say("Refreshing", .info)
        case .help: state.screen = .help
        case .undo: undo(at: state.history.operations.count - 1)
        case .undoList:
            guard !state.history.operations.isEmpty else { return say("Nothing to undo yet in this session", .info) }
            state.dialog = .undoList(selected: 0)
        case .quit: askToQuit()
        }
    }

    private func move(by offset: Int) {
        guard !state.visible.rows.isEmpty else { return }
        state.selection = max(0, min(state.visible.rows.count - 1, state.selection + offset))
    }

    private func click(row y: Int) {
        guard state.dialog == nil, state.screen == .browser else { return }
        let index = state.scrollTop + (y - treeArea.y - 1)
        guard y > treeArea.y, y < treeArea.y + treeArea.height, state.visible.rows.indices.contains(index) else { return }
        if index == state.selection, state.selected?.isFolder == true { return openSelected() }
        state.selection = index
    }

    private func openSelected() {
        guard let row = state.selected else { return }
        guard row.isFolder else { return say("\(row.name): press o to fetch it, s to share it", .info) }
        if state.tree.expanded.contains(row.path) {
            state.tree.expanded.remove(row.path)
        } else {
            state.tree.expanded.insert(row.path)
            requestReload()
        }
        state.refreshRows()
    }

    private func goBack() {
        guard let row = state.selected else { return }
        if row.isFolder, state.tree.expanded.contains(row.path) {
            state.tree.expanded.remove(row.path)
            state.refreshRows()
        } else if let index = state.visible.rows.firstIndex(where: { $0.path == row.parent }) {
            state.selection = index
        }
    }

    // MARK: - Flows

    private func askForUpload() {
        let folder = state.targetFolder
        prompt("Upload into \(displayFolder(folder))", hint: "a local file or folder; Tab completes",
               text: FileManager.default.currentDirectoryPath + "/", purpose: .upload(intoFolder: folder))
    }

    /// Asks before a delete; for a folder, first counts what it holds (in the background).
    private func askToDelete() {
        guard let row = state.selected else { return say("Nothing to delete", .info) }
        if case .arriving = row.kind { return say("\(row.name) is still arriving; delete it once it is listed", .info) }
        let keys = ["", "It goes to the trash: z undoes, `pail restore` brings it back.", "y: delete    n/esc: keep"]
        guard row.isFolder else {
            state.dialog = .confirm(title: "Delete", lines: ["Delete \(row.path)?", sizeLine(row)] + keys, action: .delete(path: row.path, isFolder: false))
            return
        }
        let (engine, user, path) = (worker.engine, state.user, row.path)
        startTask("Counting what \(path) holds") { _ in
            let files = try engine.api.list(user: user, prefix: RemotePath(path))
            let bytes = files.reduce(Int64(0)) { $0 + $1.size }
            let holds = "It holds \(Format.count(files.count, "file")), \(ByteSize.format(bytes))."
            return .dialog(.confirm(title: "Delete", lines: ["Delete the folder \(path) and everything in it?", holds] + keys,
                                    action: .delete(path: path, isFolder: true)))
        }
    }

    private func askToQuit() {
        guard !state.tasks.isEmpty else { return wantsQuit = true }
        let running = state.tasks.values.map(\.title).sorted()
        state.dialog = .confirm(
            title: "Quit", lines: ["\(Format.count(running.count, "transfer")) still running:"] + running.prefix(4).map { "  " + $0 }
                + ["", "Quitting stops them; what was not stored is not in the vault.", "y: quit    n/esc: stay"],
            action: .quit)
    }

    private func sizeLine(_ row: TreeRow) -> String {
        if case .file(let entry) = row.kind { return "\(ByteSize.format(entry.size)), modified \(Format.dateTime(entry.modified))" }
        return ""
    }

    private func askForRename() {
        guard let row = state.selected else { return say("Nothing to rename", .info) }
        let current = row.isFolder ? String(row.path.dropLast()) : row.path
        prompt("Rename \(row.path)", hint: "a new name keeps it in its folder; a path with / moves it (from the top of the vault)",
               text: row.name, purpose: .rename(from: current))
    }

    private func askForFetch() {
        guard let row = state.selected else { return say("Nothing to fetch", .info) }
        prompt("Fetch \(row.path) to", hint: "a local folder or file name; Tab completes",
               text: FileManager.default.currentDirectoryPath + "/", purpose: .fetch(remote: row.path))
    }

    private func askForUser() {
        prompt("Switch user (now \(state.user))", hint: "a user name; Tab completes; a new name creates the user",
               text: "", purpose: .switchUser)
        let engine = worker.engine
        _ = worker.run { _ in .users(try engine.api.listUsers().map(\.name)) }
    }

    private func share() {
        guard let row = state.selected, !row.isFolder else { return say("Select a file to share", .info) }
        let (engine, user, path) = (worker.engine, state.user, row.path)
        startTask("Sharing \(path)") { _ in
            let link = try engine.api.share(user: user, path: RemotePath(path))
            return .link(title: "Share link for \(path)", url: link.url, expires: link.expires)
        }
    }

    private func redrive() {
        let engine = worker.engine
        startTask("Redriving dead letters") { _ in
            let count = try engine.redrive()
            return .done(count == 0 ? "No dead-lettered events to redrive" : "Redrove \(count) dead-lettered event(s)")
        }
    }

    private func cycleTheme() {
        let names = themes.names
        let next = names.isEmpty ? "default" : names[((names.firstIndex(of: state.themeName) ?? -1) + 1) % names.count]
        let chosen = themes.load(next)
        theme = chosen.theme.adapted(colors: colors, noColor: noColor)
        state.themeName = next
        if let warning = chosen.warning { say(warning, .error) } else { say("Theme: \(chosen.theme.name)", .info) }
    }

    private func startTask(_ title: String, _ body: @escaping @Sendable (@escaping TransferClient.ProgressHandler) throws -> TaskOutcome) {
        let id = worker.run(body)
        state.tasks[id] = AppState.RunningTask(title: title, progress: nil, started: Date())
        say(title + "…", .info)
    }

    // MARK: - Dialogs

    private func prompt(_ title: String, hint: String, text: String, purpose: Prompt.Purpose) {
        state.dialog = .prompt(Prompt(title: title, hint: hint, field: TextField(text), purpose: purpose))
    }

    private func handleDialog(_ key: Key) {
        switch state.dialog {
        case .confirm(_, _, let action):
            // Only `y` confirms: Enter typed ahead must never delete.
            if key == .character("y") || key == .character("Y") {
                state.dialog = nil
                confirm(action)
            } else if key == .character("n") || key == .character("N") || key == .escape || key == .character("q") {
                state.dialog = nil
                say(action == .quit ? "Still here" : "Nothing was deleted", .info)
            }
        case .conflict(let question):
            guard let (choice, forAll) = Self.conflictAnswers[key] else { return }
            state.dialog = nil
            question.answer(choice, forAll: forAll)
        case .moveConflict(let conflict):
            answerMoveConflict(conflict, key: key)
        case .undoList(let selected):
            switch key {
            case .down, .character("j"): state.dialog = .undoList(selected: min(selected + 1, state.history.operations.count - 1))
            case .up, .character("k"): state.dialog = .undoList(selected: max(0, selected - 1))
            case .enter, .character("z"):
                state.dialog = nil
                undo(at: state.history.operations.count - 1 - selected)
            case .escape, .character("q"), .character("Z"): state.dialog = nil
            default: break
            }
        case .prompt(var prompt):
            switch key {
            case .escape:
                state.dialog = nil
                say("Cancelled", .info)
            case .enter:
                state.dialog = nil
                submit(prompt)
            case .tab:
                complete(&prompt)
                state.dialog = .prompt(prompt)
            default:
                _ = prompt.field.handle(key)
                state.dialog = .prompt(prompt)
            }
        case .message(_, _, let copyable):
            if [.escape, .enter, .character("q")].contains(key) { state.dialog = nil }
            if key == .character("c"), let copyable {
                terminal?.copyToClipboard(copyable)
                state.dialog = nil
                say("Copied to the clipboard (terminals without OSC 52 ignore this: select the link with Shift and the mouse)", .success)
            }
        case nil:
            break
        }
    }

    private func complete(_ prompt: inout Prompt) {
        if prompt.completesLocalPaths {
            let result = LocalPathCompletion.complete(prompt.field.text, in: FileManager.default.currentDirectoryPath)
            prompt.field.set(result.text)
            prompt.candidates = result.candidates
        } else if prompt.purpose == .switchUser {
            let matches = prompt.candidates.filter { $0.hasPrefix(prompt.field.text) }
            if matches.count == 1 { prompt.field.set(matches[0]) }
        }
    }

    private func confirm(_ action: ConfirmedAction) {
        switch action {
        case .delete(let path, let isFolder):
            let (engine, user) = (worker.engine, state.user)
            startTask("Deleting \(path)") { _ in
                let accepted = Date()
                _ = try engine.api.delete(user: user, path: RemotePath(path), recursive: isFolder)
                return .undoable(
                    "Delete of \(path) accepted; it disappears once the DeleteFile workflow has run",
                    UndoableOperation(kind: .delete(path: path, at: accepted), title: "delete of \(path)", time: accepted))
            }
        case .quit:
            wantsQuit = true
        }
    }

    /// The conflict dialog's keys: lowercase for this name, uppercase for every name still to come; Esc cancels.
    static let conflictAnswers: [Key: (ConflictChoice, Bool)] = [
        .character("o"): (.overwrite, false), .character("O"): (.overwrite, true),
        .character("k"): (.keepBoth, false), .character("K"): (.keepBoth, true),
        .character("s"): (.skip, false), .character("S"): (.skip, true),
        .escape: (.refuse, false),
    ]

    private func answerMoveConflict(_ conflict: MoveConflict, key: Key) {
        let choice: ConflictChoice
        var merge = conflict.merging
        switch key {
        case .character("o"): choice = .overwrite
        case .character("k"): choice = .keepBoth
        case .character("m") where conflict.canMerge:
            choice = .refuse
            merge = true
        case .escape, .character("n"), .character("q"):
            state.dialog = nil
            return say("Nothing was moved", .info)
        default: return
        }
        state.dialog = nil
        startMove(from: conflict.from, to: conflict.to, onConflict: choice, merge: merge)
    }

    /// Starts a move; a conflict comes back as a question rather than an error.
    private func startMove(from: String, to: String, onConflict: ConflictChoice = .refuse, merge: Bool = false) {
        let (engine, user) = (worker.engine, state.user)
        startTask("Moving \(from) to \(to)") { _ in
            do {
                let accepted = try engine.api.move(user: user, from: RemotePath(from), to: RemotePath(to), onConflict: onConflict, merge: merge)
                let (source, destination) = (accepted.source.value, accepted.destination.value)
                // An overwrite replaced a file that only `pail versions`/`restore` bring back; moving back would not.
                guard onConflict != .overwrite else {
                    return .done("Move of \(from) to \(to) accepted; what it replaced is kept as an old version")
                }
                let renamed = destination == to || destination == to + "/" ? "" : " (as \(destination))"
                return .undoable(
                    "Move of \(from) to \(to)\(renamed) accepted; the tree follows once the MoveFile workflow has run",
                    UndoableOperation(kind: .move(from: source, to: destination), title: "move of \(source) to \(destination)", time: Date()))
            } catch let error as PailError where error.code == .conflict && onConflict == .refuse {
                let intoFolder = error.message.contains("--merge")
                return .moveConflict(MoveConflict(from: from, to: to, message: error.message, canMerge: intoFolder, merging: merge))
            }
        }
    }

    /// Undoes the operation at `index` of the history (in the background).
    private func undo(at index: Int) {
        guard let operation = state.history.take(at: index) else { return say("Nothing to undo yet in this session", .info) }
        let (api, user) = (worker.engine.api, state.user)
        startTask("Undoing the \(operation.title)") { _ in
            do {
                return .done(try operation.undo(api: api, user: user))
            } catch {
                return .undoFailed(operation, PailError.wrapping(error))
            }
        }
    }

    private func submit(_ prompt: Prompt) {
        let text = prompt.field.text
        let (engine, user) = (worker.engine, state.user)
        switch prompt.purpose {
        case .upload(let folder):
            let local = expandLocal(text)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: local, isDirectory: &isDirectory) else {
                return say("No such local file or folder: \(local)", .error, code: .localFileError)
            }
            let name = (local as NSString).standardizingPath.lastKeySegment ?? local
            let remote = folder + name + (isDirectory.boolValue ? "/" : "")
            let destination = displayFolder(folder)
            let title = "Uploading \(name) to \(destination)"
            let policy = ConflictQuestion.policy(transfer: title, mailbox: worker.mailbox)
            startTask(title) { progress in
                let report = try TransferClient(engine: engine).upload(
                    user: user, local: local, remote: RemotePath(remote), onConflict: policy, progress: progress)
                let bytes = report.stored.reduce(Int64(0)) { $0 + $1.size }
                let skipped = report.skipped.isEmpty ? "" : " (left out \(report.skipped.count) links or special files)"
                let kept = report.leftExisting.isEmpty ? "" : " (left \(Format.count(report.leftExisting.count, "existing file")) as they were)"
                let text = "Uploaded \(Format.count(report.stored.count, "file")), \(ByteSize.format(bytes)), to \(destination)\(skipped)\(kept)"
                guard !report.stored.isEmpty else { return .done(text) }
                let written = report.stored.map {
                    UndoableOperation.WrittenVersion(path: RemotePath.path(ofKey: $0.key, user: user) ?? $0.key, versionId: $0.versionId)
                }
                return .undoable(text, UndoableOperation(kind: .upload(written), title: "upload of \(name)", time: Date()))
            }
        case .rename(let from):
            // A plain name stays in the item's folder; a path with `/` is from the top of the vault.
            let parent = from.lastIndex(of: "/").map { String(from[...$0]) } ?? ""
            let to = text.contains("/") ? text : parent + text
            guard !text.isEmpty, to != from else { return say("The name is unchanged", .info) }
            startMove(from: from, to: to)
        case .fetch(let remote):
            let local = expandLocal(text)
            let policy = ConflictQuestion.policy(transfer: "Fetching \(remote)", mailbox: worker.mailbox)
            startTask("Fetching \(remote)") { progress in
                let objects = try TransferClient(engine: engine).fetch(
                    user: user, remote: RemotePath(remote), local: local, onConflict: policy, progress: progress
                ).map(\.object)
                let bytes = objects.reduce(Int64(0)) { $0 + $1.size }
                return .done("Fetched \(objects.count == 1 ? "1 file" : "\(objects.count) files"), \(ByteSize.format(bytes)), to \(local)")
            }
        case .newFolder(let parent):
            do {
                let path = try RemotePath(parent + text).asFolder.value
                guard path.keySegments.filter({ !$0.isEmpty }).count == parent.keySegments.filter({ !$0.isEmpty }).count + 1 else {
                    return say("A folder name cannot contain '/'", .error, code: .invalidArgument)
                }
                state.tree.newFolders.insert(path)
                if !parent.isEmpty { state.tree.expanded.insert(parent) }
                state.refreshRows()
                if let index = state.visible.rows.firstIndex(where: { $0.path == path }) { state.selection = index }
                say("Folder \(path) made; upload into it with u to keep it", .success)
            } catch {
                say(PailError.wrapping(error).message, .error, code: .invalidArgument)
            }
        case .switchUser:
            do {
                try UserDirectory.validate(name: text)
            } catch {
                return say(PailError.wrapping(error).message, .error, code: .invalidArgument)
            }
            state.user = text
            state.tree = TreeModel()
            state.selection = 0
            state.scrollTop = 0
            state.filter = TextField()
            state.loaded = false
            state.refreshRows()
            requestReload()
            say("Now showing \(text)'s vault", .success)
        }
    }

    // MARK: - Filter and executions

    private func handleFilter(_ key: Key) {
        switch key {
        case .enter:
            state.editingFilter = false
        case .escape:
            state.editingFilter = false
            state.filter = TextField()
        default:
            _ = state.filter.handle(key)
        }
        state.refreshRows()
    }

    private func handleExecutions(_ key: Key, selected: Int, showingSteps: Bool) {
        let count = state.executions.count
        switch key {
        case .escape, .character("q"), .character("x"), .character("h"), .left:
            if showingSteps { state.screen = .executions(selected: selected, showingSteps: false) } else { state.screen = .browser }
        case .down, .character("j"): state.screen = .executions(selected: min(max(0, count - 1), selected + 1), showingSteps: showingSteps)
        case .up, .character("k"): state.screen = .executions(selected: max(0, selected - 1), showingSteps: showingSteps)
        case .enter, .character("l"), .right: state.screen = .executions(selected: selected, showingSteps: !showingSteps)
        case .character("R"): worker.loadExecutions()
        default: break
        }
    }

    // MARK: - Helpers

    private func say(_ text: String, _ kind: AppState.Status.Kind, code: PailError.Code? = nil) {
        state.status = AppState.Status(text: code.map { "\($0.rawValue): \(text)" } ?? text, kind: kind)
    }

    /// A local path as typed: `~` is `$HOME`, a relative path is from the working folder, and a trailing
    /// `/` is kept (it names a folder).
    private func expandLocal(_ text: String) -> String {
        let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let path = text == "~" || text.hasPrefix("~/") ? home + text.dropFirst(1) : text
        return path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    private func displayFolder(_ folder: String) -> String { folder.isEmpty ? "the top of the vault" : folder }

    private func parentFolder(of folder: String) -> String {
        let segments = folder.keySegments.filter { !$0.isEmpty }
        return segments.dropLast().map { $0 + "/" }.joined()
    }
}
