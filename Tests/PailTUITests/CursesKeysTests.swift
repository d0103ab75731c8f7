import CNcursesw
import Testing

@testable import PailTUI

/// What curses reads becomes the keys the bindings name.
@Suite("Curses keys")
struct CursesKeysTests {
    @Test(arguments: [
        (UInt32(13), Key.enter), (10, .enter), (9, .tab), (27, .escape), (127, .backspace), (8, .backspace),
        (4, .ctrl("d")), (21, .ctrl("u")), (12, .ctrl("l")), (UInt32(Character("j").unicodeScalars.first!.value), .character("j")),
        (0x65E5, .character("日")),
    ])
    func charactersBecomeKeys(code: UInt32, key: Key) {
        #expect(CursesKeys.character(code) == key)
    }

    @Test func otherControlCharactersAreDropped() {
        #expect(CursesKeys.character(0) == nil)
        #expect(CursesKeys.character(0x1F) == nil)
        #expect(CursesKeys.character(0x9B) == nil)
    }

    @Test func functionKeysHaveTheirNames() {
        let f0 = cn_key_f0()
        #expect(CursesKeys.function(KEY_UP, f0: f0) == .up)
        #expect(CursesKeys.function(KEY_NPAGE, f0: f0) == .pageDown)
        #expect(CursesKeys.function(KEY_DC, f0: f0) == .delete)
        #expect(CursesKeys.function(f0 + 1, f0: f0) == .function(1))
        #expect(CursesKeys.function(f0 + 12, f0: f0) == .function(12))
        #expect(CursesKeys.function(f0 + 13, f0: f0) == nil)
    }
}
