/// A box over the browser that takes the keys until it is answered.
enum Dialog: Sendable, Equatable {
    /// A yes/no question: `y` confirms, `n` or Esc cancels (Enter does neither: typed ahead, it must never delete).
    case confirm(title: String, lines: [String], action: ConfirmedAction)
    /// A line of text to enter (Enter submits, Esc cancels, Tab completes local paths where that makes sense).
    case prompt(Prompt)
    /// Text to read; `c` copies `copyable` (a share link) to the clipboard; Enter, Esc or `q` closes it.
    case message(title: String, lines: [String], copyable: String?)
    /// A name a transfer found taken: overwrite, keep both or skip it (uppercase: for all the rest), or cancel.
    case conflict(ConflictQuestion)
    /// A move whose destination is taken: overwrite, keep both, merge folders, or cancel.
    case moveConflict(MoveConflict)
    /// The operations `z` can undo, newest first, with the selected one.
    case undoList(selected: Int)
    /// The orders of the tree (`S`): a key picks one and closes the menu.
    case sort
    /// The bookmarks: a mark to set (`b`), or one to go to (`'`).
    case bookmarks(BookmarkDialog)
}

/// What a confirmed dialog does.
enum ConfirmedAction: Sendable, Equatable {
    case delete(path: String, isFolder: Bool)
    case deleteChosen(Selection)
    case quit
    /// Upload the changes the editor made to a fetched file.
    case uploadEdited(OpenedFile)
    /// Switch to a user who does not exist yet (which creates them).
    case createUser(String)
}

/// A move the API refused as a conflict, and the answers that can carry it out.
struct MoveConflict: Sendable, Equatable {
    let from: String
    let to: String
    /// The API's explanation.
    let message: String
    /// Whether the destination is an existing folder (merging is an answer).
    let canMerge: Bool
    /// Whether the move already asked to merge.
    let merging: Bool
}

/// A prompt for a line of text and what its answer is for.
struct Prompt: Sendable, Equatable {
    enum Purpose: Sendable, Equatable {
        case upload(intoFolder: String)
        case rename(from: String)
        case fetch(remote: String)
        case newFolder(parent: String)
        case switchUser
        case moveChosen(Selection)
        case fetchChosen(Selection)
        case goTo
    }

    let title: String
    let hint: String
    var field: TextField
    let purpose: Purpose
    /// Candidates of the last completion (local names or user names).
    var candidates: [String] = []

    /// Applies an editing key. In a local path, `/` typed at the end after a `/` or a `/~` starts a fresh
    /// path (`/…` or `~/…`), as file pickers and shells do: the pre-filled folder need not be erased first.
    mutating func edit(_ key: Key) {
        if completesLocalPaths, key == .character("/"), field.cursor == field.text.count {
            if field.text.hasSuffix("/") { return field.set("/") }
            if field.text.hasSuffix("/~") { return field.set("~/") }
        }
        _ = field.handle(key)
    }

    /// Whether Tab completes local paths in this prompt.
    var completesLocalPaths: Bool {
        switch purpose {
        case .upload, .fetch, .fetchChosen: return true
        default: return false
        }
    }
}
