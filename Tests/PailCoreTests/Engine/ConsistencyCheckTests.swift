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
        vault.engine.store.blobs.remove(writer.blob)
        #expect(try vault.check() == [])
    }
}
