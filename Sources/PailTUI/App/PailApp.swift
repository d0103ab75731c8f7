import Foundation
import PailCore

/// The terminal UI's runtime: feeds input and background messages to the `AppModel`, carries out the
/// effects its update returns (through the engine worker, the terminal, the theme files), and renders
/// frames. Lives on the UI thread; only `AppLoop` (or the headless runner) drives it.
///
/// ```swift
/// let themes = ThemeLibrary.standard(configFolder: "/home/alice/.config/pail").choice
/// let app = PailApp(engine: engine, user: "alice", delay: 0.5, themes: themes, colors: 256, noColor: false)
/// app.start(on: terminal)
/// app.handle(.key(.character("j")))
/// let frame = app.render(width: 100, height: 30)
/// ```
public final class PailApp {
    private var model: AppModel
    private let worker: EngineWorker
    private let themes: ThemeChoice
    private var theme: Theme
    private let colors: Int
    private let noColor: Bool
    /// Where settings chosen in the UI are remembered; nil to remember none.
    private let config: ConfigFile?
    /// The vault path the UI opens at (`pail tui PATH`); nil for the top.
    private let startPath: String?
    private var subscription: ChangeSubscription?
    /// Set when something changed that the screen shows; cleared by `render`.
    public private(set) var needsRedraw = true
    /// Where the share dialog's `c` copies the link: the terminal `start(on:)` was given.
    private weak var terminal: (any Terminal)?

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
        noColor: Bool, warning: String? = nil, config: ConfigFile? = nil, bookmarks: [String: [Character: String]] = [:],
        startPath: String? = nil
    ) {
        self.config = config
        self.startPath = startPath
        let pause = ProcessInfo.processInfo.environment["PAIL_TASK_PAUSE_MS"].flatMap(Double.init).map { $0 / 1000 } ?? 0
        worker = EngineWorker(engine: engine, mailbox: Mailbox(), pause: pause)
        self.themes = themes
        self.colors = colors
        self.noColor = noColor
        let requested = themeName ?? themes.names.first ?? "default"
        let chosen = themes.load(requested)
        theme = chosen.theme.adapted(colors: colors, noColor: noColor)
        let places = AppModel.LocalPlaces(workingDirectory: FileManager.default.currentDirectoryPath, home: HomeFolder.path())
        // The orders chosen in this root, read once before the first frame (as the theme is).
        var sorts: [String: TreeSort] = [:]
        var sortWarning: String?
        do {
            sorts = try TreeSortFile.load(root: engine.root)
        } catch {
            sortWarning = PailError.wrapping(error).message
        }
        model = AppModel(
            user: user, root: engine.root, delay: delay, themeName: requested, themeNames: themes.names, places: places,
            sorts: sorts, warning: warning ?? chosen.warning ?? sortWarning)
        model.state.bookmarks = Bookmarks(byUser: bookmarks)
    }

    /// The screen row of the selected entry when the tree or the search shows it (the headless `screen` marks it).
    func selectedRow(in layout: AppLayout) -> Int? {
        guard !layout.isTooSmall, model.state.screen == .browser else { return nil }
        if let search = model.state.search {
            return SearchView.screenRow(of: search, in: AppLayout.Rect(x: 0, y: 1, width: layout.width, height: layout.height - 2))
        }
        return TreeView.screenRow(of: model.state.selection, model.state, in: layout.tree)
    }

    /// Starts watching the engine and loads the first screen (going to the start path, if there is one); copies
    /// go to `terminal`'s clipboard. Then, off the UI thread, removes the private copies a killed pail left in
    /// `$TMPDIR`.
    public func start(on terminal: any Terminal) {
        self.terminal = terminal
        let mailbox = worker.mailbox
        subscription = worker.engine.changes.subscribe { mailbox.post(.engineChanged) }
        requestReload()
        if let startPath { dispatch(.startAt(startPath)) }
        worker.removeLeftoverCopies(in: FileManager.default.temporaryDirectory.path)
    }

    /// Stops watching the engine, after the settings asked to be remembered are written.
    public func stop() {
        worker.finishWritingSettings()
        subscription?.cancel()
        subscription = nil
    }

    /// A descriptor that is readable while background work has messages for `processMessages`: the loop waits
    /// on it beside the terminal's input.
    public var wakeUp: Int32 { worker.mailbox.wakeUp }

    /// True once the user asked to quit.
    public var wantsQuit: Bool { model.wantsQuit }

    /// True while a reload is running or waiting.
    public var isReloading: Bool { model.isReloading }

    /// True while a reload or a task is running or waiting (a task waiting for the user's answer is not).
    public var isBusy: Bool { model.isBusy }

    /// True while the preview pane's read is running.
    public var isReadingPreview: Bool { model.state.preview.reading != nil }

    /// Events not delivered yet, as of the last reload (dead letters not counted).
    public var pendingEventCount: Int { model.state.liveDeliveries }

    /// Draws the state into a grid of the given size.
    public func render(width: Int, height: Int) -> Grid {
        needsRedraw = false
        return model.render(width: width, height: height, theme: theme)
    }

    /// Handles a key, click, wheel or resize.
    public func handle(_ event: InputEvent) { dispatch(.input(event)) }

    /// Asks for a reload; at most one runs at a time, and one more follows if asked meanwhile.
    public func requestReload() { dispatch(.reloadRequested) }

    /// Waits up to `timeout` seconds for background work to post a message (`processMessages` takes it).
    public func waitForMessages(timeout: Double) { worker.mailbox.wait(timeout: timeout) }

    /// Applies every message background work has posted; returns whether there were any.
    @discardableResult
    public func processMessages() -> Bool {
        let messages = worker.mailbox.drain()
        for message in messages { dispatch(.message(message)) }
        return !messages.isEmpty
    }

    private func dispatch(_ event: AppEvent) {
        needsRedraw = true
        for effect in model.update(event) { perform(effect) }
    }

    /// Lends the terminal (none without one) to a program `body` runs.
    private func lend<Value>(_ body: (_ isTerminal: Bool) -> Value) -> Value {
        guard let terminal else { return body(false) }
        return terminal.lend(body)
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case .reload(let user, let folders, let windows, let order):
            worker.reload(user: user, folders: folders, windows: windows, order: order)
        case .loadExecutions: worker.loadExecutions()
        case .task(let request): worker.start(request)
        case .cancelTask(let id): worker.cancel(taskID: id)
        case .copyToClipboard(let text): terminal?.copyToClipboard(text)
        case .answer(let question, let choice, let forAll): question.answer(choice, forAll: forAll)
        case .completeLocalPath(let text):
            let result = LocalPathCompletion.complete(text, in: model.places.workingDirectory, home: model.places.home)
            dispatch(.message(.completed(result)))
        case .loadPreview(let user, let request): worker.preview(request, user: user)
        case .runProgram(let file):
            let program = ExternalProgram.command(for: file.purpose, environment: ProcessInfo.processInfo.environment)
            let result = lend { isTerminal in
                Result { try ExternalProgram.run(program, file: file.local, terminal: isTerminal) }.mapError(PailError.wrapping)
            }
            dispatch(.message(.programExited(file, program: program, result)))
        case .suspend:
            dispatch(.message(.resumed(terminal?.suspend() ?? false)))
        case .loadTheme(let name):
            let chosen = themes.load(name)
            theme = chosen.theme.adapted(colors: colors, noColor: noColor)
            dispatch(.message(.themeLoaded(name: chosen.theme.name, warning: chosen.warning)))
        case .search(let id, let user, let pattern): worker.searcher.start(id: id, user: user, pattern: pattern)
        case .cancelSearch: worker.searcher.cancel()
        case .completeVaultPath(let user, let text): worker.completeVaultPath(text, user: user)
        case .locate(let user, let path, let order): worker.locate(path, user: user, order: order)
        case .remember(let keyPath, let value):
            if let config { worker.remember(keyPath, value, in: config) } else { dispatch(.message(.settingWritten(nil))) }
        case .forget(let keyPath):
            if let config { worker.remember(keyPath, nil, in: config) } else { dispatch(.message(.settingWritten(nil))) }
        }
    }
}
