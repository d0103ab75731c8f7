import Foundation
import PailCore

/// A vault file fetched for a program of the user's (a pager, an editor): a private copy, mode 0600 in a
/// folder of its own (0700) under `$TMPDIR` named after the process (`pail-open-<pid>-XXXXXX`, so the
/// next start can tell a killed process's leftover), the copy named after the file; what it was when
/// fetched tells whether the editor changed it.
struct OpenedFile: Sendable, Equatable {
    enum Purpose: Sendable, Equatable {
        /// Read-only, with `$PAGER`.
        case view
        /// With `$VISUAL` or `$EDITOR`; changes are uploaded back if the user says so.
        case edit
    }

    /// The file's path in the vault.
    let remote: String
    /// The private folder the copy is in; removed with it.
    let folder: String
    /// The copy.
    let local: String
    /// The vault's ETag of the fetched bytes: if the vault's file has another one at upload time, it changed meanwhile.
    let etag: String
    /// The copy's size and MD5 as fetched.
    let size: Int64
    let md5: String
    let purpose: Purpose

    /// The prefix of the private folders, so a left-over one is recognisable.
    static let folderPrefix = "pail-open-"

    /// Fetches `remote` into a new private folder under `temporaryDirectory`.
    static func fetch(
        engine: Engine, user: String, remote: String, purpose: Purpose, temporaryDirectory: String,
        progress: @escaping TransferClient.ProgressHandler
    ) throws -> OpenedFile {
        let path = try RemotePath(remote)
        let name = folderPrefix + "\(ProcessInfo.processInfo.processIdentifier)-XXXXXX"
        var template = Array((temporaryDirectory + "/" + name).utf8CString)
        guard let made = mkdtemp(&template) else {
            throw PailError(.localFileError, "Cannot make a private folder in \(temporaryDirectory): \(String(cString: strerror(errno)))")
        }
        let folder = String(cString: made)
        do {
            let local = folder + "/" + path.name
            let fetched = try TransferClient(engine: engine).fetch(user: user, remote: path, local: local, progress: progress)
            guard let object = fetched.first?.object else { throw PailError(.noSuchKey, "No such file: \(remote)") }
            guard chmod(local, 0o600) == 0 else {
                throw PailError(.localFileError, "Cannot make \(local) private: \(String(cString: strerror(errno)))")
            }
            let measured = try LocalFile.measure(path: local)
            return OpenedFile(
                remote: remote, folder: folder, local: local, etag: object.etag, size: measured.size, md5: measured.md5, purpose: purpose)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    /// The copy's size now if the editor changed it (another size or hash), nil if not.
    func changedSize() throws -> Int64? {
        let now = try LocalFile.measure(path: local)
        return now.size == size && now.md5 == md5 ? nil : now.size
    }

    /// Removes the copy and its private folder.
    func remove() throws {
        guard (folder as NSString).lastPathComponent.hasPrefix(Self.folderPrefix) else { return }
        do {
            try FileManager.default.removeItem(atPath: folder)
        } catch {
            throw PailError(.localFileError, "Cannot remove the private copy \(local): \(error.localizedDescription)")
        }
    }
}
