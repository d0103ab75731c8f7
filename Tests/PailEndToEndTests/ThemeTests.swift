import Foundation
import Testing

/// Themes in the real binary: `--theme`, `config.toml` in the sandbox's `$XDG_CONFIG_HOME`, user theme files,
/// and the warnings a bad one puts on the status line while the UI carries on. The shipped themes cycle
/// default → high-contrast → light → mono.
@Suite("Themes")
struct ThemeTests {
    /// Writes `text` to `relative` under the runner's `$XDG_CONFIG_HOME/pail`.
    static func writeConfig(_ pail: PailRunner, _ relative: String, _ text: String) throws {
        let path = pail.sandbox + "/config/pail/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func headlessSuccess(_ pail: PailRunner, _ script: String, options: [String] = []) throws {
        let result = try pail.headless(script, size: "140x30", options: options)
        try #require(result.succeeded, "headless script failed: \(result)")
    }

    @Test("--theme with an unknown name warns on screen and the UI carries on")
    func unknownTheme() throws {
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("a.txt", size: 10), "a.txt")
        try Self.headlessSuccess(
            pail,
            """
            expect No theme 'nosuch' (default, high-contrast, light, mono); using default
            expect a.txt
            key t
            expect Theme: default
            key t
            expect Theme: high-contrast
            """, options: ["--theme", "nosuch"])
    }

    @Test("config.toml chooses the theme; --theme overrides it")
    func configChoosesTheTheme() throws {
        let pail = try PailRunner()
        try Self.writeConfig(pail, "config.toml", "# mine\ntheme = \"light\"\n")
        try Self.headlessSuccess(
            pail,
            """
            expect This vault is empty.
            key t
            expect Theme: mono
            key t
            expect Theme: default
            """)
        try Self.headlessSuccess(
            pail,
            """
            key t
            expect Theme: light
            """, options: ["--theme", "high-contrast"])
    }

    @Test("a user theme replaces the shipped one of the same name")
    func userThemeWins() throws {
        let pail = try PailRunner()
        try Self.writeConfig(pail, "themes/light.toml", "name = \"light\"\n[styles]\nselected = { reverse = 1 }\n")
        try Self.headlessSuccess(
            pail,
            """
            key t
            expect Theme: high-contrast
            key t
            expect /config/pail/themes/light.toml:3: selected.reverse must be true or false
            """)
    }

    @Test("a broken theme file or config file shows the file and line, and the UI carries on")
    func brokenFiles() throws {
        let pail = try PailRunner()
        try Self.writeConfig(pail, "themes/broken.toml", "name = \"broken\"\n[styles]\nfolder = { fg = \"bluu\" }\n")
        try Self.headlessSuccess(
            pail,
            """
            expect /config/pail/themes/broken.toml:3: unknown colour 'bluu' for folder.fg
            expect This vault is empty.
            key t
            expect Theme: high-contrast
            key t
            key t
            key t
            expect Theme: default
            key t
            expect themes/broken.toml:3:
            key t
            expect Theme: high-contrast
            """, options: ["--theme", "broken"])
        try Self.writeConfig(pail, "config.toml", "\ntheme = 3\n")
        try Self.headlessSuccess(
            pail,
            """
            expect /config/pail/config.toml:2: theme must be a string
            expect This vault is empty.
            """)
        try Self.writeConfig(pail, "config.toml", "theme = \"light\"\nthem = \n")
        try Self.headlessSuccess(
            pail,
            """
            expect /config/pail/config.toml:2:
            expect This vault is empty.
            """)
    }
}
