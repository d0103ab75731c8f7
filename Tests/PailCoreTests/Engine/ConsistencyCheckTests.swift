import Foundation
import Testing

@testable import PailCore

@Suite("Consistency check")
struct ConsistencyCheckTests {
    @Test("work in flight is not damage: a file whose event is on its way, a blob named but not yet committed")
    func workInFlightIsNotDamage() throws {
        let vault = try TestVault()
        try vault.upload("a.txt", bytes(1_000))
        #expect(try vault.pending().count == 1)
        let writer = try vault.engine.store.blobs.create()
        try bytes(500).withUnsafeBytes { try writer.write($0) }
        _ = try writer.finish(durable: false)
        #expect(vault.files(in: "blobs").count == 2)
        #expect(try vault.check() == [])

        // The writer is gone without committing: its blob is a stray now, until the next open cleans it.
        writer.close()
        #expect(try vault.check() == ["stray blob file \(writer.blob): no object refers to it"])
        try vault.engine.waitUntilIdle()
        try vault.engine.store.blobs.remove([writer.blob])
        #expect(try vault.check() == [])
    }

    @Test("a deep check reads each blob once and names every file and old version its damaged bytes belong to")
    func deepCheckNamesEveryHolder() throws {
        let vault = try TestVault()
        let first = try vault.upload("a.txt", bytes(1_000))
        try vault.upload("a.txt", bytes(2_000, seed: 2))
        _ = try vault.engine.api.move(user: "alice", from: RemotePath("a.txt"), to: RemotePath("b.txt"))
        try vault.engine.waitUntilIdle()
        var read: [TransferProgress] = []
        let healthy = try ConsistencyCheck(engine: vault.engine).verifyBlobs { read.append($0) }
        #expect(healthy.differences == [] && healthy.blobs == 2 && healthy.bytes == 3_000)
        #expect(
            read.last
                == TransferProgress(bytesDone: 3_000, bytesTotal: 3_000, filesDone: 2, filesTotal: 2, current: read.last?.current ?? ""))

        let path = LocalBlobStore(root: vault.root).path(of: first.blob)
        try Data(bytes(999)).write(to: URL(fileURLWithPath: path))
        let damaged = try ConsistencyCheck(engine: vault.engine).verifyBlobs()
        let versionId = try #require(try vault.engine.read { try vault.engine.store.versions($0, key: "alice/a.txt") }.first?.versionId)
        #expect(
            damaged.differences == [
                "alice/a.txt (old version \(versionId)): the bytes on disk (999 bytes, MD5 \(md5Hex(bytes(999)))) do not match its ETag (1000 bytes, ETag \(first.etag)); blob file \(first.blob)"
            ])
        #expect(try vault.check() == [])
    }
}
