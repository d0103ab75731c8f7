import Foundation

/// Versions and the trash, as the front door offers them: every overwrite and delete keeps the previous
/// object for the user's retention, and any of it can be listed, restored or purged.
extension FileAPI {
    /// Every version of a file, the current one (or the delete marker of a deleted file) first.
    /// `NoSuchKey` if the store has never kept anything at that path.
    public func versions(user: String, path: RemotePath) throws -> [ObjectVersion] {
        let key = try fileKey(user: user, path)
        let versions = try database.read { try store.versions($0, key: key) }
        guard !versions.isEmpty else { throw PailError(.noSuchKey, "No such file, and no old versions of it: \(path)") }
        return versions
    }

    /// The deleted files under `prefix` (everything without one) that can still be restored, in path order.
    public func trash(user: String, prefix: RemotePath? = nil) throws -> [TrashEntry] {
        try ensureUser(user)
        let begins = prefix.map { $0.key(for: user) } ?? "\(user)/"
        return try database.read { try store.trash($0, prefix: begins) }
    }

    /// Brings back a version of a file as its current version: `versionId`, or else the most recently
    /// replaced one (for a deleted file, what was deleted). A folder path (or a path that names no file
    /// but a deleted folder) restores every deleted file under it. The restored files reach the
    /// inventory through the usual `Object Created` events and workflows.
    @discardableResult
    public func restore(user: String, path: RemotePath, versionId: String? = nil) throws -> [ObjectMetadata] {
        let key = try fileKey(user: user, path)
        let folder = path.asFolder.key(for: user)
        let restored = try database.write { db -> [ObjectMetadata] in
            if !path.isFolder, try !store.versions(db, key: key).isEmpty {
                return [try store.restore(db, key: key, versionId: versionId)]
            }
            let deleted = try store.trash(db, prefix: folder)
            guard !deleted.isEmpty else {
                throw PailError(.noSuchKey, "Nothing to restore at \(path): no old versions and nothing in the trash")
            }
            guard versionId == nil else {
                throw PailError(.invalidArgument, "\(path) is a folder: a version id names a version of one file")
            }
            return try deleted.map { try store.restore(db, key: $0.key, versionId: $0.versionId) }
        }
        changes.notify()
        return restored
    }

    /// Undoes the write that made `versionId` the current version of a file (an upload, a copy or a
    /// restore): what it replaced becomes current again, or, if it replaced nothing, the file is deleted
    /// (and so kept in the trash). `Conflict` if the file has changed since.
    @discardableResult
    public func revert(user: String, path: RemotePath, versionId: String) throws -> RevertOutcome {
        let key = try fileKey(user: user, path)
        let outcome = try database.write { db -> RevertOutcome in
            guard let current = try store.head(db, key: key), current.versionId == versionId else {
                throw PailError(.conflict, "\(path) has changed since (its version \(versionId) is no longer current)")
            }
            if let replaced = try store.versions(db, key: key).dropFirst().first, !replaced.isDeleteMarker {
                return .restored(try store.restore(db, key: key, versionId: replaced.versionId))
            }
            try store.delete(db, key: key)
            return .deleted
        }
        changes.notify()
        return outcome
    }

    /// Restores what was deleted at or after `since` under `path` (a file, or a folder ending in `/`):
    /// the undo of one delete. `NoSuchKey` if nothing deleted then is in the trash (the delete may not
    /// be applied yet).
    @discardableResult
    public func restoreDeleted(user: String, path: RemotePath, since: Date) throws -> [ObjectMetadata] {
        let key = try fileKey(user: user, path)
        let restored = try database.write { db -> [ObjectMetadata] in
            let deleted = try store.trash(db, prefix: key).filter { $0.deleted >= since && (path.isFolder || $0.key == key) }
            guard !deleted.isEmpty else {
                throw PailError(
                    .noSuchKey, "Nothing deleted at \(path) since \(Timestamps.iso8601(since)) is in the trash (is the delete applied yet?)"
                )
            }
            return try deleted.map { try store.restore(db, key: $0.key, versionId: $0.versionId) }
        }
        changes.notify()
        return restored
    }

    /// Removes for good the old versions and deleted files under `prefix` (everything without one)
    /// that were replaced more than `olderThan` seconds ago (all of them without it).
    @discardableResult
    public func purge(user: String, prefix: RemotePath? = nil, olderThan: Int? = nil) throws -> PurgeReport {
        try ensureUser(user)
        let begins = prefix.map { $0.key(for: user) } ?? "\(user)/"
        let cutoff = olderThan.map { clock.now().addingTimeInterval(-TimeInterval($0)) } ?? .distantFuture
        let report = try database.write { try store.purge($0, prefix: begins, replacedBefore: cutoff) }
        store.collectGarbage()
        changes.notify()
        return report
    }

    /// Sets how long a user's old versions are kept (nil: the vault's default; 0: none are kept).
    public func setRetention(user: String, seconds: Int?) throws -> User {
        try database.write { try users.setRetention($0, user, seconds: seconds) }
    }

    /// Sets how long old versions are kept for users who did not choose.
    public func setDefaultRetention(seconds: Int) throws {
        try database.write { try users.setDefaultRetention($0, seconds: seconds) }
    }
}
