import PailCore

/// Bookmarks: `b` then a letter or a digit marks the folder under the cursor (or the file's folder), `'`
/// then the mark goes there (`'` alone lists them, to pick one). Each is written into config.toml at once.
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
        state.bookmarks.byUser[state.user, default: [:]][mark] = folder
        emit(.remember(["bookmarks", state.root, state.user, String(mark)], value: folder))
        say("Bookmark \(mark): \(folder.isEmpty ? "the top of the vault" : folder) ('\(mark) goes there)", .success)
    }
}
