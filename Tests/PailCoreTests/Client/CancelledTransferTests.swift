import Foundation
import Testing

@testable import PailCore

/// A transfer whose progress handler throws (the user cancelled) stops there and leaves nothing partial:
/// no object, no inventory item, no blob or temporary file for the file being sent; no local file, not
/// even a temporary one, for the file being fetched. Files finished before the cancel stay.
@Suite struct CancelledTransferTests {
    static let cancel = PailError(.cancelled, "Cancelled")

    /// Writes `size` bytes (zeros past the first, a sparse file) to `path`.
    static func writeFile(_ path: String, size: Int) throws {
        #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
    }

    // 3 MiB goes through the read-and-write loop, 20 MiB through the kernel copy: both check for a cancel.
    @Test(arguments: [3 << 20, 20 << 20])
    func aCancelledUploadStoresNothing(size: Int) throws {
        let vault = try TestVault()
        let local = vault.root + "-big.bin"
        defer { try? FileManager.default.removeItem(atPath: local) }
        try Self.writeFile(local, size: size)
        var reports = 0
        #expect(throws: PailError(.cancelled, "Cancelled; nothing was stored")) {
            try TransferClient(engine: vault.engine).upload(user: "alice", local: local, remote: RemotePath("big.bin")) { progress in
                reports += 1
                #expect(progress.bytesDone < Int64(size), "the cancel comes before the last byte")
                throw Self.cancel
            }
        }
        #expect(reports == 1)
        try vault.engine.waitUntilIdle()
        #expect(try vault.list().isEmpty)
        #expect(try vault.used() == 0)
        #expect(try vault.engine.store.head(key: "alice/big.bin") == nil, "no object")
        #expect(vault.files(in: "blobs").isEmpty && vault.files(in: "tmp").isEmpty, "the partial body was thrown away")
        #expect(try vault.check().isEmpty)
    }

    @Test func aCancelledFolderUploadKeepsTheFilesStoredBeforeAndSaysHowMany() throws {
        let vault = try TestVault()
        let local = vault.root + "-folder"
        try FileManager.default.createDirectory(atPath: local, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: local) }
        // Files of 5 MiB travel alone: three batches.
        for name in ["a", "b", "c"] { try Self.writeFile(local + "/" + name, size: 5 << 20) }
        do {
            try TransferClient(engine: vault.engine).upload(user: "alice", local: local, remote: RemotePath("f/")) { progress in
                if progress.filesDone == 1 { throw Self.cancel }
            }
            Issue.record("the upload was not cancelled")
        } catch let error as PailError {
            #expect(error.code == .cancelled)
            #expect(error.message == "Cancelled after 1 of 3 files; those stay in the vault")
        }
        try vault.engine.waitUntilIdle()
        #expect(try vault.list() == ["f/a": 5 << 20])
        #expect(vault.files(in: "tmp").isEmpty)
        #expect(try vault.check().isEmpty)
    }

    @Test func aCancelledFetchLeavesNoLocalFile() throws {
        let vault = try TestVault()
        let local = vault.root + "-big.bin"
        let target = vault.root + "-fetched"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        defer {
            try? FileManager.default.removeItem(atPath: local)
            try? FileManager.default.removeItem(atPath: target)
        }
        try Self.writeFile(local, size: 3 << 20)
        let client = TransferClient(engine: vault.engine)
        try client.upload(user: "alice", local: local, remote: RemotePath("big.bin"))
        try vault.engine.waitUntilIdle()
        #expect(throws: PailError(.cancelled, "Cancelled; nothing was written to \(target)/")) {
            try client.fetch(user: "alice", remote: RemotePath("big.bin"), local: target + "/") { progress in
                if progress.bytesDone > 0 { throw Self.cancel }
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).isEmpty, "no partial or temporary file")
    }
}
