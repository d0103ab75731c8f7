import PailCore

/// Something the user can ask for with a key. What it does depends on where the key is pressed:
/// `moveDown` moves in the tree, in the workflow runs and in the list of recent operations alike.
enum Action: Sendable, Equatable {
    case moveUp, moveDown, pageUp, pageDown, top, bottom, open, back
    case upload, delete, rename, fetch, share, filter, clearSelectionOrFilter, newFolder, undo, undoList
    case toggleChosen, chooseRange, chooseAll, copyChosen, cutChosen, paste
    case switchUser, executions, redrive, cycleTheme, refresh, help, quit, search
    case togglePreview, edit, suspend, goTo, previousPlace, setBookmark, bookmarks, tasks
    /// On the task list: start a failed or cancelled task again.
    case retry
    /// On the search screen: substring or subsequence matching.
    case toggleFuzzy
    /// `S` and its menu: the order of the tree.
    case sortMenu, sortBy(TreeSort.Key), reverseSort, toggleFoldersFirst
    /// In a dialog or a screen over the browser: answers and closing.
    case yes, no, submit, cancel, complete, copy, close, merge
    /// In the "Name taken" dialog: how to settle this name, or (`forAll`) every name still to come.
    case answer(ConflictChoice, forAll: Bool)
}

/// Where a key is pressed: the browser, a screen over it, or a dialog. Each place has its own bindings.
enum KeyContext: String, Sendable, CaseIterable {
    case browser = "Browser", filter = "Filter", help = "Help", executions = "Workflow runs"
    case confirm = "Question", prompt = "Prompt", message = "Share link"
    case conflict = "Name taken", moveConflict = "Move: name taken", undoList = "Recent operations"
    case search = "Search", bookmarks = "Bookmarks", tasks = "Tasks"
    case sort = "Sort"
}

/// A key binding: the keys, what they do, and the line the help screen shows for them.
struct KeyBinding: Sendable {
    /// The help screen's groups of browser keys.
    enum Group: String, Sendable, CaseIterable {
        case move = "Move", files = "Files", select = "Selection (d r o s act on it)", vault = "Vault and view"
    }

    let keys: [Key]
    let action: Action
    let summary: String
    /// The help screen's group (browser keys only).
    var group: Group? = nil

    /// The action bound to a key where it is pressed, if any.
    static func action(for key: Key, in context: KeyContext) -> Action? {
        table[context]?.first { $0.keys.contains(key) }?.action
    }

    /// Every binding of the file browser; the help screen is generated from this list.
    static var browser: [KeyBinding] { table[.browser] ?? [] }

    /// Every key of every place; the help screen is generated from this table, so it lists them all.
    static let table: [KeyContext: [KeyBinding]] = [
        .browser: [
            KeyBinding(keys: [.down, .character("j")], action: .moveDown, summary: "next entry", group: .move),
            KeyBinding(keys: [.up, .character("k")], action: .moveUp, summary: "previous entry", group: .move),
            KeyBinding(keys: [.pageDown, .ctrl("d")], action: .pageDown, summary: "page down", group: .move),
            KeyBinding(keys: [.pageUp, .ctrl("u")], action: .pageUp, summary: "page up", group: .move),
            KeyBinding(keys: [.home], action: .top, summary: "first entry (also gg)", group: .move),
            KeyBinding(keys: [.character("G"), .end], action: .bottom, summary: "last entry", group: .move),
            KeyBinding(
                keys: [.character("l"), .right, .enter], action: .open, summary: "open/close a folder, view a file", group: .move),
            KeyBinding(keys: [.character("h"), .left], action: .back, summary: "close the folder / go to parent", group: .move),
            KeyBinding(keys: [.character("g")], action: .goTo, summary: "go to a path (Tab completes)", group: .move),
            KeyBinding(keys: [.character("-")], action: .previousPlace, summary: "back to where the last jump left", group: .move),
            KeyBinding(keys: [.character("b")], action: .setBookmark, summary: "bookmark this folder, + a letter", group: .move),
            KeyBinding(keys: [.character("'")], action: .bookmarks, summary: "go to a bookmark, + its letter", group: .move),
            KeyBinding(keys: [.character(" ")], action: .toggleChosen, summary: "select or unselect, then next", group: .select),
            KeyBinding(keys: [.character("v")], action: .chooseRange, summary: "start / end a range selection", group: .select),
            KeyBinding(keys: [.character("*"), .ctrl("a")], action: .chooseAll, summary: "select all in this folder", group: .select),
            KeyBinding(keys: [.character("y")], action: .copyChosen, summary: "copy to Pail's clipboard", group: .select),
            KeyBinding(keys: [.character("Y")], action: .cutChosen, summary: "cut to Pail's clipboard", group: .select),
            KeyBinding(keys: [.character("p")], action: .paste, summary: "paste into this folder", group: .select),
            KeyBinding(keys: [.character("u")], action: .upload, summary: "upload a file or folder here", group: .files),
            KeyBinding(
                keys: [.character("d"), .delete], action: .delete, summary: "delete (asks first)", group: .files),
            KeyBinding(keys: [.character("r")], action: .rename, summary: "rename or move", group: .files),
            KeyBinding(keys: [.character("o")], action: .fetch, summary: "fetch (download)", group: .files),
            KeyBinding(keys: [.character("e")], action: .edit, summary: "edit a file, upload it back", group: .files),
            KeyBinding(keys: [.character("s")], action: .share, summary: "share link", group: .files),
            KeyBinding(keys: [.character("n")], action: .newFolder, summary: "new folder", group: .files),
            KeyBinding(keys: [.character("/")], action: .filter, summary: "filter as you type", group: .files),
            KeyBinding(keys: [.character("f"), .ctrl("f")], action: .search, summary: "search every path of the vault", group: .files),
            KeyBinding(keys: [.escape], action: .clearSelectionOrFilter, summary: "clear selection, then filter", group: .files),
            KeyBinding(keys: [.character("z")], action: .undo, summary: "undo the last operation", group: .files),
            KeyBinding(keys: [.character("Z")], action: .undoList, summary: "list recent operations, undo one", group: .files),
            KeyBinding(keys: [.character("U")], action: .switchUser, summary: "switch user", group: .vault),
            KeyBinding(keys: [.character("x")], action: .executions, summary: "workflow runs and steps", group: .vault),
            KeyBinding(keys: [.character("T")], action: .tasks, summary: "tasks: progress, cancel, retry", group: .vault),
            KeyBinding(keys: [.character("D")], action: .redrive, summary: "redrive dead-lettered events", group: .vault),
            KeyBinding(keys: [.character("t")], action: .cycleTheme, summary: "next theme", group: .vault),
            KeyBinding(keys: [.character("P"), .tab], action: .togglePreview, summary: "preview pane on/off", group: .vault),
            KeyBinding(keys: [.character("S")], action: .sortMenu, summary: "sort by name/size/time/extension", group: .vault),
            KeyBinding(keys: [.ctrl("z")], action: .suspend, summary: "suspend to the shell (fg resumes)", group: .vault),
            KeyBinding(keys: [.character("R"), .ctrl("l")], action: .refresh, summary: "refresh", group: .vault),
            KeyBinding(keys: [.character("?"), .function(1)], action: .help, summary: "this help", group: .vault),
            KeyBinding(keys: [.character("q"), .ctrl("c")], action: .quit, summary: "quit", group: .vault),
        ],
        .filter: [
            KeyBinding(keys: [.enter], action: .submit, summary: "keep"),
            KeyBinding(keys: [.escape], action: .cancel, summary: "clear"),
        ],
        .help: [
            KeyBinding(keys: [.down, .character("j")], action: .moveDown, summary: "scroll down"),
            KeyBinding(keys: [.up, .character("k")], action: .moveUp, summary: "scroll up"),
            KeyBinding(keys: [.escape, .character("q"), .character("?"), .function(1), .enter], action: .close, summary: "close"),
        ],
        .executions: [
            KeyBinding(keys: [.down, .character("j")], action: .moveDown, summary: "next"),
            KeyBinding(keys: [.up, .character("k")], action: .moveUp, summary: "previous"),
            KeyBinding(keys: [.enter, .character("l"), .right], action: .open, summary: "steps"),
            KeyBinding(keys: [.character("R")], action: .refresh, summary: "reload"),
            KeyBinding(keys: [.escape, .character("q"), .character("x"), .character("h"), .left], action: .back, summary: "back"),
        ],
        .tasks: [
            KeyBinding(keys: [.down, .character("j")], action: .moveDown, summary: "next"),
            KeyBinding(keys: [.up, .character("k")], action: .moveUp, summary: "previous"),
            KeyBinding(keys: [.character("c")], action: .cancel, summary: "cancel a running task"),
            KeyBinding(keys: [.character("r")], action: .retry, summary: "retry a failed or cancelled task"),
            KeyBinding(keys: [.escape, .character("q"), .character("T")], action: .back, summary: "back"),
        ],
        .confirm: [
            // Only `y` confirms: Enter typed ahead must never delete.
            KeyBinding(keys: [.character("y"), .character("Y")], action: .yes, summary: "yes"),
            KeyBinding(keys: [.character("n"), .character("N"), .escape, .character("q")], action: .no, summary: "no"),
        ],
        .prompt: [
            KeyBinding(keys: [.enter], action: .submit, summary: "ok"),
            KeyBinding(keys: [.escape], action: .cancel, summary: "cancel"),
            KeyBinding(keys: [.tab], action: .complete, summary: "complete"),
        ],
        .message: [
            KeyBinding(keys: [.character("c")], action: .copy, summary: "copy the link"),
            KeyBinding(keys: [.enter, .escape, .character("q")], action: .close, summary: "close"),
        ],
        .conflict: [
            KeyBinding(keys: [.character("o")], action: .answer(.overwrite, forAll: false), summary: "overwrite"),
            KeyBinding(keys: [.character("k")], action: .answer(.keepBoth, forAll: false), summary: "keep both"),
            KeyBinding(keys: [.character("s")], action: .answer(.skip, forAll: false), summary: "skip"),
            KeyBinding(keys: [.character("O")], action: .answer(.overwrite, forAll: true), summary: "overwrite all"),
            KeyBinding(keys: [.character("K")], action: .answer(.keepBoth, forAll: true), summary: "keep all"),
            KeyBinding(keys: [.character("S")], action: .answer(.skip, forAll: true), summary: "skip all"),
            KeyBinding(keys: [.escape], action: .cancel, summary: "cancel"),
        ],
        .moveConflict: [
            KeyBinding(keys: [.character("o")], action: .answer(.overwrite, forAll: false), summary: "overwrite"),
            KeyBinding(keys: [.character("k")], action: .answer(.keepBoth, forAll: false), summary: "keep both"),
            KeyBinding(keys: [.character("m")], action: .merge, summary: "merge folders"),
            KeyBinding(keys: [.escape, .character("n"), .character("q")], action: .cancel, summary: "cancel"),
        ],
        .search: [
            KeyBinding(keys: [.down, .ctrl("n")], action: .moveDown, summary: "next"),
            KeyBinding(keys: [.up, .ctrl("p")], action: .moveUp, summary: "previous"),
            KeyBinding(keys: [.pageDown], action: .pageDown, summary: "page down"),
            KeyBinding(keys: [.pageUp], action: .pageUp, summary: "page up"),
            KeyBinding(keys: [.enter], action: .submit, summary: "go there"),
            KeyBinding(keys: [.tab], action: .toggleFuzzy, summary: "substring / fuzzy"),
            KeyBinding(keys: [.escape], action: .cancel, summary: "close"),
        ],
        .bookmarks: [
            KeyBinding(keys: [.down], action: .moveDown, summary: "next"),
            KeyBinding(keys: [.up], action: .moveUp, summary: "previous"),
            KeyBinding(keys: [.enter], action: .submit, summary: "go there"),
            KeyBinding(keys: [.delete], action: .delete, summary: "remove it"),
            KeyBinding(keys: [.escape], action: .cancel, summary: "cancel"),
        ],
        .undoList: [
            KeyBinding(keys: [.down, .character("j")], action: .moveDown, summary: "next"),
            KeyBinding(keys: [.up, .character("k")], action: .moveUp, summary: "previous"),
            KeyBinding(keys: [.enter, .character("z")], action: .undo, summary: "undo it"),
            KeyBinding(keys: [.escape, .character("q"), .character("Z")], action: .close, summary: "close"),
        ],
        .sort: [
            KeyBinding(keys: [.character("n")], action: .sortBy(.name), summary: "name"),
            KeyBinding(keys: [.character("s")], action: .sortBy(.size), summary: "size"),
            KeyBinding(keys: [.character("m")], action: .sortBy(.modified), summary: "modified"),
            KeyBinding(keys: [.character("e")], action: .sortBy(.extension), summary: "extension"),
            KeyBinding(keys: [.character("r")], action: .reverseSort, summary: "reverse"),
            KeyBinding(keys: [.character("f")], action: .toggleFoldersFirst, summary: "folders first/mixed"),
            KeyBinding(keys: [.escape, .character("q"), .character("S")], action: .close, summary: "close"),
        ],
    ]
}
