import CLinux
import Foundation

/// Writes one blob: streams bytes in while a second thread hashes them (MD5, the ETag) as they land
/// and starts their writeback, then makes the file durable and gives it its name. A blob smaller than
/// `handOverSize` never starts the second thread: its bytes are read back and hashed when it finishes.
/// Used by one thread at a time.
///
/// A writer on its own holds a locked `tmp/` name of its blob until its commit. A writer of a batch
/// (`LocalBlobBatch`) writes an unnamed file and has no `tmp/` name: the batch's intent file lists it before
/// the batch names it under `blobs/` (`name()`).
final class LocalBlobSink: BlobSink {
    let blob: String
    private(set) var size: Int64 = 0
    private let directory: LocalBlobStore
    private var fd: Int32
    /// Written for a `LocalBlobBatch`, which records and names the blob.
    private let batched: Bool
    /// Whether the blob has its name under `blobs/`.
    private var named = false
    /// Made at the first hand-over.
    private var hashing: ChunkHasher?
    /// The bytes before this offset are queued for hashing.
    private var handedOver: Int64 = 0

    /// Written bytes are handed to the hashing thread in runs ending at multiples of this size: the writer
    /// never waits for the hash, a small blob pays for one hand-over only, and a run never ends inside a
    /// page-cache folio that the writer is still filling (its writeback would start, and be redone).
    static let handOverSize: Int64 = 4 << 20

    /// `O_TMPFILE` (Linux): an unnamed file in a directory, named later with `linkat`.
    static let openTemporary: Int32 = 0o20_000_000 | O_DIRECTORY

    /// Starts a blob: unnamed if `batched` (its batch records and names it), else with a locked `tmp/` name.
    init(directory: LocalBlobStore, batched: Bool = false) throws {
        self.directory = directory
        self.batched = batched
        blob = RandomIdentifier.make()
        fd = open(directory.tmpPath, Self.openTemporary | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LocalFile.error(errno, path: directory.tmpPath, doing: "create a file in", owner: .store) }
        if batched { return }
        // Lock before the file has a name, so `recover` can never take a live write for a crashed one.
        guard flock(fd, LOCK_EX) == 0, Self.link(from: Self.descriptorPath(fd), to: directory.tmpPath(of: blob)) else {
            let error = LocalFile.error(errno, path: directory.tmpPath, doing: "name a file in", owner: .store)
            Glibc.close(fd)
            throw error
        }
    }

    deinit { discard() }

    /// Appends bytes; they are hashed on the second thread once a run of `handOverSize` has landed.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try FileIO.writeAll(fd, bytes, path: directory.tmpPath(of: blob), owner: .store)
        size += Int64(bytes.count)
        handOver(upTo: size - size % Self.handOverSize)
    }

    /// Queues the bytes written since the last hand-over, up to `end`, for hashing (and writeback).
    private func handOver(upTo end: Int64) {
        guard end > handedOver else { return }
        let hashing = hashing ?? ChunkHasher(fd: fd)
        self.hashing = hashing
        hashing.hash(offset: handedOver, count: Int(end - handedOver))
        handedOver = end
    }

    /// Copies the rest of a local file in, inside the kernel (`copy_file_range`: the bytes never pass through
    /// this process), while the second thread hashes each chunk as it lands.
    /// Returns false, having copied nothing, where the kernel cannot copy between the two files.
    /// Appends to what the blob holds already, and the ETag covers both.
    func copy(from source: Int32, limit: Int64?, progress: ((Int64) throws -> Void)?) throws -> Bool {
        let chunk: Int64 = 16 << 20
        let start = size
        while true {
            // One byte past the limit is asked for, so a body over its grant is noticed.
            let wanted = limit.map { min(chunk, $0 - size + 1) } ?? chunk
            let copied = pail_copy_file_range(source, fd, Int(wanted))
            if copied < 0 {
                if errno == EINTR { continue }
                if size == start, [EXDEV, EINVAL, ENOSYS, EOPNOTSUPP, EBADF].contains(errno) { return false }
                throw LocalFile.error(errno, path: directory.tmpPath(of: blob), doing: "write", owner: .store)
            }
            if copied == 0 { break }
            if let limit, size + Int64(copied) > limit { throw ObjectStore.tooLarge(limit) }
            size += Int64(copied)
            handOver(upTo: size - size % Self.handOverSize)
            try progress?(size)
        }
        return true
    }

    /// Appends a stored blob's bytes; false if it is gone.
    func append(blob stored: String) throws -> Bool {
        let path = directory.path(of: stored)
        let source = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else {
            if errno == ENOENT { return false }
            throw LocalFile.error(errno, path: path, doing: "open", owner: .store)
        }
        defer { Glibc.close(source) }
        try append(contentsOf: source, path: path)
        return true
    }

    /// Appends the rest of an open file: inside the kernel where it can copy between the two, else read and
    /// written here. `path` names the file in errors.
    private func append(contentsOf source: Int32, path: String) throws {
        if try copy(from: source, limit: nil, progress: nil) { return }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ObjectStore.bufferSize, alignment: 16)
        defer { buffer.deallocate() }
        while case let count = try FileIO.read(source, into: buffer, path: path, owner: .store), count > 0 {
            try write(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// Names the blob in `blobs/` (a batched blob is named later, by its batch) and, if `durable`, makes
    /// its bytes and name durable (otherwise the caller syncs the file system before committing); returns
    /// the ETag (MD5 hex), once the last bytes are hashed (while the disk syncs). The blob is not part of
    /// any object until the caller commits it.
    func finish(durable: Bool) throws -> String {
        if hashing != nil { handOver(upTo: size) }
        if durable, fsync(fd) != 0 { throw LocalFile.error(errno, path: directory.tmpPath(of: blob), doing: "fsync", owner: .store) }
        if !batched { try name(durable: durable) }
        guard let hashing else {
            return try FileIO.measure(fd, path: directory.tmpPath(of: blob), owner: .store, bufferSize: Int(size)).etag
        }
        return try hashing.finish()
    }

    /// Gives the blob its name under `blobs/` (from its `tmp/` name, or from the open file if batched);
    /// `durable` makes the name durable at once.
    func name(durable: Bool = false) throws {
        let final = directory.path(of: blob)
        guard Self.link(from: batched ? Self.descriptorPath(fd) : directory.tmpPath(of: blob), to: final) else {
            throw LocalFile.error(errno, path: final, doing: "link", owner: .store)
        }
        named = true
        if durable { try FileIO.syncDirectory((final as NSString).deletingLastPathComponent, owner: .store) }
    }

    /// After the commit: drops the `tmp/` name and the lock, if any; the blob stays.
    func close() {
        guard fd >= 0 else { return }
        if !batched { unlink(directory.tmpPath(of: blob)) }
        Glibc.close(fd)
        fd = -1
    }

    /// Abandons the write: removes the blob, if it was named, and the `tmp/` name.
    func discard() {
        guard fd >= 0 else { return }
        hashing?.cancel()
        if named { directory.remove(blob) }
        close()
    }

    /// The path naming an open file through `/proc` (how an `O_TMPFILE` file gets a name with `linkat`).
    static func descriptorPath(_ fd: Int32) -> String { "/proc/self/fd/\(fd)" }

    static func link(from source: String, to target: String) -> Bool {
        linkat(AT_FDCWD, source, AT_FDCWD, target, AT_SYMLINK_FOLLOW) == 0
    }
}
