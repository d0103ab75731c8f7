import PailCore

/// What reaches the model: the user's input, or what work it asked for came back with.
enum AppEvent: Sendable {
    case input(InputEvent)
    case message(AppMessage)
    /// Something outside the model wants the screen read again (the headless runner after a `run`).
    case reloadRequested
    /// The UI starts at this vault path (`pail tui PATH`): gone to, and opened if it is a folder.
    case startAt(String)
}

/// Work the model asks for, as a value: `AppModel.update` returns effects and `PailApp` carries them out,
/// so a test can check what a key sequence would do without an engine or a terminal.
enum Effect: Sendable, Equatable {
    /// Read the listings of `folders` (each through its window in `windows`, else `TreeModel.firstPage(order)`),
    /// the quota and the pending events for `user`; answered by `.loaded`.
    case reload(user: String, folders: [String], windows: [String: FileWindow] = [:], order: ListingOrder = .natural)
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
    /// Read what the preview pane shows for an entry; answered by `.previewed`.
    case loadPreview(user: String, PreviewRequest)
    /// Hand the terminal to the user's pager or editor for a fetched file; answered by `.programExited`.
    case runProgram(OpenedFile)
    /// Stop the process as Ctrl-Z does in a shell, until `fg`; answered by `.resumed`.
    case suspend
    /// Search every path of `user`'s vault for `pattern`, giving up any search still running; answered by
    /// `.searchFound` (results a chunk at a time) or `.searchFailed`.
    case search(id: Int, user: String, pattern: SearchPattern)
    /// Give up the search running, if any.
    case cancelSearch
    /// Complete a vault path typed in the go-to prompt with folder names; answered by `.vaultPathCompleted`.
    case completeVaultPath(user: String, String)
    /// Find where a vault path is (a file and its place in its folder, in `order`, or a folder); answered by
    /// `.located`.
    case locate(user: String, String, order: ListingOrder)
    /// Write a setting into the user's config.toml, for the next start; answered by `.settingWritten`.
    case remember([String], value: String)
    /// Remove a setting from the user's config.toml (a bookmark); answered by `.settingWritten`.
    case forget([String])
    /// Stop a task part-way; it still ends with `.finished` (a `Cancelled` failure, or what it did).
    case cancelTask(id: Int)
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
    /// Whether a user exists, before switching to them; answered with the users there are.
    case lookUpUser(String)
    /// Fetch a file to a private temporary folder, for a program of the user's to show or edit.
    case fetchToOpen(path: String, purpose: OpenedFile.Purpose)
    /// After the editor: compare the copy with what was fetched (size and hash).
    case lookForChanges(OpenedFile)
    /// Upload an edited copy back (asking if the vault's file changed meanwhile), then remove it.
    case uploadEdited(OpenedFile)
    /// Remove a fetched copy and its folder; `message` is what the user is told then.
    case discardOpened(OpenedFile, message: String)
    /// Count the entries, files and bytes of a selection, to ask before deleting it.
    case countChosen(Selection)
    case deleteChosen(Selection)
    /// Copy (server-side) or move the selection's entries into a folder of the vault, each under its name.
    case relocate(Selection, into: String, copy: Bool)
    /// Fetch the selection's entries into a local folder.
    case fetchChosen(Selection, local: String)
    /// A share link for each file of the selection (a folder's files included).
    case shareChosen(Selection)
    /// Remember the tree's order for the user's vault (`TreeSortFile`); `message` is what the user is told then.
    case saveSort(TreeSort, message: String)
}
