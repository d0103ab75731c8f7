import Foundation

/// A small file of settings that several UIs may change at once (config.toml, the root's tree-sort.json):
/// each change reads the file and writes it whole while holding a lock on its folder (`flock`, dropped by the
/// kernel if the process dies), so no change is lost to another's; the new text goes to a temporary file
/// beside it, is made durable (`fsync`) and renamed over the file, then the folder is synced: a crash leaves
/// the old file or the new one, never a torn one.
///
/// ```swift
/// try SettingsFile(path: root + "/tree-sort.json").update { old in try encode(change(decode(old))) }
/// ```
public struct SettingsFile: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    var folder: String { (path as NSString).deletingLastPathComponent }

    /// Calls `change` with the file's bytes (nil if there is no file) and writes what it returns; the folder
    /// is made if missing. Nothing is written if `change` throws. Throws `LocalFileError`.
    public func update(_ change: (Data?) throws -> Data) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw PailError(.localFileError, "Cannot make the folder \(folder): \(error.localizedDescription)")
        }
        let lock = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard lock >= 0 else { throw failure("open the folder of") }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else { throw failure("lock the folder of") }
        }
        let old: Data?
        if FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else { throw PailError(.localFileError, "Cannot read \(path)") }
            old = data
        } else {
            old = nil
        }
        try replace(with: change(old))
    }

    /// Writes `data` to a temporary file beside the file (with the file's mode), syncs it, renames it over the
    /// file, syncs the folder.
    private func replace(with data: Data) throws {
        let name = (path as NSString).lastPathComponent
        let temporary = "\(folder)/.\(name).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString.prefix(8)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("create a temporary file to replace") }
        do {
            defer { close(fd) }
            var old = stat()
            if stat(path, &old) == 0 { _ = fchmod(fd, old.st_mode & 0o777) }  // a private file stays private
            try data.withUnsafeBytes { try FileIO.writeAll(fd, $0, path: temporary) }
            guard fsync(fd) == 0 else { throw LocalFile.error(errno, path: temporary, doing: "sync") }
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = failure("replace")
            unlink(temporary)
            throw error
        }
        try FileIO.syncDirectory(folder)
    }

    private func failure(_ doing: String) -> PailError {
        PailError(.localFileError, "Cannot \(doing) \(path): \(String(cString: strerror(errno)))")
    }
}
