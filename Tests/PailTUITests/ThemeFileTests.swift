import Foundation
import Testing

@testable import PailTUI

/// Theme files: the ones shipped in `themes/`, and the errors a broken one gives.
@Suite("Theme files")
struct ThemeFileTests {
    /// The repository's `themes/` folder.
    static let shippedFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes").path

    static func shipped(_ name: String) throws -> Theme {
        let path = shippedFolder + "/" + name + ".toml"
        return try ThemeFile.parse(try String(contentsOfFile: path, encoding: .utf8), path: path)
    }

    /// The error `text` gives as `themes/bad.toml`.
    static func error(_ text: String) -> TOMLFileError? {
        do {
            _ = try ThemeFile.parse(text, path: "themes/bad.toml")
            return nil
        } catch {
            return error
        }
    }

    @Test func everyShippedThemeParsesAndDefinesEveryRole() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.shippedFolder).filter { $0.hasSuffix(".toml") }
            .map { String($0.dropLast(5)) }
        #expect(Set(names).isSuperset(of: ["default", "light", "high-contrast", "mono"]))
        for name in names {
            let theme = try Self.shipped(name)
            #expect(theme.name == name)
            for role in Theme.Role.allCases { #expect(theme.defines(role), "\(name).toml has no style for \(role.rawValue)") }
        }
    }

    @Test func theDefaultFileIsTheBuiltInTheme() throws {
        #expect(try Self.shipped("default") == Theme.builtIn)
    }

    @Test func monoHasNoColourAndStillTellsStatesApart() throws {
        let mono = try Self.shipped("mono")
        for role in Theme.Role.allCases { #expect(mono[role] == mono[role].withoutColor, "mono colours \(role.rawValue)") }
        let states: [Theme.Role] = [.text, .selected, .pending, .deleting, .error]
        #expect(Set(states.map { mono[$0] }).count == states.count)
    }

    @Test func highContrastUsesOnlyTheSixteenANSIColours() throws {
        let theme = try Self.shipped("high-contrast")
        for role in Theme.Role.allCases {
            for color in [theme[role].foreground, theme[role].background] {
                if case .indexed = color { Issue.record("high-contrast \(role.rawValue) uses \(color)") }
            }
        }
    }

    @Test func aFileGivesEachStyleItsColoursAndAttributes() throws {
        let theme = try ThemeFile.parse(
            """
            name = "mine"
            [styles]
            folder = { fg = "bright-blue", bg = "#ff8700", bold = true, underline = true }
            selected = { fg = 16, reverse = true }
            """, path: "/somewhere/mine.toml")
        #expect(theme[.folder] == Style(foreground: .ansi(12), background: .indexed(208), bold: true, underline: true))
        #expect(theme[.selected] == Style(foreground: .indexed(16), reverse: true))
        #expect(!theme.defines(.text) && theme[.text] == .plain)
    }

    @Test func aSyntaxErrorNamesTheFileLineAndColumn() {
        let error = Self.error("name = \"bad\"\n[styles]\nfolder = { fg = \"75\" \n")
        #expect(error?.path == "themes/bad.toml")
        #expect(error?.line == 3)
        #expect(error?.column != nil)
        #expect(error?.description.hasPrefix("themes/bad.toml:3:") == true)
    }

    @Test func anUnknownRoleNamesItsLine() {
        let error = Self.error("name = \"bad\"\n\n[styles]\ntext = {}\nfoldr = { bold = true }\n")
        #expect(error?.description == "themes/bad.toml:5: unknown style role 'foldr'")
    }

    @Test func aBadColourNamesItsLine() {
        let error = Self.error("name = \"bad\"\n[styles]\ntext = {}\nfolder = { fg = \"bluu\" }\n")
        #expect(error?.description == "themes/bad.toml:4: unknown colour 'bluu' for folder.fg")
        #expect(Self.error("name = \"bad\"\n[styles.dim]\nbg = \"300\"\n")?.line == 3)
    }

    @Test func aBadAttributeNamesItsLine() {
        #expect(
            Self.error("name = \"bad\"\n[styles]\nfolder = { colour = \"red\" }\n")?.description
                == "themes/bad.toml:3: unknown attribute 'colour' for folder (fg, bg, bold, dim, italic, underline, reverse)")
        #expect(
            Self.error("name = \"bad\"\n[styles]\ntext = {}\nfolder = { bold = \"yes\" }\n")?.description
                == "themes/bad.toml:4: folder.bold must be true or false")
        #expect(Self.error("name = \"bad\"\n[styles]\nfolder = \"blue\"\n")?.line == 3)
    }

    @Test func theNameMustBeThereAndMatchTheFile() {
        #expect(
            Self.error("[styles]\ntext = {}\n")?.description == "themes/bad.toml:1: the theme needs name = \"bad\", as the file is called")
        #expect(Self.error("# a theme\nname = \"good\"\n")?.line == 2)
        #expect(Self.error("name = \"bad\"\ncolour = \"red\"\n")?.line == 2)
    }
}
