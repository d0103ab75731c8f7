import Foundation
import Testing

@testable import PailCore

/// Keys whose bytes and Swift `Character`s disagree: a combining mark right after `/` makes `/` and the
/// mark one `Character`. Every split and prefix must still see the `/`.
@Suite("Key edge cases")
struct KeyEdgeCaseTests {
    @Test func aCombiningMarkAfterASlashDoesNotHideTheSegment() {
        for text in ["../\u{301}y", "a/../\u{301}y", "a/.\u{200D}/./\u{301}"] {
            let error = #expect(throws: PailError.self) { try RemotePath(text) }
            #expect(error?.code == .invalidArgument, "\(text)")
        }
        #expect(RemotePath.split(key: "alice/\u{301}x")! == ("alice", "\u{301}x"))
        #expect(RemotePath.path(ofKey: "alice/\u{301}x", user: "alice") == "\u{301}x")
        #expect("d/\u{301}x".keySegments == ["d", "\u{301}x"])
        #expect("d/\u{301}x".hasKeyPrefix("d/"))
    }

    @Test func aFolderMoveKeepsNamesThatStartWithACombiningMark() throws {
        let vault = try TestVault()
        let body = bytes(300)
        try vault.upload("d/\u{301}x", body)
        try vault.upload("d/plain", bytes(7))
        try vault.engine.waitUntilIdle()
        _ = try vault.engine.api.move(user: "alice", from: RemotePath("d"), to: RemotePath("e"))
        try vault.engine.waitUntilIdle()
        #expect(try vault.list() == ["e/\u{301}x": 300, "e/plain": 7])
        #expect(try vault.used() == 307)
        #expect(try vault.check().isEmpty)
    }

    /// Look-alikes of `/` and `.` are ordinary characters: they name files, never folders or dot segments;
    /// a name spelt in another normalization is the same file.
    @Test func lookAlikesAreOrdinaryCharactersAndNormalizationTwinsAreOneFile() throws {
        let vault = try TestVault()
        for name in ["a\u{FF0F}b.txt", "a\u{2215}b.txt", "\u{2024}\u{2024}", "\u{FF0E}\u{FF0E}", "x\u{2044}y"] {
            try vault.upload(name, bytes(3))
        }
        try vault.upload("caf\u{E9}.txt", bytes(5))
        try vault.upload("cafe\u{301}.txt", bytes(9))  // the same name, decomposed: an overwrite
        try vault.engine.waitUntilIdle()
        let listed = try vault.list()
        #expect(listed.count == 6, "\(listed)")
        #expect(listed["caf\u{E9}.txt"] == 9)
        #expect(listed.keys.allSatisfy { !$0.contains("/") }, "no look-alike made a folder: \(listed)")
        #expect(try vault.check().isEmpty)
    }

    @Test func aMoveThatWouldMakeAKeyTooLongIsRefused() throws {
        let vault = try TestVault()
        let deep = "a/" + String(repeating: "n", count: 1000)  // alice/ + 1002 bytes = 1008
        try vault.upload(deep, bytes(1))
        try vault.engine.waitUntilIdle()
        let error = #expect(throws: PailError.self) {
            try vault.engine.api.move(user: "alice", from: RemotePath("a"), to: RemotePath(String(repeating: "b", count: 20)))
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains("1027 bytes") == true, "\(error?.message ?? "")")
        #expect(try vault.pending().isEmpty)
        // Within the limit it moves.
        _ = try vault.engine.api.move(user: "alice", from: RemotePath("a"), to: RemotePath("b"))
        try vault.engine.waitUntilIdle()
        #expect(try vault.list() == ["b/" + String(repeating: "n", count: 1000): 1])
    }

    @Test func aFolderPathCannotBeUploadedTo() throws {
        let vault = try TestVault()
        let error = #expect(throws: PailError.self) { try vault.engine.api.createUpload(user: "alice", path: RemotePath("docs/"), size: 1) }
        #expect(error?.code == .invalidArgument)
        // Nor can a URL signed for such a key by any SigV4 client store bytes.
        let url = try vault.engine.api.presigner.presign(method: .put, key: "alice/docs/", expires: 60, now: Date(), extraQuery: [:])
        let putError = #expect(throws: PailError.self) {
            try vault.engine.store.put(url: url, body: DataSource(bytes(1)), contentLength: 1)
        }
        #expect(putError?.code == .invalidArgument)
        #expect(vault.files(in: "blobs").isEmpty)
    }

    @Test func folderUploadRefusesNamesThatDifferOnlyInNormalization() throws {
        let vault = try TestVault()
        let folder = vault.root + "-local/twins"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: vault.root + "-local") }
        try bytes(10).write(to: URL(fileURLWithPath: folder + "/caf\u{E9}.txt"))
        try bytes(20).write(to: URL(fileURLWithPath: folder + "/cafe\u{301}.txt"))
        let error = #expect(throws: PailError.self) {
            try TransferClient(engine: vault.engine).upload(user: "alice", local: folder, remote: nil)
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains("normalization") == true)
        try vault.engine.waitUntilIdle()
        #expect(try vault.list().isEmpty)
        #expect(vault.files(in: "blobs").isEmpty)
    }

    @Test func theEmptyPrefixRangeCoversEveryKey() {
        #expect(PrefixRange.upperBound(of: "") == Data([0xFF]))
        #expect(PrefixRange.upperBound(of: "a/") == Data("a0".utf8))
    }
}
