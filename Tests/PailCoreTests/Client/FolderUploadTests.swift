import Foundation
import Testing

@testable import PailCore

/// A folder upload stages each batch while the one before commits on another thread: batches still
/// commit in order, and a failure part-way keeps and counts every batch committed, the one committing
/// meanwhile included.
@Suite struct FolderUploadTests {
    /// A folder of `count` one-byte files `a000`… in order, and `z` last: 256 files make a batch, so `z`
    /// travels in the batch after.
    static func folder(_ path: String, count: Int) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for index in 0..<count {
            #expect(FileManager.default.createFile(atPath: path + String(format: "/a%03d", index), contents: Data("x".utf8)))
        }
        #expect(FileManager.default.createFile(atPath: path + "/z", contents: Data("z".utf8)))
    }

    @Test func everyBatchCommitsInOrderWithItsEvents() throws {
        let vault = try TestVault()
        let local = vault.root + "-folder"
        defer { try? FileManager.default.removeItem(atPath: local) }
        try Self.folder(local, count: 600)
        var reports: [Int] = []
        let report = try TransferClient(engine: vault.engine).upload(user: "alice", local: local, remote: RemotePath("f/")) {
            reports.append($0.filesDone)
        }
        #expect(report.stored.count == 601)
        #expect(report.stored.map(\.key) == report.stored.map(\.key).sorted(), "reported in the folder's order")
        #expect(report.stored.map(\.sequencer) == report.stored.map(\.sequencer).sorted(), "committed in that order")
        #expect(reports == reports.sorted() && reports.last == 601, "files done only grow, to all of them: \(Set(reports).sorted())")
        #expect(Set(reports).isSuperset(of: [256, 512, 601]), "each batch is reported once committed")
        try vault.engine.waitUntilIdle()
        #expect(try vault.list().count == 601)
        #expect(try vault.used() == 601)
        #expect(vault.files(in: "tmp").isEmpty)
        #expect(try vault.check().isEmpty)
    }

    @Test func aFailureInTheNextBatchKeepsAndCountsTheBatchCommittingMeanwhile() throws {
        let vault = try TestVault()
        let local = vault.root + "-folder"
        defer { try? FileManager.default.removeItem(atPath: local) }
        try Self.folder(local, count: 256)
        var grown = false
        do {
            try TransferClient(engine: vault.engine).upload(user: "alice", local: local, remote: RemotePath("f/")) { _ in
                // While the first batch is written, the file of the second one grows past the size planned.
                guard !grown else { return }
                grown = true
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: local + "/z"))
                try handle.seekToEnd()
                try handle.write(contentsOf: Data("grown".utf8))
                try handle.close()
            }
            Issue.record("the grown file was stored")
        } catch let error as PailError {
            #expect(error.code == .entityTooLarge, "\(error)")
            #expect(error.message.hasSuffix("(256 of 257 files were stored before this)"), "\(error.message)")
        }
        try vault.engine.waitUntilIdle()
        let listed = try vault.list()
        #expect(listed.count == 256 && listed["f/z"] == nil)
        #expect(try vault.used() == 256)
        #expect(vault.files(in: "tmp").isEmpty, "the refused file's blob is gone")
        #expect(vault.files(in: "blobs").count == 256)
        #expect(try vault.check().isEmpty)
    }
}
