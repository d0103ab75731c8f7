import GRDB
import Synchronization

/// Finds the key pair of an access key id for a server that checks a signature on every request, without
/// a database read each time: users' keys are kept while the database is unchanged. A read-only connection
/// of its own asks SQLite's `PRAGMA data_version`, which moves whenever any other connection commits (this
/// process's writer, or another process's `pail users rotate-key`), and any move empties the cache: a
/// replaced key is refused from the next request on.
///
/// ```swift
/// let keys = try store.accessKeyCache()
/// let key = try keys.key(id: "AKPAIL…")   // nil: no such key (any more)
/// ```
package final class AccessKeyCache: Sendable {
    private let presigner: Presigner
    private let connection: DatabaseQueue
    private let cache = Mutex<(version: Int, keys: [String: AccessKey])>((0, [:]))
    /// Ids kept at most (unknown ids are never kept, so only real keys count).
    private static let capacity = 1024

    /// For the root whose database is at `databasePath` (on disk: the connection is a second one).
    init(presigner: Presigner, databasePath: String) throws {
        self.presigner = presigner
        do {
            connection = try DatabaseQueue(path: databasePath, configuration: PailDatabase.readOnlyConfiguration)
        } catch let error as DatabaseError {
            throw PailError(.storageError, "Cannot open the database \(databasePath): \(error.message ?? error.description)")
        }
    }

    /// The key pair of an access key id: the root's, or a user's as the database holds it now.
    package func key(id: String) throws -> AccessKey? {
        if id == presigner.credentials.accessKeyId { return presigner.credentials.accessKey }
        return try connection.pailRead { db in
            // One read transaction: the version and the key come from the same snapshot.
            let version = try Int.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
            if let key = cache.withLock({ $0.version == version ? $0.keys[id] : nil }) { return key }
            guard let key = try AccessKeyTable.key(db, id: id) else { return nil }
            cache.withLock { cache in
                if cache.version != version || cache.keys.count >= Self.capacity { cache = (version, [:]) }
                cache.keys[id] = key
            }
            return key
        }
    }
}
