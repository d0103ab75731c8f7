import CLinux
import Foundation

/// Writes one blob: streams bytes in, hashes them (MD5, the ETag) as they are written,
/// then makes the file durable and gives it its name. Used by one thread at a time.
final class BlobWriter {
    let blob: String
    private(set) var size: Int64 = 0
    private var hasher = ETagHasher()
    private let directory: BlobDirectory
    private var fd: Int32

    /// `O_TMPFILE` (Linux): an unnamed file in a directory, named later with `linkat`.
    private static let openTemporary: Int32 = 0o20_000_000 | O_DIRECTORY

    init(directory: BlobDirectory) throws {
        self.directory = directory
        blob = RandomIdentifier.make()
        fd = open(directory.tmpPath, Self.openTemporary | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LocalFile.error(errno, path: directory.tmpPath, doing: "create a file in", owner: .store) }
        // Lock before the file has a name, so `recover` can never take a live write for a crashed one.
        guard flock(fd, LOCK_EX) == 0, link(from: "/proc/self/fd/\(fd)", to: directory.tmpPath(of: blob)) else {
            let error = LocalFile.error(errno, path: directory.tmpPath, doing: "name a file in", owner: .store)
            Glibc.close(fd)
            throw error
        }
    }

    deinit { discard() }

    /// Appends bytes, hashing them on the way.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        hasher.update(bytes)
        try FileIO.writeAll(fd, bytes, path: directory.tmpPath(of: blob), owner: .store)
        size += Int64(bytes.count)
    }

    /// Copies the rest of a local file in, inside the kernel (`copy_file_range`: the bytes never pass through
    /// this process), while a second thread hashes each chunk as it lands, reading the blob's own pages:
    /// one pass over the data on both cores, and the ETag is of exactly the bytes stored.
    /// Returns false, having copied nothing, where the kernel cannot copy between the two files.
    /// Appends to what the blob holds already, and the ETag covers both.
    func copy(from source: Int32, limit: Int64?, progress: ((Int64) -> Void)?) throws -> Bool {
        let chunk: Int64 = 16 << 20
        let start = size
        let hashing = ChunkHasher(fd: fd, continuing: hasher)
        defer { hasher = hashing.finish() ?? hasher }
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
            hashing.hash(offset: size, count: copied)
            _ = pail_start_writeback(fd, size, Int64(copied))
            size += Int64(copied)
            progress?(size)
        }
        if let failure = hashing.failure { throw failure }
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
    /// caller syncs the file system before committing); returns the ETag (MD5 hex).
    /// The blob is not part of any object until the caller commits it.
    func finish(durable: Bool) throws -> String {
        if durable, fsync(fd) != 0 { throw LocalFile.error(errno, path: directory.tmpPath(of: blob), doing: "fsync", owner: .store) }
        let final = directory.path(of: blob)
        let shard = (final as NSString).deletingLastPathComponent
        guard link(from: directory.tmpPath(of: blob), to: final) else {
            throw LocalFile.error(errno, path: final, doing: "link", owner: .store)
        }
        if durable { try FileIO.syncDirectory(shard, owner: .store) }
        return hasher.finalize()
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
        directory.remove(blob)
        close()
    }

    private func link(from source: String, to target: String) -> Bool {
        linkat(AT_FDCWD, source, AT_FDCWD, target, AT_SYMLINK_FOLLOW) == 0
    }
}
