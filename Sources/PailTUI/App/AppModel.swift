import Foundation
import PailCore

/// The terminal UI's state and how it changes, in the shape Bubble Tea and ratatui apps use: `update`
/// takes an event (a key, a click, what background work came back with), changes only the state, and
/// returns the work to start as `Effect` values. `PailApp` is the runtime that carries them out.
///
/// ```swift
/// var model = AppModel(user: "alice", root: "/data", delay: 0, themeName: "default", themeNames: ["default"],
///                      places: AppModel.LocalPlaces(workingDirectory: "/home/alice", home: "/home/alice"))
/// model.update(.input(.key(.character("d"))))              // a file is selected: asks first, no effect
/// let effects = model.update(.input(.key(.character("y"))))
/// // [.task(TaskRequest(id: 1, title: "Deleting a.txt", user: "alice", job: .delete(path: "a.txt", isFolder: false)))]
/// ```
struct AppModel {
    /// Where local paths typed in prompts are read from: the working folder (relative paths, and what
    /// the upload and fetch prompts start with) and the home folder (`~`).
    struct LocalPlaces: Sendable {
        let workingDirectory: String
        let home: String
    }

    var state: AppState
    let places: LocalPlaces
    /// The themes `t` cycles through.
    let themeNames: [String]
    /// True once the user asked to quit.
    var wantsQuit = false
    var reloadInFlight = false
    var reloadWanted = false
    /// The windows the last reload read big folders through.
    var windowsRead: [String: FileWindow] = [:]
    /// A folder just opened whose listing has not arrived yet, and the browser keys typed meanwhile: they
    /// are applied once it arrives, so `l j j` moves among the folder's entries as the user saw them coming.
    var opening: String?
    var keysAhead: [Key] = []
    /// The id of the last task started.
    var lastTaskID = 0
    /// The id of the last search started.
    var lastSearchID = 0
    /// Go-to lookups, completions and settings to write asked of the engine worker and not answered yet.
    var lookupsInFlight = 0
    /// Where the last frame put the tree's rows, for mouse clicks and paging.
    var treeArea = AppLayout.Rect(x: 0, y: 0, width: 0, height: 0)
    /// The effects of the event being handled.
    private var outbox: [Effect] = []

    init(
        user: String, root: String, delay: TimeInterval, themeName: String, themeNames: [String], places: LocalPlaces,
        sorts: [String: TreeSort] = [:], warning: String? = nil
    ) {
        state = AppState(user: user, root: root, delay: delay, themeName: themeName)
        state.sorts = sorts
        state.tree.sort = sorts[user] ?? TreeSort()
        self.places = places
        self.themeNames = themeNames
        if let warning { say(warning, .error) }
    }

    /// Applies an event to the state; returns the work it asks for, in order.
    @discardableResult
    mutating func update(_ event: AppEvent) -> [Effect] {
        switch event {
        case .input(let input): handle(input)
        case .message(let message): apply(message)
        case .reloadRequested: requestReload()
        case .startAt(let path): goTo(path, opening: true)
        }
        if state.wantedWindows(margin: windowMargin) != windowsRead { requestReload() }
        followSelectionWithPreview()
        defer { outbox = [] }
        return outbox
    }

    /// True while a reload is running or waiting.
    var isReloading: Bool { reloadInFlight || reloadWanted }

    /// True while a reload or a task is running or waiting (a task waiting for the user's answer is not).
    var isBusy: Bool {
        if case .conflict? = state.dialog { return isReloading }
        return isReloading || !state.tasks.isEmpty || state.preview.reading != nil || state.search?.running == true
            || lookupsInFlight > 0
    }

    /// Draws the state into a grid of the given size, first scrolling the tree so the selection shows.
    mutating func render(width: Int, height: Int, theme: Theme, now: Date = Date()) -> Grid {
        state.now = now
        let layout = AppLayout(width: width, height: height, preview: state.preview.isShown)
        keepSelectionVisible(rows: layout.tree.height - 1)
        if state.screen == .help { state.helpScroll = min(state.helpScroll, HelpView.maxScroll(in: layout.screenBelowTitle)) }
        treeArea = layout.tree
        var grid = Grid(width: width, height: height)
        AppView.draw(state, theme: theme, layout: layout, into: &grid)
        return grid
    }

    /// How many rows around the selection a big folder's window must hold: two screens either way.
    private var windowMargin: Int { 2 * max(treeArea.height, 25) }

    private mutating func keepSelectionVisible(rows: Int) {
        guard rows > 0 else { return }
        if state.selection < state.scrollTop { state.scrollTop = state.selection }
        if state.selection >= state.scrollTop + rows { state.scrollTop = state.selection - rows + 1 }
        state.scrollTop = max(0, min(state.scrollTop, max(0, state.visible.count - rows)))
    }

    // MARK: - Helpers of every part of the update

    mutating func emit(_ effect: Effect) {
        switch effect {
        case .locate, .completeVaultPath, .remember, .forget: lookupsInFlight += 1
        default: break
        }
        outbox.append(effect)
    }

    mutating func say(_ text: String, _ kind: AppState.Status.Kind, code: PailError.Code? = nil) {
        state.status = AppState.Status(text: code.map { "\($0.rawValue): \(text)" } ?? text, kind: kind)
    }

    /// Starts a job the status line shows until it finishes; a transfer waits in the queue while
    /// `TaskPhase.transfersAtOnce` others run.
    mutating func startTask(_ title: String, _ job: Job) {
        let request = nextTask(title, job)
        var task = AppState.RunningTask(title: title, progress: nil, started: Date(), id: request.id, request: request)
        if job.isTransfer,
            state.tasks.values.filter({ $0.phase.isRunning && $0.request?.job.isTransfer == true }).count >= TaskPhase.transfersAtOnce
        {
            task.phase = .queued
            state.tasks[request.id] = task
            return say("\(title): queued behind \(Plural.count(TaskPhase.transfersAtOnce, "transfer")) (T lists them)", .info)
        }
        state.tasks[request.id] = task
        say(title + "…", .info)
        emit(.task(request))
    }

    /// A job with the next task id, for the current user.
    mutating func nextTask(_ title: String, _ job: Job) -> TaskRequest {
        lastTaskID += 1
        return TaskRequest(id: lastTaskID, title: title, user: state.user, job: job)
    }

    /// Asks for a reload; at most one runs at a time, and one more follows if asked meanwhile.
    mutating func requestReload() {
        if reloadInFlight { reloadWanted = true } else { startReload() }
    }

    mutating func startReload() {
        reloadWanted = false
        reloadInFlight = true
        windowsRead = state.wantedWindows(margin: windowMargin)
        emit(.reload(user: state.user, folders: state.tree.visibleFolders, windows: windowsRead, order: state.tree.sort.listingOrder))
    }

    mutating func prompt(_ title: String, hint: String, text: String, purpose: Prompt.Purpose) {
        state.dialog = .prompt(Prompt(title: title, hint: hint, field: TextField(text), purpose: purpose))
    }

    /// A local path as typed: `~` is the home folder, a relative path is from the working folder, and a
    /// trailing `/` is kept (it names a folder).
    func expandLocal(_ text: String) -> String {
        let path = HomeFolder.expand(text, home: places.home)
        return path.hasPrefix("/") ? path : places.workingDirectory + "/" + path
    }
}
