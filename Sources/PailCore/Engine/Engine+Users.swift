import Foundation

/// A user removed with everything they stored (`pail users remove NAME --delete-files`).
public struct RemovedUser: Sendable, Codable, Equatable {
    public let user: User
    /// The files deleted, and their bytes.
    public let files: Int
    public let bytes: Int64
}

extension Engine {
    /// Removes `name` after deleting what they store: each file through the Delete flow (as `pail rm -r`
    /// would, with its workflow run and events), applied at once, then their old versions and deleted
    /// files for good (`pail purge`). An upload that arrives meanwhile, or an incomplete multipart upload,
    /// leaves the user in place with `UserNotEmpty`.
    public func removeUser(_ name: String, deletingFiles: Bool) throws -> RemovedUser {
        guard deletingFiles else { return RemovedUser(user: try api.removeUser(name), files: 0, bytes: 0) }
        try UserDirectory.validate(name: name)
        guard try database.read({ try users.get($0, name) }) != nil else {
            return RemovedUser(user: try api.removeUser(name), files: 0, bytes: 0)
        }
        _ = try waitUntilIdle()  // the inventory lists every file the store holds
        var files = 0
        var bytes: Int64 = 0
        try api.forEachFile(user: name) { entry in
            files += 1
            bytes += entry.size
        }
        let top = try api.listFolder(user: name, folder: nil)
        for folder in top.folders { _ = try api.delete(user: name, path: RemotePath(folder + "/"), recursive: true) }
        for file in top.files { _ = try api.delete(user: name, path: RemotePath(file.path)) }
        _ = try waitUntilIdle()
        _ = try api.purge(user: name)
        return RemovedUser(user: try api.removeUser(name), files: files, bytes: bytes)
    }
}
