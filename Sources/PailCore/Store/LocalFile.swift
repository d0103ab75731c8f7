import Foundation

/// A local file opened for reading, as a streamed upload body; reports its size for the quota check.
///
/// Only regular files are opened: a FIFO, socket or device is refused before `open` could block on it.
/// A file that reports no size (a pseudo-file such as those in `/proc`) is read whole, and its size is
/// what was read.
public final class LocalFile: ByteSource {
    public let path: String
    public let size: Int64
    /// The file's modification time when it was opened.
    public let modified: Date
    private let fd: Int32
    /// The contents of a pseudo-file, read when it was opened; nil for an ordinary file.
    private let contents: [UInt8]?
    private var offset = 0

    /// The most a pseudo-file may hold (they are read into memory).
    static let pseudoFileLimit = 16 << 20

    public var fileDescriptor: Int32? { contents == nil ? fd : nil }

    public init(path: String) throws {
        self.path = path
        if case .special(let what) = LocalPath.kind(of: path, followingLinks: true) {
            throw PailError(.invalidArgument, "\(path) is \(what); Pail uploads only regular files")
        }
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw LocalFile.error(errno, path: path, doing: "open") }
        var info = stat()
        do {
            guard fstat(fd, &info) == 0 else { throw LocalFile.error(errno, path: path, doing: "stat") }
            switch LocalPath.kind(mode: info.st_mode) {
            case .file: break
            case .folder: throw PailError(.localFileError, "\(path) is a folder")
            case .special(let what): throw PailError(.invalidArgument, "\(path) is \(what); Pail uploads only regular files")
            case .missing: throw PailError(.localFileError, "No such local file: \(path)")
            }
            _ = fcntl(fd, F_SETFL, O_RDONLY)  // blocking reads from here on
            contents = info.st_size == 0 ? try Self.readPseudoFile(fd, path: path) : nil
        } catch {
            close(fd)
            throw error
        }
        size = contents.map { Int64($0.count) } ?? Int64(info.st_size)
        modified = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
        if contents == nil { posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL) }
    }

    deinit { close(fd) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let contents else { return try FileIO.read(fd, into: buffer, path: path) }
        let count = min(buffer.count, contents.count - offset)
        contents.withUnsafeBytes { bytes in buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])) }
        offset += count
        return count
    }

    /// Reads a file that reported a size of 0: empty, or a pseudo-file whose size is known only by reading it.
    private static func readPseudoFile(_ fd: Int32, path: String) throws -> [UInt8]? {
        var contents: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 16)
        defer { buffer.deallocate() }
        while case let count = try FileIO.read(fd, into: buffer, path: path), count > 0 {
            contents += buffer[..<count]
            guard contents.count <= pseudoFileLimit else {
                throw PailError(
                    .entityTooLarge,
                    "\(path) reports no size but holds over \(ByteSize.format(Int64(pseudoFileLimit))); copy it to a file first")
            }
        }
        return contents.isEmpty ? nil : contents
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
