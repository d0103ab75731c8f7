import Foundation

/// What `Engine.rebuild` did: where the damaged database went, and the files it recovered.
public struct RebuildReport: Sendable {
    /// The damaged database's new name, or nil if there was none (it was missing).
    public let setAside: String?
    /// The recovered files, `<user>/recovered/<blob id>`, in blob order.
    public let recovered: [ObjectMetadata]
}

extension Engine {
    /// The folder of a user's vault that recovered files go to.
    public static let recoveredFolder = "recovered/"

    /// Recovers a root whose database is lost or unreadable (`CorruptRoot`): sets the damaged database
    /// aside as `pail.sqlite.damaged-<time>`, starts a new one, and brings back every blob as a file of
    /// `user` at `recovered/<blob id>`, through the store (its size and ETag measured again, its event
    /// published, so the inventory and the quota follow). Names and folders cannot be recovered: only
    /// the database knew them. A root that is not damaged is refused: its database is not thrown away.
    public static func rebuild(root: String, user: String, options: EngineOptions = EngineOptions()) throws -> (Engine, RebuildReport) {
        try UserDirectory.validate(name: user)
        let databasePath = "\(root)/pail.sqlite"
        let setAside: String?
        let blobs = LocalBlobStore(root: root)
        do {
            try RootDamage.refuseLostDatabase(databasePath, blobs: blobs)
            _ = try PailDatabase.open(at: databasePath)
            throw PailError(.invalidArgument, "The database \(databasePath) is not damaged: there is nothing to rebuild")
        } catch let error as PailError where error.code == .corruptRoot {
            setAside = try PailDatabase.withExclusiveLock(databasePath + ".lock") {
                try setDatabaseAside(databasePath, now: options.clock.now())
            }
        }
        _ = try PailDatabase.open(at: databasePath)
        // Every blob is kept: a write that crashed after its commit left a tmp/ name for a blob the lost
        // database held.
        try blobs.recover { _ in true }
        let engine = try Engine.open(root: root, options: options)
        try engine.api.ensureUser(user)
        let folder = try RemotePath(recoveredFolder)
        var recovered: [ObjectMetadata] = []
        let stored = try engine.store.blobs.list().sorted()
        for start in stride(from: 0, to: stored.count, by: 256) {
            recovered += try engine.store.adopt(stored[start..<min(start + 256, stored.count)].map { ($0, folder.key(for: user) + $0) })
        }
        try engine.waitUntilIdle()
        return (engine, RebuildReport(setAside: setAside, recovered: recovered))
    }

    /// Renames the database (and its WAL) to `<path>.damaged-<time>`, drops its shared-memory index;
    /// returns the new name, or nil if there was no database.
    private static func setDatabaseAside(_ path: String, now: Date) throws -> String? {
        let aside = "\(path).damaged-\(SigV4.amzDate(now))"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        for (from, to) in [(path, aside), (path + "-wal", aside + "-wal")] where FileManager.default.fileExists(atPath: from) {
            guard rename(from, to) == 0 else { throw LocalFile.error(errno, path: from, doing: "rename", owner: .store) }
        }
        unlink(path + "-shm")
        return aside
    }
}
