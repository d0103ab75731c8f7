import Testing

@testable import PailTUI

@Suite("Grid")
struct GridTests {
    @Test func wideCharactersTakeTwoCellsAndClipWhole() {
        var grid = Grid(width: 6, height: 1)
        let end = grid.write("日本語", x: 0, y: 0, style: .plain)
        #expect(end == 6)
        #expect(grid.text == "日本語")
        var narrow = Grid(width: 5, height: 1)
        narrow.write("日本語", x: 0, y: 0, style: .plain)
        #expect(narrow.text == "日本")  // the third would need columns 4 and 5
    }

    @Test func controlCharactersNeverReachTheScreen() {
        var grid = Grid(width: 10, height: 1)
        grid.write("a\u{1B}[2Jb", x: 0, y: 0, style: .plain)
        #expect(grid.text == "a\u{FFFD}[2Jb")
    }

    @Test func widthsAndTruncation() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("日本") == 4)
        #expect(DisplayWidth.of("🎉") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.truncate("abcdefgh", to: 5) == "abcd…")
        #expect(DisplayWidth.fit("日本語", to: 5) == "日本…")
        #expect(DisplayWidth.fit("日本語", to: 4) == "日… ")
        #expect(DisplayWidth.fit("7", to: 3, alignRight: true) == "  7")
    }

    @Test func messagesAreCutAtAWordAndWrappedAtSpaces() {
        #expect(DisplayWidth.shorten("a.txt is not in the inventory yet", to: 26) == "a.txt is not in the…")
        #expect(DisplayWidth.shorten("short", to: 26) == "short")
        #expect(DisplayWidth.shorten("Size 2 kB (2048 bytes), not in", to: 25) == "Size 2 kB (2048 bytes)…", "the comma goes")
        // Wide characters count two columns: 日本語 is 6.
        #expect(DisplayWidth.shorten("日本語 ファイル not here", to: 12) == "日本語…")
        #expect(DisplayWidth.shorten("日本語 ファイル not here", to: 20) == "日本語 ファイル not…")
        // One long word (a path) is cut inside rather than dropped.
        #expect(DisplayWidth.shorten("in /a/very/long/path/name.txt", to: 12) == "in /a/very/…")
        #expect(DisplayWidth.wrap("not in the inventory yet", width: 10) == ["not in the", "inventory", "yet"])
        #expect(DisplayWidth.wrap("  indented line", width: 20) == ["  indented line"])
        #expect(DisplayWidth.wrap("see https://example.com/abcdef", width: 10) == ["see", "https://ex", "ample.com/", "abcdef"])
        #expect(DisplayWidth.wrap("日本語日本語", width: 5) == ["日本", "語日", "本語"])
    }

    @Test func stylesCanBeFoundByText() {
        var grid = Grid(width: 20, height: 2)
        let bold = Style(bold: true)
        grid.write("plain ", x: 0, y: 1, style: .plain)
        grid.write("strong", x: 6, y: 1, style: bold)
        #expect(grid.style(of: "strong") == bold)
        #expect(grid.style(of: "plain") == .plain)
        #expect(grid.style(of: "absent") == nil)
    }

    @Test func coloursReduceForSmallerTerminals() {
        #expect(TerminalColor.parse("#ff0000") == .indexed(196))
        #expect(TerminalColor.indexed(196).reduced(to: 8) == .ansi(1))
        #expect(TerminalColor.ansi(12).reduced(to: 8) == .ansi(4))
        #expect(TerminalColor.parse("bright-blue") == .ansi(12))
        #expect(TerminalColor.parse("nonsense") == nil)
        #expect(Style(foreground: .ansi(1), bold: true).reduced(to: 0) == Style(bold: true))
    }

    @Test func keyNamesRoundTrip() {
        for name in ["j", "G", "?", "enter", "esc", "up", "pgdn", "ctrl-d", "f5", "space", "tab", "backspace"] {
            #expect(Key(name: name)?.name == name, "\(name)")
        }
        #expect(Key(name: "ctrl-") == nil)
        #expect(Key(name: "nonsense") == nil)
    }
}
