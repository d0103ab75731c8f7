import Foundation
import Testing

@testable import PailCore

@Suite("Remote paths")
struct RemotePathTests {
    @Test(arguments: [
        "", "/abs/x", "a//b", "./a", "a/../b", "..", "a/.", "a\u{0}b", "a\nb", "tab\there", "del\u{7F}", "c1\u{85}x",
        "bad\u{FFFD}utf8", String(repeating: "x", count: 1025),
    ])
    func badPathsAreRefusedWithInvalidArgument(_ text: String) {
        let error = #expect(throws: PailError.self) { try RemotePath(text) }
        #expect(error?.code == .invalidArgument)
    }

    @Test func errorsShowControlCharactersEscaped() {
        let error = #expect(throws: PailError.self) { try RemotePath("a\u{1B}[2Jb") }
        #expect(error?.message.contains("\\u{1b}") == true)
        #expect(error?.message.contains("\u{1B}") == false)
    }

    @Test(arguments: [
        "a.txt", "docs/report.pdf", "docs/", "日本語/ファイル.txt", "emoji 🎉.png", "with space/and+plus=&?#%.txt", ".hidden", "a/..b",
    ])
    func goodPathsAreKept(_ text: String) throws {
        #expect(try RemotePath(text).value == text)
    }

    @Test func pathsAreNormalizedToNFC() throws {
        let decomposed = "cafe\u{301}.txt"
        let path = try RemotePath(decomposed)
        #expect(Array(path.value.utf8) == Array("caf\u{E9}.txt".utf8))
    }

    @Test func wholeKeysAreLimitedTo1024Bytes() throws {
        let path = try RemotePath(String(repeating: "x", count: 1020))
        #expect(throws: PailError.self) { try RemotePath.validate(key: path.key(for: "alice")) }
        #expect(throws: PailError.self) { try RemotePath.validate(key: "alice/cafe\u{301}") }
        try RemotePath.validate(key: "alice/ok.txt")
    }

    @Test func foldersAndNames() throws {
        let folder = try RemotePath("docs/sub/")
        #expect(folder.isFolder)
        #expect(folder.name == "sub")
        #expect(try RemotePath("docs").asFolder.value == "docs/")
        #expect(RemotePath.split(key: "alice/docs/a")! == ("alice", "docs/a"))
    }
}
