import Synchronization

/// Finds the key pair of an access key id for a server that checks a signature on every request, without
/// a database read each time: users' keys are kept while the database is unchanged. The database's change
/// version moves whenever anyone commits (this process's writer, or another process's `pail users
/// rotate-key`), and any move empties the cache: a replaced key is refused from the next request on.
///
/// ```swift
/// let keys = try store.accessKeyCache()
/// let key = try keys.key(id: "AKPAIL…")   // nil: no such key (any more)
/// ```
package final class AccessKeyCache: Sendable {
    private let presigner: Presigner
    private let database: any SQLDatabase
    private let cache: Mutex<(version: Int64, keys: [String: AccessKey])>
    /// Ids kept at most (unknown ids are never kept, so only real keys count).
    private static let capacity = 1024

    /// For the root whose database is `database`; fails if it cannot be read.
    init(presigner: Presigner, database: any SQLDatabase) throws {
        self.presigner = presigner
        self.database = database
        let version = try database.changeVersion()
        cache = Mutex((version: version, keys: [:]))
    }

    /// The key pair of an access key id: the root's, or a user's as the database holds it now.
    package func key(id: String) throws -> AccessKey? {
        if id == presigner.credentials.accessKeyId { return presigner.credentials.accessKey }
        // The version before the key: a key read after it is at least as new, so it is kept under that version
        // only while nothing has committed since.
        let version = try database.changeVersion()
        if let key = cache.withLock({ $0.version == version ? $0.keys[id] : nil }) { return key }
        guard let key = try database.read({ try AccessKeyTable.key($0, id: id) }) else { return nil }
        cache.withLock { cache in
            if cache.version != version || cache.keys.count >= Self.capacity { cache = (version, [:]) }
            cache.keys[id] = key
        }
        return key
    }
}
