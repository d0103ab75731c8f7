import Foundation

/// Writes a downloaded object to a local path safely: temporary name, ETag check, fsync, rename, and
/// fsync of the folder.
/// An interrupted or corrupt download never leaves a partial file under the target's name.
enum DownloadFile {
    static func write(_ body: ObjectBody, to target: String, progress: (Int64) -> Void) throws {
        let directory = (target as NSString).deletingLastPathComponent
        let folder = directory.isEmpty ? "." : directory
        let temporary = folder + "/.pail-download-\(UUID().uuidString).part"
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
        var hasher = ETagHasher()
        var done: Int64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: ObjectStore.bufferSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try body.read(into: buffer)
            if count == 0 { break }
            let bytes = UnsafeRawBufferPointer(rebasing: buffer[..<count])
            hasher.update(bytes)
            try FileIO.writeAll(fd, bytes, path: temporary)
            done += Int64(count)
            progress(done)
        }
        guard done == body.object.size, hasher.finalize() == body.object.etag else {
            throw PailError(.storageError, "The stored bytes of \(body.object.key) do not match their ETag; nothing was written")
        }
        guard fsync(fd) == 0 else { throw LocalFile.error(errno, path: temporary, doing: "fsync") }
        guard rename(temporary, target) == 0 else { throw LocalFile.error(errno, path: target, doing: "write") }
        keep = true
        try FileIO.syncDirectory(folder)  // the new name survives a power cut
    }
}
