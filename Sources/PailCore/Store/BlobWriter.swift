import CLinux
import Foundation

/// Writes one blob: streams bytes in while a second thread hashes them (MD5, the ETag) as they land
/// and starts their writeback, then makes the file durable and gives it its name. A blob smaller than
/// `handOverSize` never starts the second thread: its bytes are read back and hashed when it finishes.
/// Used by one thread at a time.
final class BlobWriter {
    let blob: String
    private(set) var size: Int64 = 0
    private let directory: BlobDirectory
    private var fd: Int32
    /// Made at the first hand-over.
    private var hashing: ChunkHasher?
    /// The bytes before this offset are queued for hashing.
    private var handedOver: Int64 = 0

    /// Written bytes are handed to the hashing thread in runs ending at multiples of this size: the writer
    /// never waits for the hash, a small blob pays for one hand-over only, and a run never ends inside a
    /// page-cache folio that the writer is still filling (its writeback would start, and be redone).
    static let handOverSize: Int64 = 4 << 20

    /// `O_TMPFILE` (Linux): an unnamed file in a directory, named later with `linkat`.
    private static let openTemporary: Int32 = 0o20_000_000 | O_DIRECTORY

    init(directory: BlobDirectory) throws {
        self.directory = directory
        blob = RandomIdentifier.make()
        fd = open(directory.tmpPath, Self.openTemporary | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LocalFile.error(errno, path: directory.tmpPath, doing: "create a file in", owner: .store) }
        // Lock before the file has a name, so `recover` can never take a live write for a crashed one.
        guard flock(fd, LOCK_EX) == 0, Self.link(from: "/proc/self/fd/\(fd)", to: directory.tmpPath(of: blob)) else {
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

    /// Appends the rest of an open file: inside the kernel where it can copy between the two, else read and
    /// written here. `path` names the file in errors.
    func append(contentsOf source: Int32, path: String) throws {
        if try copy(from: source, limit: nil, progress: nil) { return }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ObjectStore.bufferSize, alignment: 16)
        defer { buffer.deallocate() }
        while case let count = try FileIO.read(source, into: buffer, path: path, owner: .store), count > 0 {
            try write(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// Names the blob in `blobs/` and, if `durable`, makes its bytes and name durable (otherwise the
    /// caller syncs the file system before committing); returns the ETag (MD5 hex), once the last bytes
    /// are hashed (while the disk syncs). The blob is not part of any object until the caller commits it.
    func finish(durable: Bool) throws -> String {
        if hashing != nil { handOver(upTo: size) }
        if durable, fsync(fd) != 0 { throw LocalFile.error(errno, path: directory.tmpPath(of: blob), doing: "fsync", owner: .store) }
        let final = directory.path(of: blob)
        let shard = (final as NSString).deletingLastPathComponent
        guard Self.link(from: directory.tmpPath(of: blob), to: final) else {
            throw LocalFile.error(errno, path: final, doing: "link", owner: .store)
        }
        if durable { try FileIO.syncDirectory(shard, owner: .store) }
        guard let hashing else {
            return try FileIO.measure(fd, path: directory.tmpPath(of: blob), owner: .store, bufferSize: Int(size)).etag
        }
        return try hashing.finish()
    }

    /// After the commit: drops the `tmp/` name and the lock; the blob stays.
    func close() {
        guard fd >= 0 else { return }
        unlink(directory.tmpPath(of: blob))
        Glibc.close(fd)
        fd = -1
    }

    /// Abandons the write: removes the blob and the `tmp/` name.
    func discard() {
        guard fd >= 0 else { return }
        hashing?.cancel()
        directory.remove(blob)
        close()
    }

    private static func link(from source: String, to target: String) -> Bool {
        linkat(AT_FDCWD, source, AT_FDCWD, target, AT_SYMLINK_FOLLOW) == 0
    }
}
