import CLinux
import Foundation

/// The crash-safe naming of a batch of blobs written together (a group commit): one locked intent file
/// in `tmp/` (`<id>.intent`) instead of a locked `tmp/` name per blob.
///
/// The batch's writers write unnamed files; `name` lists their blobs in the intent, then links each under
/// `blobs/`, so every blob that has a name is listed in a live intent until the commit. A crashed writer
/// leaves an intent nobody holds a lock on: `LocalBlobStore.recover` removes the blobs it lists that the
/// commit had not recorded, then the intent. Used by one thread at a time.
final class LocalBlobBatch: BlobBatch {
    /// The end of an intent file's name in `tmp/`.
    static let intentSuffix = ".intent"

    private let directory: LocalBlobStore
    private let path: String
    private var fd: Int32
    private(set) var writers: [LocalBlobSink] = []

    init(directory: LocalBlobStore) throws {
        self.directory = directory
        path = directory.tmpPath(of: RandomIdentifier.make() + Self.intentSuffix)
        fd = open(directory.tmpPath, LocalBlobSink.openTemporary | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LocalFile.error(errno, path: directory.tmpPath, doing: "create a file in", owner: .store) }
        // Locked before it has a name, as a single writer's `tmp/` name is.
        guard flock(fd, LOCK_EX) == 0, LocalBlobSink.link(from: LocalBlobSink.descriptorPath(fd), to: path) else {
            let error = LocalFile.error(errno, path: directory.tmpPath, doing: "name a file in", owner: .store)
            Glibc.close(fd)
            throw error
        }
    }

    deinit { discard() }

    /// Starts writing a new blob of the batch (unnamed until `name`).
    func create() throws -> any BlobSink {
        let writer = try LocalBlobSink(directory: directory, batched: true)
        writers.append(writer)
        return writer
    }

    /// Lists every blob of the batch in the intent (one write), then names each under `blobs/`.
    /// Their bytes and names are durable only once the caller syncs the file system.
    func name() throws {
        var list = writers.map { $0.blob + "\n" }.joined()
        try list.withUTF8 { try FileIO.writeAll(fd, UnsafeRawBufferPointer($0), path: path, owner: .store) }
        for writer in writers { try writer.name() }
    }

    /// After the commit: closes the blobs and drops the intent with its lock; the blobs stay.
    func close() {
        guard fd >= 0 else { return }
        for writer in writers { writer.close() }
        unlink(path)
        Glibc.close(fd)
        fd = -1
    }

    /// Abandons the batch: removes the blobs named so far, then the intent.
    func discard() {
        guard fd >= 0 else { return }
        for writer in writers { writer.discard() }
        close()
    }

    /// The blobs an intent file lists (a partly written last line is left out: it was never named; so is
    /// anything that could not be a blob id, which is never a path).
    static func blobs(listedIn fd: Int32, path: String) throws -> [String] {
        var text: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 16)
        defer { buffer.deallocate() }
        var offset: off_t = 0
        while true {
            let count = pread(fd, buffer.baseAddress, buffer.count, offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw LocalFile.error(errno, path: path, doing: "read", owner: .store)
            }
            if count == 0 { break }
            text += buffer[..<count]
            offset += off_t(count)
        }
        return text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().map {
            String(decoding: $0, as: UTF8.self)
        }.filter { !$0.isEmpty && !$0.hasPrefix(".") && !$0.contains("/") }
    }
}
