import Foundation

/// An object's bytes opened for reading, with its metadata. Reads stream; the file stays readable
/// even if the object is deleted meanwhile. Positioned reads (`read(into:at:)`) may come from any thread.
public final class ObjectBody: ByteSource, @unchecked Sendable {
    public let object: ObjectMetadata
    /// The MD5 of the bytes, lowercase hex: the ETag, except for an object completed from parts, whose
    /// ETag is S3's multipart one and whose MD5 was recorded when its parts were assembled.
    public let md5: String
    private let fd: Int32
    private let path: String

    /// Opens the blob; nil if it is gone (the object was replaced after its metadata was read), and a
    /// `StorageError` if it exists but cannot be opened.
    init?(object: ObjectMetadata, md5: String, path: String) throws {
        self.object = object
        self.md5 = md5
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let failure = errno
            if failure == ENOENT { return nil }
            throw PailError(.storageError, "Cannot open the bytes of \(object.key) (\(path)): \(String(cString: strerror(failure)))")
        }
        posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
    }

    deinit { close(fd) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try FileIO.read(fd, into: buffer, path: path, owner: .store)
    }

    /// Reads up to `buffer.count` bytes from `offset` (0 at the end), without moving the stream position.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
        while true {
            let count = pread(fd, buffer.baseAddress, buffer.count, off_t(offset))
            if count >= 0 { return count }
            if errno != EINTR { throw LocalFile.error(errno, path: path, doing: "read", owner: .store) }
        }
    }
}
