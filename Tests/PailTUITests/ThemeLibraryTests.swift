import Foundation
import PailTestSupport
import Testing

@testable import PailTUI

/// Finding themes: the user's folder, the shipped folder, the built-in default.
@Suite("Theme library")
final class ThemeLibraryTests {
    let folder: TemporaryFolder
    var base: String { folder.path }

    init() throws { folder = try TemporaryFolder("pail-themes") }

    deinit { folder.remove() }

    /// Writes `text` to `relative` under the test's folder; returns the path.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        let path = base + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func namesListDefaultFirstThenAlphabetically() throws {
        try write("user/zebra.toml", "name = \"zebra\"")
        try write("user/aardvark.toml", "name = \"aardvark\"")
        try write("user/notes.txt", "")
        let library = ThemeLibrary(folders: [base + "/user", ThemeFileTests.shippedFolder])
        #expect(library.names == ["default", "aardvark", "high-contrast", "light", "mono", "zebra"])
    }

    @Test func withoutAnyFolderTheBuiltInDefaultIsThere() {
        let library = ThemeLibrary(folders: [base + "/missing"])
        #expect(library.names == ["default"])
        let loaded = library.load("default")
        #expect(loaded.theme == .builtIn && loaded.warning == nil)
    }

    @Test func theUserFolderWinsOverTheShippedOne() throws {
        try write("user/light.toml", "name = \"light\"\n[styles]\nfolder = { fg = \"red\" }\n")
        let library = ThemeLibrary(folders: [base + "/user", ThemeFileTests.shippedFolder])
        let loaded = library.load("light")
        #expect(loaded.warning == nil)
        #expect(loaded.theme[.folder] == Style(foreground: .ansi(1)))
        #expect(library.names.filter { $0 == "light" }.count == 1)
        let mono = try ThemeFileTests.shipped("mono")
        #expect(library.load("mono").theme == mono)
    }

    @Test func anUnknownNameGivesTheBuiltInThemeAndAWarning() {
        let loaded = ThemeLibrary(folders: [ThemeFileTests.shippedFolder]).load("nosuch")
        #expect(loaded.theme == .builtIn)
        #expect(loaded.warning?.contains("No theme 'nosuch'") == true)
        #expect(loaded.warning?.contains("light") == true)
    }

    @Test func aPathToATomlFileLoadsIt() throws {
        let path = try write("elsewhere/mine.toml", "name = \"mine\"\n[styles]\ntext = { bold = true }\n")
        let loaded = ThemeLibrary(folders: []).load(path)
        #expect(loaded.warning == nil)
        #expect(loaded.theme.name == "mine" && loaded.theme[.text] == Style(bold: true))
        #expect(ThemeLibrary(folders: []).load(base + "/none.toml").warning?.contains("Cannot read") == true)
    }

    @Test func aBrokenFileGivesTheBuiltInThemeAndWhereItIsBroken() throws {
        let path = try write("user/broken.toml", "name = \"broken\"\n[styles]\nfolder = { fg = \"bluu\" }\n")
        let loaded = ThemeLibrary(folders: [base + "/user"]).load("broken")
        #expect(loaded.theme == .builtIn)
        #expect(loaded.warning == "\(path):3: unknown colour 'bluu' for folder.fg")
    }

    @Test func theChoiceCyclesThroughTheLibrary() throws {
        let choice = ThemeLibrary(folders: [ThemeFileTests.shippedFolder]).choice
        #expect(choice.names == ["default", "high-contrast", "light", "mono"])
        #expect(choice.load("light").theme.name == "light")
    }

    @Test func theShippedFolderIsFoundFromABuildFolderOrAnInstallPrefix() throws {
        let checkout = try write("checkout/.build/x86_64-unknown-linux-gnu/release/pail", "")
        try write("checkout/themes/default.toml", "name = \"default\"")
        #expect(ThemeLibrary.shippedFolder(executable: checkout) == base + "/checkout/themes")
        let installed = try write("prefix/bin/pail", "")
        try write("prefix/share/pail/themes/default.toml", "name = \"default\"")
        #expect(ThemeLibrary.shippedFolder(executable: installed) == base + "/prefix/share/pail/themes")
        #expect(ThemeLibrary.shippedFolder(executable: try write("bare/bin/pail", "")) == nil)
    }
}
