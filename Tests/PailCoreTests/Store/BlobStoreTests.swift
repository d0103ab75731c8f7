import Foundation
import Testing

@testable import PailCore

/// What every `BlobStore` promises, checked on the store it is given (the local one below; an object
/// store's suite calls the same checks on its own).
struct BlobStoreContract {
    let store: any BlobStore
    /// A folder for local files that bodies are copied from.
    let scratch: String

    /// A blob written in two runs and finished durable is listed, measured and read back, whole and at an offset.
    func writtenBlobReadsBack() throws {
        let data = bytes(5 << 20 + 123)  // past the local writer's 4 MiB hand-over to its hashing thread
        let sink = try store.create()
        try data.withUnsafeBytes { bytes in
            try sink.write(UnsafeRawBufferPointer(rebasing: bytes[..<1_000]))
            try sink.write(UnsafeRawBufferPointer(rebasing: bytes[1_000...]))
        }
        #expect(sink.size == Int64(data.count))
        let etag = try sink.finish(durable: true)
        sink.close()
        #expect(etag == md5Hex(data))
        #expect(try store.list().contains(sink.blob) && store.exists(sink.blob))
        let measured = try #require(try store.measure(sink.blob))
        #expect(measured.size == Int64(data.count) && measured.etag == etag)
        let source = try store.open(sink.blob)
        #expect(try Self.readAll(source) == data)
        #expect(try Self.read(source, count: 10, at: 4_000_000) == data.subdata(in: 4_000_000..<4_000_010))
        #expect(try Self.read(source, count: 10, at: Int64(data.count)) == Data())
    }

    /// A write abandoned before or after `finish` leaves no blob behind.
    func discardLeavesNothing() throws {
        let unfinished = try store.create()
        try bytes(1_000).withUnsafeBytes { try unfinished.write($0) }
        unfinished.discard()
        let finished = try store.create()
        try bytes(1_000).withUnsafeBytes { try finished.write($0) }
        _ = try finished.finish(durable: true)
        finished.discard()
        let listed = try store.list()
        for blob in [unfinished.blob, finished.blob] {
            #expect(!listed.contains(blob))
            #expect(try !store.exists(blob))
        }
    }

    /// A lone blob and a batch's blobs are all listed and readable once written; a batch's named blobs
    /// count as live writes until it lets go.
    func listShowsWhatWasWritten() throws {
        let single = try write(bytes(10))
        let batch = try store.createBatch()
        var batched: [String: Data] = [:]
        for seed in UInt8(1)...3 {
            let sink = try batch.create()
            let data = bytes(1_000 * Int(seed), seed: seed)
            try data.withUnsafeBytes { try sink.write($0) }
            #expect(try sink.finish(durable: false) == md5Hex(data))
            batched[sink.blob] = data
        }
        try batch.name()
        try store.syncBatch()
        #expect(try store.liveWrites().isSuperset(of: batched.keys))
        batch.close()
        #expect(try store.list().isSuperset(of: [single] + batched.keys))
        for (blob, data) in batched {
            #expect(try Self.readAll(store.open(blob)) == data)
        }
    }

    /// Removing a blob twice, or one that never was, is no error; a removed blob is gone.
    func removeIsIdempotent() throws {
        let blob = try write(bytes(100))
        try store.remove([blob])
        try store.remove([blob, RandomIdentifier.make()])
        #expect(try !store.exists(blob) && !store.list().contains(blob))
        #expect(try store.measure(blob).map { $0.size } == nil)
    }

    /// Opening a blob that is not there is `NoSuchKey`, naming the blob.
    func missingBlobHasNoReader() throws {
        let missing = RandomIdentifier.make()
        let error = #expect(throws: PailError.self) { try store.open(missing) }
        #expect(error?.code == .noSuchKey && error?.message.contains(missing) == true)
        #expect(try store.measure(missing).map { $0.size } == nil)
    }

    /// Stored blobs appended in order make one blob of their bytes (multipart completion); a missing one
    /// appends nothing.
    func appendConcatenatesBlobs() throws {
        let first = bytes(1_000, seed: 1)
        let second = bytes(2_000, seed: 2)
        let parts = [try write(first), try write(second)]
        let sink = try store.create()
        for part in parts { #expect(try sink.append(blob: part)) }
        #expect(try sink.append(blob: RandomIdentifier.make()) == false)
        #expect(sink.size == 3_000)
        #expect(try sink.finish(durable: true) == md5Hex(first + second))
        sink.close()
        #expect(try Self.readAll(store.open(sink.blob)) == first + second)
    }

    /// A local file is copied in whole, with progress; past a limit it is `EntityTooLarge`.
    func copiesALocalFile() throws {
        let data = bytes(6 << 20, seed: 7)
        let path = scratch + "/body.bin"
        try data.write(to: URL(fileURLWithPath: path))
        let sink = try store.create()
        var reported: [Int64] = []
        let copied = try Self.withOpenFile(path) { fd in try sink.copy(from: fd, limit: nil) { reported.append($0) } }
        #expect(copied)
        #expect(sink.size == Int64(data.count) && reported.last == Int64(data.count))
        #expect(try sink.finish(durable: true) == md5Hex(data))
        sink.close()
        #expect(try Self.readAll(store.open(sink.blob)) == data)

        let tooLarge = try store.create()
        defer { tooLarge.discard() }
        let error = #expect(throws: PailError.self) {
            try Self.withOpenFile(path) { try tooLarge.copy(from: $0, limit: 1 << 20, progress: nil) }
        }
        #expect(error?.code == .entityTooLarge)
    }

    /// Runs `body` with the file at `path` open for reading.
    private static func withOpenFile<T>(_ path: String, _ body: (Int32) throws -> T) throws -> T {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw PailError(.localFileError, "Cannot open \(path)") }
        defer { close(fd) }
        return try body(fd)
    }

    /// Writes a durable blob of `data`; returns its id.
    private func write(_ data: Data) throws -> String {
        let sink = try store.create()
        try data.withUnsafeBytes { try sink.write($0) }
        _ = try sink.finish(durable: true)
        sink.close()
        return sink.blob
    }

    /// Reads a source to its end, in small reads.
    private static func readAll(_ source: any BlobSource) throws -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while case let count = try buffer.withUnsafeMutableBytes({ try source.read(into: $0) }), count > 0 {
            data.append(contentsOf: buffer[..<count])
        }
        return data
    }

    /// Up to `count` bytes from `offset`.
    private static func read(_ source: any BlobSource, count: Int, at offset: Int64) throws -> Data {
        var buffer = [UInt8](repeating: 0, count: count)
        let read = try buffer.withUnsafeMutableBytes { try source.read(into: $0, at: offset) }
        return Data(buffer[..<read])
    }
}

@Suite("Blob store (local)")
struct LocalBlobStoreTests {
    /// Runs `check` on a prepared local store in a new root, then expects its `tmp/` to hold nothing: no write
    /// leaves a name or intent behind once it has let go.
    private func onLocalStore(_ check: (BlobStoreContract) throws -> Void) throws {
        let root = try TemporaryFolder("pail-blobs")
        defer { root.remove() }
        let scratch = try TemporaryFolder("pail-blobs-scratch")
        defer { scratch.remove() }
        let store = LocalBlobStore(root: root.path)
        try store.prepare()
        try check(BlobStoreContract(store: store, scratch: scratch.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path + "/tmp") == [])
    }

    @Test func writtenBlobReadsBack() throws { try onLocalStore { try $0.writtenBlobReadsBack() } }

    @Test func discardLeavesNothing() throws { try onLocalStore { try $0.discardLeavesNothing() } }

    @Test func listShowsWhatWasWritten() throws { try onLocalStore { try $0.listShowsWhatWasWritten() } }

    @Test func removeIsIdempotent() throws { try onLocalStore { try $0.removeIsIdempotent() } }

    @Test func missingBlobHasNoReader() throws { try onLocalStore { try $0.missingBlobHasNoReader() } }

    @Test func appendConcatenatesBlobs() throws { try onLocalStore { try $0.appendConcatenatesBlobs() } }

    @Test func copiesALocalFile() throws { try onLocalStore { try $0.copiesALocalFile() } }

    @Test("preparing makes blobs/ with its 256 shards and tmp/, and preparing again changes nothing")
    func prepareMakesTheFolders() throws {
        let root = try TemporaryFolder("pail-blobs")
        defer { root.remove() }
        let store = LocalBlobStore(root: root.path)
        #expect(try store.list().isEmpty)  // a store not yet prepared holds nothing, and reading it makes nothing
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == [])
        try store.prepare()
        try store.prepare()
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["blobs", "tmp"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path + "/blobs").count == 256)
    }
}
