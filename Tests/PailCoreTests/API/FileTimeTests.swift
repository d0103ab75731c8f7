import Foundation
import Testing

@testable import PailCore

/// A file's Modified time is the local file's, carried as `x-amz-meta-mtime` as rclone carries it, and it
/// survives moves, copies and fetches.
@Suite("File API: the file's own modified time")
struct FileTimeTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    /// The local file's time: years before the upload, with a fraction of a second.
    static let fileTime = Date(timeIntervalSince1970: 1_500_000_000.25)

    /// A local file of `text` whose modification time is `fileTime`, in `folder`.
    static func localFile(_ text: String, in folder: TemporaryFolder, named name: String = "a.txt") throws -> String {
        let path = folder.path + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.modificationDate: fileTime], ofItemAtPath: path)
        return path
    }

    @Test func anUploadRecordsTheLocalFilesTimeAndTheInventoryShowsIt() throws {
        let clock = ManualClock(Self.start)
        let vault = try TestVault(clock: clock)
        let folder = try TemporaryFolder("pail-time")
        defer { folder.remove() }
        try TransferClient(engine: vault.engine).upload(
            user: "alice", local: try Self.localFile("hello", in: folder), remote: RemotePath("docs/a.txt"))
        try vault.engine.waitUntilIdle()
        let object = try #require(try vault.engine.store.head(key: "alice/docs/a.txt"))
        #expect(object.headers.fields["x-amz-meta-mtime"] == "1500000000.25")
        #expect(object.modified == Self.start)  // the store's write time stays the store's, as S3's Last-Modified
        let listed = try vault.engine.api.list(user: "alice")
        #expect(listed.map(\.modified) == [Date(timeIntervalSince1970: 1_500_000_000)])
        // S3's listing keeps the store's time, as its Last-Modified header does.
        #expect(listed.map(\.stored) == [Self.start])
        #expect(
            try vault.engine.api.listKeys(prefix: "alice/", delimiter: nil, after: nil, maxKeys: 10, user: "alice").objects.map(
                \.entry.stored) == [Self.start])
    }

    @Test func aPlainPresignedPutShowsTheUploadTime() throws {
        let clock = ManualClock(Self.start)
        let vault = try TestVault(clock: clock)
        try vault.upload("a.txt", Data("hello".utf8))
        try vault.engine.waitUntilIdle()
        #expect(try vault.engine.api.list(user: "alice").map(\.modified) == [Self.start])
        #expect(try vault.engine.api.list(user: "alice").map(\.stored) == [nil])  // no second time to keep
    }

    @Test func movesAndCopiesKeepTheFilesTime() throws {
        let clock = ManualClock(Self.start)
        let vault = try TestVault(clock: clock)
        let folder = try TemporaryFolder("pail-time")
        defer { folder.remove() }
        try TransferClient(engine: vault.engine).upload(
            user: "alice", local: try Self.localFile("hello", in: folder), remote: RemotePath("a.txt"))
        try vault.upload("plain.txt", Data("plain".utf8))  // no time from the client: the upload's counts
        try vault.engine.waitUntilIdle()
        clock.advance(by: 3600)
        _ = try vault.engine.api.move(user: "alice", from: RemotePath("a.txt"), to: RemotePath("docs/b.txt"))
        _ = try vault.engine.api.move(user: "alice", from: RemotePath("plain.txt"), to: RemotePath("docs/plain.txt"))
        try vault.engine.waitUntilIdle()
        clock.advance(by: 3600)
        _ = try vault.engine.api.copy(user: "alice", from: RemotePath("docs/"), to: RemotePath("copy/"), recursive: true)
        try vault.engine.waitUntilIdle()
        let times = Dictionary(uniqueKeysWithValues: try vault.engine.api.list(user: "alice").map { ($0.path, $0.modified) })
        let file = Date(timeIntervalSince1970: 1_500_000_000)
        #expect(times == ["docs/b.txt": file, "docs/plain.txt": Self.start, "copy/docs/b.txt": file, "copy/docs/plain.txt": Self.start])
    }

    @Test func aFetchGivesTheLocalCopyTheFilesTime() throws {
        let vault = try TestVault()
        let folder = try TemporaryFolder("pail-time")
        defer { folder.remove() }
        let client = TransferClient(engine: vault.engine)
        try client.upload(user: "alice", local: try Self.localFile("hello", in: folder), remote: RemotePath("a.txt"))
        try vault.engine.waitUntilIdle()
        try client.fetch(user: "alice", remote: RemotePath("a.txt"), local: folder.path + "/back.txt")
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.path + "/back.txt")
        let fetched = try #require(attributes[.modificationDate] as? Date)
        #expect(abs(fetched.timeIntervalSince(Self.fileTime)) < 0.001)
    }

    @Test func theTimeFieldIsReadOnlyWhenItIsANumber() throws {
        #expect(
            try ObjectHeaders(fields: ["x-amz-meta-mtime": "1700000000.5"]).fileModified == Date(timeIntervalSince1970: 1_700_000_000.5))
        #expect(try ObjectHeaders(fields: ["x-amz-meta-mtime": "yesterday"]).fileModified == nil)
        #expect(try ObjectHeaders(fields: ["x-amz-meta-mtime": "nan"]).fileModified == nil)
        #expect(ObjectHeaders(fileModified: Date(timeIntervalSince1970: 1_700_000_000)).fields == ["x-amz-meta-mtime": "1700000000"])
    }
}
