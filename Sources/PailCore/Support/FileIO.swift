import Crypto
import Foundation

/// Small system-call helpers shared by the blob writer and the download client.
enum FileIO {
    /// Flushes a directory's entries to disk, so a new name survives a power cut.
    static func syncDirectory(_ path: String, owner: LocalFile.Owner = .user) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw LocalFile.error(errno, path: path, doing: "open", owner: owner) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw LocalFile.error(errno, path: path, doing: "fsync", owner: owner) }
    }

    /// Reads what is available, up to the buffer's size, retrying interrupts; 0 at the end of the file.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String, owner: LocalFile.Owner = .user) throws -> Int {
        while true {
            let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw LocalFile.error(errno, path: path, doing: "read", owner: owner) }
        }
    }

    /// Reads an open file from its start (`pread`: the file's offset does not move) to its end: its size
    /// and MD5 (the ETag its bytes have now), read `bufferSize` bytes at a time. `progress` is told the
    /// bytes read so far.
    static func measure(
        _ fd: Int32, path: String, owner: LocalFile.Owner, bufferSize: Int = ObjectStore.bufferSize, progress: (Int64) -> Void = { _ in }
    ) throws -> (size: Int64, etag: String) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bufferSize, 1), alignment: 16)
        defer { buffer.deallocate() }
        var hasher = ETagHasher()
        var size: Int64 = 0
        while true {
            let count = pread(fd, buffer.baseAddress, buffer.count, off_t(size))
            if count < 0 {
                if errno == EINTR { continue }
                throw LocalFile.error(errno, path: path, doing: "read", owner: owner)
            }
            if count == 0 { return (size, hasher.finalize()) }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            size += Int64(count)
            progress(size)
        }
    }

    /// Writes all of `bytes` to `fd`, retrying short writes and interrupts.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String, owner: LocalFile.Owner = .user) throws {
        var offset = 0
        while offset < bytes.count {
            let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw LocalFile.error(errno, path: path, doing: "write", owner: owner)
            }
            offset += written
        }
    }
}

/// The MD5 of a stream of bytes as an S3 ETag (lowercase hex).
struct ETagHasher {
    private var md5 = Insecure.MD5()

    mutating func update(_ bytes: UnsafeRawBufferPointer) { md5.update(bufferPointer: bytes) }

    func finalize() -> String { Hex.lowercase(md5.finalize()) }
}
