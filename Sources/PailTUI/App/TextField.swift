/// A one-line text input: typing inserts at the cursor; the usual editing keys work.
struct TextField: Sendable, Equatable {
    private(set) var text: String
    /// The cursor, as a count of characters from the start.
    private(set) var cursor: Int

    init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    /// Applies an editing key; false if the key is not an editing key.
    mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let character):
            insert(String(character))
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor - 1))
            cursor -= 1
        case .delete, .ctrl("d"):
            guard cursor < text.count else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(text.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = text.count
        case .ctrl("u"):
            text.removeFirst(cursor)
            cursor = 0
        case .ctrl("w"):
            let before = text.prefix(cursor)
            let trimmed = before.reversed().drop { $0 == " " || $0 == "/" }.drop { $0 != " " && $0 != "/" }
            let keep = trimmed.count
            text.removeSubrange(text.index(text.startIndex, offsetBy: keep)..<text.index(text.startIndex, offsetBy: cursor))
            cursor = keep
        default:
            return false
        }
        return true
    }

    /// Inserts text at the cursor.
    mutating func insert(_ inserted: String) {
        text.insert(contentsOf: inserted, at: text.index(text.startIndex, offsetBy: cursor))
        cursor += inserted.count
    }

    /// Replaces the whole text, cursor at the end.
    mutating func set(_ newText: String) {
        text = newText
        cursor = newText.count
    }
}
