import Foundation
import Testing

@testable import PailCore

@Suite("Object store")
struct ObjectStoreTests {
    @Test func putStoresBytesWithMD5ETagAndEmitsEvent() throws {
        let vault = try TestVault()
        let data = bytes(3 * 1024 * 1024 + 17)
        let object = try vault.upload("docs/big.bin", data)
        #expect(object.key == "alice/docs/big.bin")
        #expect(object.size == Int64(data.count))
        #expect(object.etag == md5Hex(data))
        let events = try vault.pending()
        #expect(events.count == 1)
        #expect(events[0].event.detailType == "Object Created")
        #expect(events[0].event.detail["object"]?["etag"]?.stringValue == md5Hex(data))
        #expect(events[0].event.detail["reason"] == "PutObject")

        // The inventory does not list it until the workflow ran: Fetch says NoSuchKey, though the bytes exist.
        let error = #expect(throws: PailError.self) {
            try vault.engine.api.createDownload(user: "alice", path: RemotePath("docs/big.bin"))
        }
        #expect(error?.code == .noSuchKey)
        try vault.engine.waitUntilIdle()
        #expect(try vault.engine.api.createDownload(user: "alice", path: RemotePath("docs/big.bin")).method == "GET")
    }

    @Test func getStreamsTheSameBytes() throws {
        let vault = try TestVault()
        let data = bytes(2 * 1024 * 1024 + 5, seed: 9)
        let object = try vault.upload("a.bin", data)
        let url = try vault.engine.store.presigner.presign(method: .get, key: object.key, expires: 60, now: Date())
        let body = try vault.engine.store.get(url: url)
        var read = Data()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 8)
        defer { buffer.deallocate() }
        while case let count = try body.read(into: buffer), count > 0 { read.append(contentsOf: buffer[..<count]) }
        #expect(read == data)
        #expect(body.object.etag == object.etag)
    }

    @Test func overwriteIsAtomicAndKeepsTheOldVersionUntilPurged() throws {
        let vault = try TestVault()
        let first = try vault.upload("a.txt", Data("first".utf8))
        let second = try vault.upload("a.txt", Data("second version".utf8))
        #expect(vault.files(in: "blobs").count == 2)
        let head = try vault.engine.read { try vault.engine.store.head($0, key: "alice/a.txt") }
        #expect(head?.blob == second.blob)
        #expect(head?.etag == second.etag)
        #expect(head!.sequencer > "0000000000000001")
        let store = vault.engine.store
        #expect(
            try vault.engine.read { try store.versions($0, key: "alice/a.txt") }.map(\.versionId) == [second.versionId, first.versionId])
        // Both versions count, as S3 counts them; the old one is the noncurrent part.
        #expect(try vault.engine.read { try store.usage($0, user: "alice") } == Int64("first".utf8.count + "second version".utf8.count))
        #expect(try vault.engine.read { try store.noncurrentUsage($0, user: "alice") } == Int64("first".utf8.count))

        let purged = try vault.engine.api.purge(user: "alice")
        #expect(purged.versions == 1 && purged.bytes == 5)
        #expect(vault.files(in: "blobs").count == 1)
        #expect(try vault.engine.read { try store.usage($0, user: "alice") } == Int64("second version".utf8.count))
        try vault.engine.waitUntilIdle()
        #expect(try vault.check() == [])
    }

    @Test func aUserWhoKeepsNoVersionsHasTheOldBlobFreedAtOnce() throws {
        let vault = try TestVault()
        _ = try vault.engine.api.addUser("alice", retention: 0)
        try vault.upload("a.txt", Data("first".utf8))
        try vault.upload("a.txt", Data("second version".utf8))
        #expect(vault.files(in: "blobs").count == 1)
        #expect(try vault.engine.read { try vault.engine.store.versions($0, key: "alice/a.txt") }.count == 1)
        #expect(try vault.engine.read { try vault.engine.store.usage($0, user: "alice") } == Int64("second version".utf8.count))
    }

    @Test func bodyOverTheSignedGrantIsRefusedAndChangesNothing() throws {
        let vault = try TestVault()
        let url = try vault.engine.api.createUpload(user: "alice", path: RemotePath("a.bin"), size: 10)
        let error = #expect(throws: PailError.self) {
            try vault.engine.store.put(url: url.url, body: DataSource(bytes(11)))
        }
        #expect(error?.code == .entityTooLarge)
        #expect(try vault.pending().isEmpty)
        #expect(vault.files(in: "blobs").isEmpty)
        #expect(vault.files(in: "tmp").isEmpty)
        #expect(try vault.engine.read { try vault.engine.store.head($0, key: "alice/a.bin") } == nil)
    }

    @Test func storeRefusesWritesOverTheQuotaEvenWithAGrant() throws {
        let vault = try TestVault()
        _ = try vault.engine.api.addUser("bob", quota: 100)
        // Two URLs each granted 60 bytes of bob's 100: the second commit would exceed the limit.
        let first = try vault.engine.api.createUpload(user: "bob", path: RemotePath("one"), size: 60)
        let second = try vault.engine.api.createUpload(user: "bob", path: RemotePath("two"), size: 60)
        try vault.engine.store.put(url: first.url, body: DataSource(bytes(60)))
        let error = #expect(throws: PailError.self) { try vault.engine.store.put(url: second.url, body: DataSource(bytes(60))) }
        #expect(error?.code == .quotaExceeded)
        #expect(try vault.engine.read { try vault.engine.store.usage($0, user: "bob") } == 60)
        #expect(vault.files(in: "blobs").count == 1)
    }

    @Test func copyObjectSharesTheBlobAndKeepsToTheQuota() throws {
        let vault = try TestVault.holding("one", size: 60, user: "bob", quota: 100)
        let store = vault.engine.store
        let over = #expect(throws: PailError.self) { try vault.engine.write { try store.copyObject($0, from: "bob/one", to: "bob/two") } }
        #expect(over?.code == .quotaExceeded)
        let missing = #expect(throws: PailError.self) {
            try vault.engine.write { try store.copyObject($0, from: "bob/none", to: "bob/two") }
        }
        #expect(missing?.code == .noSuchKey)
        let badKey = #expect(throws: PailError.self) { try vault.engine.write { try store.copyObject($0, from: "bob/one", to: "nokey") } }
        #expect(badKey?.code == .invalidArgument)
        let traversal = #expect(throws: PailError.self) {
            try vault.engine.write { try store.copyObject($0, from: "bob/one", to: "bob/../alice/x") }
        }
        #expect(traversal?.code == .invalidArgument)
        #expect(try vault.pending().isEmpty, "a refused copy publishes nothing")

        try vault.engine.write { try store.copyObject($0, from: "bob/one", to: "alice/copy") }
        try vault.engine.waitUntilIdle()
        #expect(try vault.list("alice") == ["copy": 60])
        #expect(try vault.used("alice") == 60)
        #expect(vault.files(in: "blobs").count == 1, "the copy shares the blob")
        #expect(try vault.check().isEmpty)
    }

    @Test func contentLengthMismatchIsIncompleteBody() throws {
        let vault = try TestVault()
        let url = try vault.engine.api.createUpload(user: "alice", path: RemotePath("a.bin"), size: 100)
        let error = #expect(throws: PailError.self) {
            try vault.engine.store.put(url: url.url, body: DataSource(bytes(50)), contentLength: 100)
        }
        #expect(error?.code == .incompleteBody)
        #expect(vault.files(in: "blobs").isEmpty)
    }

    @Test func copySharesTheBlobAndDeleteKeepsItWhileShared() throws {
        let vault = try TestVault()
        _ = try vault.engine.api.addUser("alice", retention: 0)
        try vault.upload("a.txt", Data("shared".utf8))
        try vault.engine.write { db in
            try vault.engine.store.copy(db, from: "alice/a.txt", to: "alice/b.txt")
            try vault.engine.store.delete(db, key: "alice/a.txt")
        }
        vault.engine.store.collectGarbage()
        #expect(vault.files(in: "blobs").count == 1)
        try vault.engine.write { db in _ = try vault.engine.store.delete(db, key: "alice/b.txt") }
        vault.engine.store.collectGarbage()
        #expect(vault.files(in: "blobs").isEmpty)
        let kinds = try vault.pending().map { "\($0.event.detailType) \($0.event.detail["reason"]?.stringValue ?? "")" }
        #expect(
            kinds == [
                "Object Created PutObject", "Object Created CopyObject", "Object Deleted DeleteObject", "Object Deleted DeleteObject",
            ])
    }

    @Test func deleteEventCarriesNoSize() throws {
        let vault = try TestVault()
        try vault.upload("a.txt", Data("x".utf8))
        try vault.engine.write { db in _ = try vault.engine.store.delete(db, key: "alice/a.txt") }
        let deleted = try #require(try vault.pending().last?.event)
        #expect(deleted.detailType == "Object Deleted")
        #expect(deleted.detail["object"]?["size"] == nil)
        #expect(deleted.detail["object"]?["sequencer"] != nil)
        #expect(deleted.detail["deletion-type"] == "Delete Marker Created")
        #expect(deleted.detail["object"]?["version-id"] == deleted.detail["object"]?["sequencer"])

        _ = try vault.engine.api.setRetention(user: "alice", seconds: 0)
        try vault.upload("b.txt", Data("x".utf8))
        try vault.engine.write { db in _ = try vault.engine.store.delete(db, key: "alice/b.txt") }
        let permanent = try #require(try vault.pending().last?.event)
        #expect(permanent.detail["deletion-type"] == "Permanently Deleted")
        #expect(permanent.detail["object"]?["version-id"] == nil)
    }

    @Test func recoveryRemovesWhatACrashedWriterLeft() throws {
        let vault = try TestVault()
        try vault.upload("kept.txt", Data("kept".utf8))
        // A writer that named its blob but died before the commit: its files stay, unlocked.
        let blobs = LocalBlobStore(root: vault.root)
        let orphan = UUID().uuidString.lowercased()
        try FileManager.default.createDirectory(atPath: "\(vault.root)/blobs/\(orphan.prefix(2))", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: blobs.path(of: orphan), contents: Data("partial".utf8))
        try FileManager.default.linkItem(atPath: blobs.path(of: orphan), toPath: blobs.tmpPath(of: orphan))
        _ = FileManager.default.createFile(atPath: blobs.tmpPath(of: "unnamed-leftover"), contents: Data("x".utf8))
        #expect(vault.files(in: "blobs").count == 2)

        let reopened = try vault.reopen()
        #expect(vault.files(in: "tmp").isEmpty)
        #expect(vault.files(in: "blobs").count == 1)
        #expect(try ConsistencyCheck(engine: reopened).run().filter { $0.contains("blob") }.isEmpty)
    }

    @Test func recoveryLeavesALiveWriteAlone() throws {
        let vault = try TestVault()
        let writer = try vault.engine.store.blobs.create()
        try Data("in progress".utf8).withUnsafeBytes { try writer.write($0) }
        _ = try vault.reopen()
        #expect(vault.files(in: "tmp").count == 1)
        writer.discard()
        #expect(vault.files(in: "tmp").isEmpty)
        #expect(vault.files(in: "blobs").isEmpty)
    }
}

@Suite("Object store: local files copied in the kernel")
struct LocalFileUploadTests {
    /// Writes `data` to a file in a temporary folder of its own; the caller removes the folder.
    func localFile(_ data: Data) throws -> String {
        let path = try TemporaryFolder("pail-local").path + "/local.bin"
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aLocalFileIsStoredWithTheETagOfItsBytes() throws {
        let vault = try TestVault()
        let data = bytes(40 * 1024 * 1024 + 3, seed: 7)  // several copy chunks and a ragged end
        let path = try localFile(data)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let url = try vault.engine.api.createUpload(user: "alice", path: RemotePath("big"), size: Int64(data.count))
        let object = try vault.engine.store.put(url: url.url, body: try LocalFile(path: path))
        #expect(object.etag == md5Hex(data))
        #expect(object.size == Int64(data.count))
    }

    @Test func aLocalFileOverItsGrantIsRefusedAndLeavesNothing() throws {
        let vault = try TestVault()
        let path = try localFile(bytes(1000))
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let url = try vault.engine.api.createUpload(user: "alice", path: RemotePath("big"), size: 999)
        let error = #expect(throws: PailError.self) { try vault.engine.store.put(url: url.url, body: try LocalFile(path: path)) }
        #expect(error?.code == .entityTooLarge)
        #expect(vault.files(in: "blobs").isEmpty)
        #expect(vault.files(in: "tmp").isEmpty)
        #expect(try vault.pending().isEmpty)
    }
}

@Suite("Object store: batches")
struct BatchPutTests {
    @Test func aBatchCommitsEveryObjectAndItsEvent() throws {
        let vault = try TestVault()
        let requests = try (0..<5).map { index in
            let url = try vault.engine.api.createUpload(user: "alice", path: RemotePath("f\(index)"), size: 10)
            return PutRequest(url: url.url, body: DataSource(bytes(10, seed: UInt8(index))), contentLength: 10)
        }
        let objects = try vault.engine.store.put(batch: requests)
        #expect(objects.map(\.key) == (0..<5).map { "alice/f\($0)" })
        #expect(Set(objects.map(\.sequencer)).count == 5)
        #expect(try vault.pending().count == 5)
        #expect(vault.files(in: "blobs").count == 5)
    }

    @Test func aBatchWithOneRefusedRequestStoresNothing() throws {
        let vault = try TestVault()
        let good = try vault.engine.api.createUpload(user: "alice", path: RemotePath("good"), size: 10)
        let small = try vault.engine.api.createUpload(user: "alice", path: RemotePath("bad"), size: 5)
        let error = #expect(throws: PailError.self) {
            try vault.engine.store.put(batch: [
                PutRequest(url: good.url, body: DataSource(bytes(10))), PutRequest(url: small.url, body: DataSource(bytes(10))),
            ])
        }
        #expect(error?.code == .entityTooLarge)
        #expect(try vault.pending().isEmpty)
        #expect(vault.files(in: "blobs").isEmpty)
        #expect(vault.files(in: "tmp").isEmpty)
    }

    @Test("a batch's blobs stay unnamed while written, listed in one intent file, which goes after the commit")
    func aBatchWritesThroughOneIntent() throws {
        let vault = try TestVault()
        let requests = try (0..<3).map { index in
            let url = try vault.engine.api.createUpload(user: "alice", path: RemotePath("f\(index)"), size: 10)
            return PutRequest(url: url.url, body: DataSource(bytes(10, seed: UInt8(index))), contentLength: 10)
        }
        var seen: [(tmp: [String], blobs: Int)] = []
        try vault.engine.store.put(batch: requests) { _ in seen.append((vault.files(in: "tmp"), vault.files(in: "blobs").count)) }
        #expect(seen.count == 3)
        #expect(seen.allSatisfy { $0.tmp.count == 1 && $0.tmp[0].hasSuffix(".intent") && $0.blobs == 0 })
        #expect(vault.files(in: "tmp").isEmpty)
        #expect(vault.files(in: "blobs").count == 3)
        #expect(try vault.check().isEmpty)
    }

    @Test("recovery removes the blobs a crashed batch's intent lists unless committed, then the intent")
    func recoveryFollowsACrashedIntent() throws {
        let vault = try TestVault()
        let kept = try vault.upload("kept.txt", Data("kept".utf8))
        let blobs = LocalBlobStore(root: vault.root)
        let orphan = UUID().uuidString.lowercased()
        _ = FileManager.default.createFile(atPath: blobs.path(of: orphan), contents: Data("never committed".utf8))
        // A killed writer's intent, unlocked; its last line was being written.
        let intent = "\(kept.blob)\n\(orphan)\nabc"
        _ = FileManager.default.createFile(atPath: blobs.tmpPath(of: "crashed" + LocalBlobBatch.intentSuffix), contents: Data(intent.utf8))
        #expect(vault.files(in: "blobs").count == 2)

        let reopened = try vault.reopen()
        #expect(vault.files(in: "tmp").isEmpty)
        #expect(vault.files(in: "blobs") == ["\(kept.blob.prefix(2))/\(kept.blob)"])
        #expect(try ConsistencyCheck(engine: reopened).run().isEmpty)
        let url = try vault.engine.store.presigner.presign(method: .get, key: kept.key, expires: 60, now: Date())
        #expect(try vault.engine.store.get(url: url).md5 == md5Hex(Data("kept".utf8)))
    }

    @Test("a live batch's named blobs are left alone by recovery and not reported stray")
    func aLiveBatchIsLeftAlone() throws {
        let vault = try TestVault()
        let group = try vault.engine.store.blobs.createBatch()
        for index in 0..<2 {
            let writer = try group.create()
            try bytes(100, seed: UInt8(index)).withUnsafeBytes { try writer.write($0) }
            _ = try writer.finish(durable: false)
        }
        try group.name()
        #expect(vault.files(in: "blobs").count == 2)
        _ = try vault.reopen()
        #expect(vault.files(in: "blobs").count == 2 && vault.files(in: "tmp").count == 1)
        #expect(try vault.check().filter { $0.contains("stray") }.isEmpty)
        group.discard()
        #expect(vault.files(in: "blobs").isEmpty && vault.files(in: "tmp").isEmpty)
    }

    @Test func smallFilesAreBatchedAndLargeOnesGoAlone() {
        let large = ObjectStore.kernelCopyThreshold
        #expect(TransferClient.batches([1, 2, large, 3]) == [[0, 1], [2], [3]])
        #expect(TransferClient.batches(Array(repeating: 1, count: 600)).map(\.count) == [256, 256, 88])
        #expect(TransferClient.batches(Array(repeating: 30 << 20, count: 3)).map(\.count) == [1, 1, 1])
        #expect(TransferClient.batches(Array(repeating: 3 << 20, count: 30)).map(\.count) == [21, 9])
    }
}
