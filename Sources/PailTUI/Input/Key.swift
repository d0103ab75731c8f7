/// A key press, as the app's bindings and the headless script name it.
///
/// ```swift
/// Key(name: "ctrl-d")   // .ctrl("d")
/// Key.enter.name        // "enter"
/// ```
public enum Key: Sendable, Hashable {
    case character(Character)
    case ctrl(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete, insert
    case function(Int)

    private static let named: [(String, Key)] = [
        ("up", .up), ("down", .down), ("left", .left), ("right", .right), ("home", .home), ("end", .end),
        ("pgup", .pageUp), ("pgdn", .pageDown), ("enter", .enter), ("esc", .escape), ("tab", .tab),
        ("shift-tab", .backTab), ("backspace", .backspace), ("delete", .delete), ("insert", .insert), ("space", .character(" ")),
    ]
    private static let aliases: [String: Key] = [
        "return": .enter, "escape": .escape, "pageup": .pageUp, "pagedown": .pageDown, "page-up": .pageUp,
        "page-down": .pageDown, "del": .delete, "bs": .backspace,
    ]

    /// Parses a key name: a single character (`j`, `?`, `G`), a named key (`enter`, `esc`, `up`, `pgdn`,
    /// `space`, `tab`), a function key (`f1`…`f12`) or a control chord (`ctrl-d`). Nil if unknown.
    public init?(name: String) {
        if name.count == 1, let character = name.first {
            self = .character(character)
            return
        }
        let lower = name.lowercased()
        if let key = Self.named.first(where: { $0.0 == lower })?.1 ?? Self.aliases[lower] {
            self = key
            return
        }
        if lower.hasPrefix("ctrl-"), lower.count == 6, let character = lower.last, character.isLetter {
            self = .ctrl(character)
            return
        }
        if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), (1...12).contains(number) {
            self = .function(number)
            return
        }
        return nil
    }

    /// The key's name, as `init(name:)` reads it and the help screen shows it.
    public var name: String {
        switch self {
        case .character(" "): return "space"
        case .character(let character): return String(character)
        case .ctrl(let character): return "ctrl-\(character)"
        case .function(let number): return "f\(number)"
        default: return Self.named.first { $0.1 == self }?.0 ?? "?"
        }
    }

    /// How the help screen shows the key: arrows as `↑ ↓ ← →`.
    public var label: String {
        switch self {
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        default: return name
        }
    }
}

/// What a terminal reports: a key, a mouse action, or a new size.
public enum InputEvent: Sendable, Equatable {
    case key(Key)
    /// A button press at a cell (button 1 = left).
    case click(x: Int, y: Int, button: Int)
    /// The wheel: negative lines scroll up.
    case scroll(x: Int, y: Int, lines: Int)
    case resize(width: Int, height: Int)
    /// The terminal went away (its reads fail, as after a hang-up the process ignores): the UI ends.
    case hangUp
}
