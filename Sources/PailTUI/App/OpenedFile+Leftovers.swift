import Foundation

/// The private folders of a pail that was killed while a pager or an editor had a copy open: each folder's
/// name records its process (`pail-open-<pid>-XXXXXX`), and the next UI to start removes those whose
/// process is gone. A folder of a running process (or one of another user, or named otherwise) is kept.
extension OpenedFile {
    /// The process that made a private folder named `name`; nil for a name that records none.
    static func owner(ofFolderNamed name: String) -> pid_t? {
        guard name.hasPrefix(folderPrefix) else { return nil }
        let rest = name.dropFirst(folderPrefix.count)
        guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0 else { return nil }
        return pid
    }

    /// Whether a process with this id is running (one of another user's counts: it cannot be signalled).
    static func isRunning(_ pid: pid_t) -> Bool { kill(pid, 0) == 0 || errno == EPERM }

    /// Removes the user's private folders under `temporaryDirectory` whose process is gone; returns their paths.
    @discardableResult
    static func removeLeftovers(in temporaryDirectory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporaryDirectory)) ?? []
        return names.compactMap { name in
            guard let pid = owner(ofFolderNamed: name), !isRunning(pid) else { return nil }
            let path = temporaryDirectory + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid() else { return nil }
            return (try? FileManager.default.removeItem(atPath: path)) == nil ? nil : path
        }
    }
}
