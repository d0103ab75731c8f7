import Foundation
import Testing

/// Jumping around in the real binary with a config folder of its own: `g` to a path deep in a big folder,
/// `-` back, a bookmark set with `b` that a new start finds with `'`, and the theme `t` chose remembered.
@Suite("Jumping and remembered settings")
struct JumpTests {
    static func config(_ pail: PailRunner) throws -> String {
        try String(contentsOfFile: pail.sandbox + "/config/pail/config.toml", encoding: .utf8)
    }

    @Test("g goes to a file deep in a 20,000-file folder, - goes back; a bookmark set there is found after a restart")
    func goToAndBookmarkAcrossARestart() throws {
        let pail = try PailRunner()
        try SearchTests.seed(pail, paths: (0..<20_000).map { String(format: "deep/er/big/f%05d", $0) } + ["docs/readme"])
        try ThemeTests.writeConfig(pail, "config.toml", "# mine\ntheme = \"default\"  # kept\n")
        let output = try pail.headlessSuccess(
            """
            key g
            expect Go to
            type deep/e
            key tab
            wait-idle
            expect deep/er/
            type big/f12345
            key enter
            wait-idle
            expect >        f12345
            screen
            key b
            expect Bookmark deep/er/big/
            key w
            wait-idle
            expect Bookmark w: deep/er/big/
            key g
            type docs/nope
            key enter
            wait-idle
            expect NoSuchKey: docs/nope is not in alice's vault
            expect >        f12345
            key g
            key g
            expect >▾ deep/
            key -
            wait-idle
            expect >        f12345
            key -
            wait-idle
            expect >▾ deep/
            """)
        #expect(output.contains("12349/20005"), "the tree's position shows the file deep in its folder: \(output)")
        let config = try Self.config(pail)
        #expect(config.hasPrefix("# mine\ntheme = \"default\"  # kept\n"), "the rest of the file stays: \(config)")
        #expect(config.contains("[bookmarks.\"") && config.contains("\".alice]\nw = \"deep/er/big/\"\n"), "\(config)")
        try pail.headlessSuccess(
            """
            key '
            expect Bookmarks
            expect w  deep/er/big/
            key w
            wait-idle
            expect >    ▸ big/
            """)
    }

    @Test("pail tui PATH starts with a folder opened (in tmux, as nnn DIR does) or a file selected; a path not in the vault says so")
    func startsAtAPath() throws {
        let pail = try PailRunner()
        try SearchTests.seed(pail, paths: (0..<3_000).map { String(format: "deep/er/big/f%05d", $0) } + ["docs/readme"])
        let tmux = try TerminalUITests.start(pail, arguments: ["tui", "deep/er/big"])
        // deep/, er/, big/, its 3,000 files, docs/ and the seed file: big/ is the third of 3,005 rows.
        let opened = try tmux.waitFor("3/3005")
        #expect(opened.contains("▾ big/") && opened.contains("f00000"), "the folder opened, its row selected: \(opened)")
        try tmux.send("j")
        try tmux.waitFor("4/3005")
        try tmux.send("q")
        try tmux.waitFor("pail exited 0")
        try pail.headlessSuccess("expect >        f02999", options: ["/deep/er/big/f02999"])
        try pail.headlessSuccess("expect >    readme", options: ["docs/readme"])
        try pail.headlessSuccess("wait-idle\nexpect NoSuchKey: nope/ is not in alice's vault\nexpect >▸ deep/", options: ["nope/"])
    }

    @Test("t writes the theme into config.toml, keeping the rest; the next start uses it; a broken config.toml is not overwritten")
    func themeRemembered() throws {
        let pail = try PailRunner()
        try ThemeTests.writeConfig(pail, "config.toml", "# my settings\ntheme = \"light\"  # was\n\n[bookmarks]\n")
        try ThemeTests.headlessSuccess(pail, "key t\nexpect Theme: mono\nwait-idle")
        #expect(try Self.config(pail) == "# my settings\ntheme = \"mono\"\n\n[bookmarks]\n")
        try ThemeTests.headlessSuccess(pail, "key t\nexpect Theme: default\nwait-idle")
        try ThemeTests.headlessSuccess(pail, "key t\nexpect Theme: light", options: ["--theme", "high-contrast"])
        let broken = "theme = \"light\"\n[unclosed\n"
        try ThemeTests.writeConfig(pail, "config.toml", broken)
        try ThemeTests.headlessSuccess(
            pail,
            """
            key t
            wait-idle
            expect LocalFileError:
            expect config.toml:2:
            """)
        #expect(try Self.config(pail) == broken)
    }
}
