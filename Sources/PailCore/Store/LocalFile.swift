import Foundation

/// A local file opened for reading, as a streamed upload body; reports its size for the quota check.
public final class LocalFile: ByteSource {
    public let path: String
    public let size: Int64
    private let fd: Int32

    public var fileDescriptor: Int32? { fd }

    public init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw LocalFile.error(errno, path: path, doing: "open") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let error = LocalFile.error(errno, path: path, doing: "stat")
            close(fd)
            throw error
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw PailError(.localFileError, "'\(path)' is not a regular file")
        }
        size = Int64(info.st_size)
        posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
    }

    deinit { close(fd) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try FileIO.read(fd, into: buffer, path: path)
    }

    /// Whose file a failed system call was on: the user's (`LocalFileError`) or the store's (`StorageError`).
    enum Owner {
        case user, store
    }

    /// A clear error for a failed system call on a file; a full disk is `InsufficientStorage` either way.
    static func error(_ code: Int32, path: String, doing action: String, owner: Owner = .user) -> PailError {
        let reason = String(cString: strerror(code))
        switch (code, owner) {
        case (ENOSPC, _), (EDQUOT, _): return PailError(.insufficientStorage, "No space left on the device for \(path)")
        case (ENOENT, .user): return PailError(.localFileError, "No such local file: \(path)")
        case (_, .user): return PailError(.localFileError, "Cannot \(action) \(path): \(reason)")
        case (_, .store): return PailError(.storageError, "The store cannot \(action) \(path): \(reason)")
        }
    }
}
