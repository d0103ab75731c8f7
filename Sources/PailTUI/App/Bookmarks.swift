/// The bookmarks of the vault the UI shows, for each user: a letter or a digit names a folder (`b` sets
/// one, `'` goes there). They are kept in config.toml under `[bookmarks."<root>".<user>]`.
public struct Bookmarks: Sendable, Equatable {
    /// One bookmark: its mark and the folder's path ("" for the top of the vault).
    struct Mark: Sendable, Equatable {
        let mark: Character
        let path: String
    }

    /// By user, then by mark: the folder's path.
    var byUser: [String: [Character: String]] = [:]

    /// The marks of `user`, by mark (digits, then capitals, then small letters).
    func marks(of user: String) -> [Mark] {
        (byUser[user] ?? [:]).map { Mark(mark: $0.key, path: $0.value) }.sorted { $0.mark < $1.mark }
    }

    /// Whether a key can name a bookmark: an ASCII letter or digit.
    public static func canMark(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber)
    }
}

/// The bookmarks dialog: `b` asks for a mark to set on a folder; `'` lists the bookmarks to go to one.
struct BookmarkDialog: Sendable, Equatable {
    /// The folder `b` sets a mark on; nil when going to one.
    let settingOn: String?
    let marks: [Bookmarks.Mark]
    var selected = 0
}
