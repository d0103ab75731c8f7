/// Something the user can ask for with a key.
enum Action: Sendable, Equatable {
    case moveUp, moveDown, pageUp, pageDown, top, bottom, open, back
    case upload, delete, rename, fetch, share, filter, newFolder, undo, undoList
    case switchUser, executions, redrive, cycleTheme, refresh, help, quit
}

/// A key binding: the keys, what they do, and the line the help screen shows for them.
struct KeyBinding: Sendable {
    enum Group: String, Sendable, CaseIterable {
        case move = "Move", files = "Files", vault = "Vault and view"
    }

    let keys: [Key]
    let action: Action
    let summary: String
    let group: Group

    /// Every binding of the file browser; the help screen is generated from this list.
    static let browser: [KeyBinding] = [
        KeyBinding(keys: [.down, .character("j")], action: .moveDown, summary: "next entry", group: .move),
        KeyBinding(keys: [.up, .character("k")], action: .moveUp, summary: "previous entry", group: .move),
        KeyBinding(keys: [.pageDown, .ctrl("d")], action: .pageDown, summary: "page down", group: .move),
        KeyBinding(keys: [.pageUp, .ctrl("u")], action: .pageUp, summary: "page up", group: .move),
        KeyBinding(keys: [.character("g"), .home], action: .top, summary: "first entry", group: .move),
        KeyBinding(keys: [.character("G"), .end], action: .bottom, summary: "last entry", group: .move),
        KeyBinding(keys: [.character("l"), .right, .enter], action: .open, summary: "open or close a folder", group: .move),
        KeyBinding(keys: [.character("h"), .left], action: .back, summary: "close the folder / go to parent", group: .move),
        KeyBinding(keys: [.character("u")], action: .upload, summary: "upload a file or folder here", group: .files),
        KeyBinding(keys: [.character("d"), .delete], action: .delete, summary: "delete (asks first)", group: .files),
        KeyBinding(keys: [.character("r")], action: .rename, summary: "rename or move", group: .files),
        KeyBinding(keys: [.character("o")], action: .fetch, summary: "fetch (download)", group: .files),
        KeyBinding(keys: [.character("s")], action: .share, summary: "share link", group: .files),
        KeyBinding(keys: [.character("n")], action: .newFolder, summary: "new folder", group: .files),
        KeyBinding(keys: [.character("/")], action: .filter, summary: "filter as you type", group: .files),
        KeyBinding(keys: [.character("z")], action: .undo, summary: "undo the last operation", group: .files),
        KeyBinding(keys: [.character("Z")], action: .undoList, summary: "recent operations: undo an older one", group: .files),
        KeyBinding(keys: [.character("U")], action: .switchUser, summary: "switch user", group: .vault),
        KeyBinding(keys: [.character("x")], action: .executions, summary: "workflow runs and steps", group: .vault),
        KeyBinding(keys: [.character("D")], action: .redrive, summary: "redrive dead-lettered events", group: .vault),
        KeyBinding(keys: [.character("t")], action: .cycleTheme, summary: "next theme", group: .vault),
        KeyBinding(keys: [.character("R"), .ctrl("l")], action: .refresh, summary: "refresh", group: .vault),
        KeyBinding(keys: [.character("?"), .function(1)], action: .help, summary: "this help", group: .vault),
        KeyBinding(keys: [.character("q"), .ctrl("c")], action: .quit, summary: "quit", group: .vault),
    ]

    /// The action bound to a key, if any.
    static func action(for key: Key) -> Action? {
        browser.first { $0.keys.contains(key) }?.action
    }

    /// The keys of an action as the help and hints show them (`u`, `d/delete`).
    static func label(of action: Action) -> String {
        browser.first { $0.action == action }.map { $0.keys.map(\.label).joined(separator: "/") } ?? ""
    }
}
