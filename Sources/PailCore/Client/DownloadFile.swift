import Foundation

/// Writes a downloaded object to its local target safely: to a file through a temporary name, ETag
/// check, the file's modification time (the object's `fileModified`), fsync, rename and fsync of the folder; to standard output as it streams (checked at the end).
/// An interrupted or corrupt download never leaves a partial file under the target's name; a temporary
/// file left by a killed download is removed by the next Pail process that writes into that folder.
enum DownloadFile {
    /// The prefix of the hidden temporary files downloads write first.
    static let temporaryPrefix = ".pail-download-"

    static func write(_ body: ObjectBody, to target: LocalTarget, progress: (Int64) throws -> Void) throws {
        switch target {
        case .standardOutput:
            try stream(body, to: STDOUT_FILENO, path: "standard output", progress: progress)
        case .file(let path):
            try writeFile(body, to: path, progress: progress)
        }
    }

    private static func writeFile(_ body: ObjectBody, to target: String, progress: (Int64) throws -> Void) throws {
        let folder = LocalPath.parent(of: target)
        removeAbandonedTemporaries(in: folder)
        let temporary = LocalPath.joined(folder, temporaryPrefix + "\(getpid())-\(RandomIdentifier.make()).part")
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            // Name what the user gave, not the temporary file they never asked for.
            let code = errno
            if code == ENOENT { throw PailError(.localFileError, "No such local folder: \(folder)") }
            throw LocalFile.error(code, path: target, doing: "create")
        }
        var keep = false
        defer {
            close(fd)
            if !keep { unlink(temporary) }
        }
        // Held while the file is written: a later process removes only temporaries nobody holds.
        _ = flock(fd, LOCK_EX | LOCK_NB)
        try stream(body, to: fd, path: temporary, progress: progress)
        try setModified(fd, body.object.fileModified, path: temporary)
        guard fsync(fd) == 0 else { throw LocalFile.error(errno, path: temporary, doing: "fsync") }
        guard rename(temporary, target) == 0 else { throw LocalFile.error(errno, path: target, doing: "write") }
        keep = true
        try FileIO.syncDirectory(folder)  // the new name survives a power cut
    }

    /// Sets the file's access and modification times to `date`, as `cp -p` does.
    private static func setModified(_ fd: Int32, _ date: Date, path: String) throws {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let time = timespec(tv_sec: Int(seconds), tv_nsec: min(999_999_999, Int((date.timeIntervalSince1970 - seconds) * 1e9)))
        var times = [time, time]
        guard futimens(fd, &times) == 0 else { throw LocalFile.error(errno, path: path, doing: "set the modification time of") }
    }

    /// Copies the body to `fd`, then checks size and MD5 (the ETag, unless the object was completed from parts).
    private static func stream(_ body: ObjectBody, to fd: Int32, path: String, progress: (Int64) throws -> Void) throws {
        var hasher = ETagHasher()
        var done: Int64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ObjectStore.bufferSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try body.read(into: buffer)
            if count == 0 { break }
            let bytes = UnsafeRawBufferPointer(rebasing: buffer[..<count])
            hasher.update(bytes)
            try FileIO.writeAll(fd, bytes, path: path)
            done += Int64(count)
            try progress(done)
        }
        guard done == body.object.size, hasher.finalize() == body.md5 else {
            throw PailError(.storageError, "The stored bytes of \(body.object.key) do not match their ETag; nothing was written")
        }
    }

    /// Removes the temporary files of downloads that were killed part-way: the process named in the file's
    /// name is gone and nobody holds its lock.
    static func removeAbandonedTemporaries(in folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(temporaryPrefix) && name.hasSuffix(".part") {
            let pid = name.dropFirst(temporaryPrefix.count).prefix { $0 != "-" }
            guard let pid = Int32(pid), kill(pid, 0) != 0, errno == ESRCH else { continue }
            let path = LocalPath.joined(folder, name)
            let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            guard fd >= 0 else { continue }
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { unlink(path) }
            close(fd)
        }
    }
}
