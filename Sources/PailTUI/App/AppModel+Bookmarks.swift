import PailCore

/// Bookmarks: `b` then a letter or a digit marks the folder under the cursor (or the file's folder), saying
/// which folder the letter named before if it was taken; `'` then the mark goes there (`'` alone lists them,
/// to pick one, `Delete` removes the one picked). Each change is written into config.toml at once.
extension AppModel {
    mutating func askForBookmark(setting: Bool) {
        let marks = state.bookmarks.marks(of: state.user)
        guard setting || !marks.isEmpty else {
            return say("No bookmarks yet: b then a letter marks the folder under the cursor", .info)
        }
        state.dialog = .bookmarks(BookmarkDialog(settingOn: setting ? state.targetFolder : nil, marks: marks))
    }

    mutating func handleBookmarks(_ dialog: BookmarkDialog, key: Key) {
        var dialog = dialog
        switch KeyBinding.action(for: key, in: .bookmarks) {
        case .cancel?:
            state.dialog = nil
            say("", .info)
        case .moveDown?:
            dialog.selected = min(dialog.selected + 1, max(0, dialog.marks.count - 1))
            state.dialog = .bookmarks(dialog)
        case .moveUp?:
            dialog.selected = max(0, dialog.selected - 1)
            state.dialog = .bookmarks(dialog)
        case .submit?:
            guard dialog.settingOn == nil, dialog.marks.indices.contains(dialog.selected) else { return }
            state.dialog = nil
            goTo(dialog.marks[dialog.selected].path)
        case .delete?:
            guard dialog.settingOn == nil, dialog.marks.indices.contains(dialog.selected) else { return }
            removeBookmark(dialog.marks[dialog.selected], from: dialog)
        default:
            guard case .character(let mark) = key, Bookmarks.canMark(mark) else {
                return say("A bookmark is a letter or a digit (esc: cancel)", .info)
            }
            state.dialog = nil
            if let folder = dialog.settingOn { return setBookmark(mark, on: folder) }
            guard let path = state.bookmarks.byUser[state.user]?[mark] else {
                return say("No bookmark '\(mark)' (b then \(mark) sets it)", .error, code: .invalidArgument)
            }
            goTo(path)
        }
    }

    private mutating func setBookmark(_ mark: Character, on folder: String) {
        let old = state.bookmarks.byUser[state.user]?[mark]
        state.bookmarks.byUser[state.user, default: [:]][mark] = folder
        emit(.remember(["bookmarks", state.root, state.user, String(mark)], value: folder))
        let replaced = old.map { $0 == folder ? "" : ", replacing \(mark) → \(Self.bookmarkName($0))" } ?? ""
        say("Bookmark \(mark): \(Self.bookmarkName(folder))\(replaced) ('\(mark) goes there)", .success)
    }

    /// Removes a bookmark from the list (kept open on the next one, closed when none is left) and config.toml.
    private mutating func removeBookmark(_ mark: Bookmarks.Mark, from dialog: BookmarkDialog) {
        state.bookmarks.byUser[state.user]?[mark.mark] = nil
        emit(.forget(["bookmarks", state.root, state.user, String(mark.mark)]))
        let marks = state.bookmarks.marks(of: state.user)
        state.dialog =
            marks.isEmpty ? nil : .bookmarks(BookmarkDialog(settingOn: nil, marks: marks, selected: min(dialog.selected, marks.count - 1)))
        say("Bookmark \(mark.mark) → \(Self.bookmarkName(mark.path)) removed (b then \(mark.mark) sets it again)", .success)
    }

    /// A bookmarked folder as messages name it.
    private static func bookmarkName(_ folder: String) -> String { folder.isEmpty ? "the top of the vault" : folder }
}
