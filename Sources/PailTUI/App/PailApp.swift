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

    /// True while a reload or a task is running or waiting.
    public var isBusy: Bool { reloadInFlight || reloadWanted || !state.tasks.isEmpty }

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
        }
    }

    private func finish(_ outcome: TaskOutcome) {
        switch outcome {
        case .done(let text): say(text, .success)
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
        case .quit: wantsQuit = true
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

    private func askToDelete() {
        guard let row = state.selected else { return say("Nothing to delete", .info) }
        if case .arriving = row.kind { return say("\(row.name) is still arriving; delete it once it is listed", .info) }
        let lines = row.isFolder
            ? ["Delete the folder \(row.path) and everything in it?"]
            : ["Delete \(row.path)?", sizeLine(row)]
        state.dialog = .confirm(title: "Delete", lines: lines.filter { !$0.isEmpty } + ["", "y: delete    n/esc: keep"],
                                action: .delete(path: row.path, isFolder: row.isFolder))
    }

    private func sizeLine(_ row: TreeRow) -> String {
        if case .file(let entry) = row.kind { return "\(ByteSize.format(entry.size)), modified \(Format.dateTime(entry.modified))" }
        return ""
    }

    private func askForRename() {
        guard let row = state.selected else { return say("Nothing to rename", .info) }
        let current = row.isFolder ? String(row.path.dropLast()) : row.path
        prompt("Rename or move \(row.path)", hint: "the new path; end it with / to move into a folder", text: current,
               purpose: .rename(from: current))
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
            if key == .character("y") || key == .character("Y") || key == .enter {
                state.dialog = nil
                confirm(action)
            } else if key == .character("n") || key == .character("N") || key == .escape || key == .character("q") {
                state.dialog = nil
                say("Nothing was deleted", .info)
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
                _ = try engine.api.delete(user: user, path: RemotePath(path), recursive: isFolder)
                return .done("Delete of \(path) accepted; it disappears once the DeleteFile workflow has run")
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
            startTask("Uploading \(name) to \(destination)") { progress in
                let report = try TransferClient(engine: engine).upload(user: user, local: local, remote: RemotePath(remote), progress: progress)
                let bytes = report.stored.reduce(Int64(0)) { $0 + $1.size }
                let files = report.stored.count == 1 ? "1 file" : "\(report.stored.count) files"
                let skipped = report.skipped.isEmpty ? "" : " (left out \(report.skipped.count) links or special files)"
                return .done("Uploaded \(files), \(ByteSize.format(bytes)), to \(destination)\(skipped)")
            }
        case .rename(let from):
            guard !text.isEmpty, text != from else { return say("The name is unchanged", .info) }
            startTask("Moving \(from) to \(text)") { _ in
                _ = try engine.api.move(user: user, from: RemotePath(from), to: RemotePath(text))
                return .done("Move of \(from) to \(text) accepted; the tree follows once the MoveFile workflow has run")
            }
        case .fetch(let remote):
            let local = expandLocal(text)
            startTask("Fetching \(remote)") { progress in
                let objects = try TransferClient(engine: engine).fetch(user: user, remote: RemotePath(remote), local: local, progress: progress)
                    .map(\.object)
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

    private func expandLocal(_ text: String) -> String {
        let path = text.hasPrefix("~/") ? NSHomeDirectory() + text.dropFirst(1) : text
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return absolute.count > 1 && absolute.hasSuffix("/") ? String(absolute.dropLast()) : absolute
    }

    private func displayFolder(_ folder: String) -> String { folder.isEmpty ? "the top of the vault" : folder }

    private func parentFolder(of folder: String) -> String {
        let segments = folder.keySegments.filter { !$0.isEmpty }
        return segments.dropLast().map { $0 + "/" }.joined()
    }
}
