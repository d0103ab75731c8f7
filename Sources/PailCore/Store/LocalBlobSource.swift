import Foundation

/// A blob's file opened for reading: streamed reads and positioned ones (`pread`, from any thread). The
/// open file stays readable even if the blob is removed meanwhile.
final class LocalBlobSource: BlobSource {
    private let fd: Int32
    private let path: String

    /// Opens the file at `path`; `NoSuchKey` if it is gone (the object was replaced after its metadata was
    /// read), a `StorageError` if it exists but cannot be opened.
    init(path: String, blob: String) throws {
        guard let fd = try Self.openFile(path) else { throw PailError(.noSuchKey, "The blob \(blob) is not in the store (\(path))") }
        self.path = path
        self.fd = fd
    }

    /// Opens a blob's file for reading from start to end; nil if it is gone, a `StorageError` if it exists but
    /// cannot be opened. The caller closes the descriptor.
    static func openFile(_ path: String) throws -> Int32? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw LocalFile.error(errno, path: path, doing: "open", owner: .store)
        }
        posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        return fd
    }

    deinit { close(fd) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try FileIO.read(fd, into: buffer, path: path, owner: .store)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
        while true {
            let count = pread(fd, buffer.baseAddress, buffer.count, off_t(offset))
            if count >= 0 { return count }
            if errno != EINTR { throw LocalFile.error(errno, path: path, doing: "read", owner: .store) }
        }
    }
}
