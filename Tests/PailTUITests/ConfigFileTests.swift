import Foundation
import PailCore
import PailTestSupport
import Testing

@testable import PailTUI

/// Remembering a setting in config.toml: only its line changes, the file is replaced whole (a temporary
/// file renamed over it), and a file with a mistake is left as it is.
@Suite("Config file writer")
final class ConfigFileTests {
    let folder: TemporaryFolder
    var config: ConfigFile { ConfigFile(folder: folder.path + "/pail") }

    init() throws { folder = try TemporaryFolder("pail-config") }

    deinit { folder.remove() }

    func read() throws -> String { try String(contentsOfFile: config.path, encoding: .utf8) }

    func write(_ text: String) throws {
        try FileManager.default.createDirectory(atPath: config.folder, withIntermediateDirectories: true)
        try text.write(toFile: config.path, atomically: false, encoding: .utf8)
    }

    @Test func aMissingFileAndItsFolderAreMade() throws {
        try config.set(["theme"], to: "light")
        #expect(try read() == "theme = \"light\"\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: config.folder) == ["config.toml"], "no temporary file is left")
    }

    @Test func onlyTheSettingsLineChangesCommentsAndOtherSettingsStay() throws {
        try write(
            """
            # My pail settings
            editor = "vim"   # kept
              theme = 'dark'  # the old one

            [other]
            theme = "not this one"

            """)
        try config.set(["theme"], to: "light")
        #expect(
            try read() == """
                # My pail settings
                editor = "vim"   # kept
                theme = "light"

                [other]
                theme = "not this one"

                """)
    }

    @Test func aSettingNotThereYetGoesBeforeTheFirstTable() throws {
        try write("# top\n[other]\nx = 1\n")
        try config.set(["theme"], to: "my \"quoted\" \\ theme")
        #expect(try read() == "# top\ntheme = \"my \\\"quoted\\\" \\\\ theme\"\n[other]\nx = 1\n")
        let table = try TOMLDocument(text: try read(), path: config.path).table
        #expect(table["theme"]?.string == "my \"quoted\" \\ theme" && table["other"]?.table?["x"]?.int == 1)
    }

    @Test func theFileIsReplacedByARenameNotRewrittenInPlace() throws {
        try write("theme = \"dark\"\n")
        // A hard link keeps the old file: after an atomic replace it still holds the old text.
        let old = folder.path + "/old.toml"
        try FileManager.default.linkItem(atPath: config.path, toPath: old)
        try config.set(["theme"], to: "light")
        #expect(try String(contentsOfFile: old, encoding: .utf8) == "theme = \"dark\"\n")
        #expect(try read() == "theme = \"light\"\n")
    }

    @Test func aFileThatDoesNotParseIsNeverOverwritten() throws {
        let broken = "theme = \"dark\"\n[unclosed\nx = 1\n"
        try write(broken)
        #expect {
            try config.set(["theme"], to: "light")
        } throws: { error in
            let error = error as? PailError
            return error?.code == .localFileError && error?.message.contains("config.toml:2") == true
        }
        #expect(try read() == broken)
        #expect(try FileManager.default.contentsOfDirectory(atPath: config.folder) == ["config.toml"])
    }

    @Test func aRemovedBookmarkTakesOnlyItsLineAndOthersStay() throws {
        try write(
            """
            theme = "dark"

            [bookmarks."/vault".alice]
            a = "docs/" # mine
            b = "photos/"
            """)
        try config.remove(["bookmarks", "/vault", "alice", "a"])
        #expect(try read() == "theme = \"dark\"\n\n[bookmarks.\"/vault\".alice]\nb = \"photos/\"\n")
        try config.remove(["bookmarks", "/vault", "alice", "z"])
        #expect(try read().contains("b = \"photos/\""), "removing one not there changes nothing")
    }

    @Test func twoUIsWritingAtOnceKeepBothSettings() throws {
        let marks = (0..<10).map { String(UnicodeScalar(UInt8(ascii: "a") + UInt8($0))) }
        let config = config
        DispatchQueue.concurrentPerform(iterations: marks.count) { index in
            try? config.set(["bookmarks", "/vault", "alice", marks[index]], to: "folder\(index)/")
        }
        let text = try read()
        #expect(marks.indices.allSatisfy { text.contains("\(marks[$0]) = \"folder\($0)/\"") }, "\(text)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: config.folder) == ["config.toml"], "no temporary file is left")
    }
}
