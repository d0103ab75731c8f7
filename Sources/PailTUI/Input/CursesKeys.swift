import CNcursesw

/// What curses' `wget_wch` codes mean as keys: typed characters (with the control chords and the keys
/// that arrive as control characters), and function-key codes.
enum CursesKeys {
    /// A character `wget_wch` returned as text: Enter, Tab, Esc, Backspace and ctrl-letters arrive as
    /// control characters; other control characters are dropped.
    static func character(_ scalar: UInt32) -> Key? {
        switch scalar {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x1B: return .escape
        case 0x7F, 0x08: return .backspace
        case 0x01...0x1A: return Unicode.Scalar(scalar + 0x60).map { .ctrl(Character($0)) }
        case 0x00..<0x20, 0x80..<0xA0: return nil
        default: return Unicode.Scalar(scalar).map { .character(Character($0)) }
        }
    }

    private static let named: [Int32: Key] = [
        KEY_UP: .up, KEY_DOWN: .down, KEY_LEFT: .left, KEY_RIGHT: .right, KEY_HOME: .home, KEY_END: .end,
        KEY_PPAGE: .pageUp, KEY_NPAGE: .pageDown, KEY_ENTER: .enter, KEY_BACKSPACE: .backspace, KEY_DC: .delete,
        KEY_IC: .insert, KEY_BTAB: .backTab,
    ]

    /// A function-key code (`KEY_UP`, `KEY_F(5)`, …); nil for codes Pail has no use for.
    static func function(_ code: Int32, f0: Int32) -> Key? {
        if let key = named[code] { return key }
        if (f0 + 1...f0 + 12).contains(code) { return .function(Int(code - f0)) }
        return nil
    }
}
