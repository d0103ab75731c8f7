import PailCore

/// What reaches the model: the user's input, or what work it asked for came back with.
enum AppEvent: Sendable {
    case input(InputEvent)
    case message(AppMessage)
    /// Something outside the model wants the screen read again (the headless runner after a `run`).
    case reloadRequested
}

/// Work the model asks for, as a value: `AppModel.update` returns effects and `PailApp` carries them out,
/// so a test can check what a key sequence would do without an engine or a terminal.
enum Effect: Sendable, Equatable {
    /// Read the listings of `folders` (each through its window in `windows`, else `TreeModel.firstPage`),
    /// the quota and the pending events for `user`; answered by `.loaded`.
    case reload(user: String, folders: [String], windows: [String: FileWindow] = [:])
    /// Read the latest workflow runs; answered by `.executions`.
    case loadExecutions
    /// Start background work; answered by `.progress` and `.finished`.
    case task(TaskRequest)
    /// Put text on the clipboard of the machine the terminal runs on.
    case copyToClipboard(String)
    /// Tell a transfer waiting on a taken name how to go on.
    case answer(ConflictQuestion, ConflictChoice, forAll: Bool)
    /// Complete a local path typed in the open prompt; answered by `.completed`.
    case completeLocalPath(String)
    /// Load a theme and draw with it; answered by `.themeLoaded`.
    case loadTheme(String)
    /// Search every path of `user`'s vault for `pattern`, giving up any search still running; answered by
    /// `.searchFound` (results a chunk at a time) or `.searchFailed`.
    case search(id: Int, user: String, pattern: SearchPattern)
    /// Give up the search running, if any.
    case cancelSearch
}

/// A background task the model started: its id (for its progress and outcome), the title the status
/// line shows, and the work.
struct TaskRequest: Sendable, Equatable {
    let id: Int
    let title: String
    let user: String
    let job: Job
}

/// Work on the engine that runs off the UI thread; `EngineWorker` knows how to do each.
enum Job: Sendable, Equatable {
    /// Count what a folder holds, to ask before deleting it.
    case countFolder(path: String)
    case delete(path: String, isFolder: Bool)
    /// A move or rename; a taken destination comes back as a question unless `onConflict` settles it.
    case move(from: String, to: String, onConflict: ConflictChoice, merge: Bool)
    case undo(UndoableOperation)
    /// An upload of a local file or folder under its own name into a folder of the vault ("" for the top).
    case upload(local: String, intoFolder: String)
    case fetch(remote: String, local: String)
    case share(path: String)
    case redrive
    /// The vault's user names, for the switch-user prompt's completion.
    case listUsers
}
