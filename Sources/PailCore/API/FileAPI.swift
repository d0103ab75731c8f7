import Foundation
import GRDB

/// The front door: every flow of the design, for one user at a time, with validated inputs.
///
/// Reads (list, fetch, quota) come from the eventually consistent inventory; delete and move are
/// storage-first commands answered at once; uploads and downloads go through presigned URLs.
///
/// ```swift
/// let upload = try api.createUpload(user: "alice", path: RemotePath("docs/a.txt"), size: 12)
/// try store.put(url: upload.url, body: try LocalFile(path: "a.txt"))
/// ```
public final class FileAPI: Sendable {
    /// How long an upload or download URL stays valid unless asked otherwise.
    public static let defaultExpiry = 900
    /// How long a share link stays valid unless asked otherwise.
    public static let defaultShareExpiry = 86_400

    let database: any DatabaseWriter
    let store: ObjectStore
    let inventory: Inventory
    let bus: EventBus
    let users: UserDirectory
    let presigner: Presigner
    let clock: PailClock
    let changes: ChangeFeed

    init(
        database: any DatabaseWriter, store: ObjectStore, inventory: Inventory, bus: EventBus, users: UserDirectory,
        presigner: Presigner, clock: PailClock, changes: ChangeFeed
    ) {
        self.database = database
        self.store = store
        self.inventory = inventory
        self.bus = bus
        self.users = users
        self.presigner = presigner
        self.clock = clock
        self.changes = changes
    }

    // MARK: - Put

    /// Checks the quota and returns a presigned PUT URL for `size` bytes (the grant is signed into the URL).
    /// Without a size, the grant is what is left of the user's quota.
    public func createUpload(user: String, path: RemotePath, size: Int64? = nil, expires: Int = defaultExpiry) throws -> PresignedURL {
        try createUploads(user: user, files: [(path, size)], expires: expires)[0]
    }

    /// `createUpload` for several files at once (one read of the quota and the inventory for all of them);
    /// each file is checked against the quota on its own, as `createUpload` checks it.
    public func createUploads(user: String, files: [(path: RemotePath, size: Int64?)], expires: Int = defaultExpiry) throws -> [PresignedURL] {
        if let folder = files.first(where: { $0.path.isFolder })?.path {
            throw PailError(.invalidArgument, "\(folder) is a folder; name the file to upload (\(folder.value)NAME)")
        }
        try ensureUser(user)
        let keys = try files.map { try Self.validatedKey(user: user, $0.path) }
        let (quota, existing) = try database.pailRead { db in
            (try quotaReport(db, user: user), try keys.map { try inventory.getItem(db, ItemKey(pk: user, sk: $0))?["Size"]?.int64Value ?? 0 })
        }
        return try zip(files, zip(keys, existing)).map { file, known in
            let available = quota.limit - quota.used + known.1
            if let size = file.size, size > available {
                throw PailError(
                    .quotaExceeded,
                    "\(file.path) is \(ByteSize.format(size)) but \(user) has \(ByteSize.format(max(0, quota.limit - quota.used))) left of \(ByteSize.format(quota.limit))"
                )
            }
            let grant = max(0, file.size ?? available)
            return try presign(.put, key: known.0, path: file.path, expires: expires, extraQuery: [ObjectStore.maxBytesParameter: String(grant)], maxBytes: grant)
        }
    }

    // MARK: - Fetch and share

    /// A presigned GET URL for a file the inventory lists; `NoSuchKey` otherwise, even if the bytes exist.
    public func createDownload(user: String, path: RemotePath, expires: Int = defaultExpiry) throws -> PresignedURL {
        let key = try fileKey(user: user, path)
        guard try database.pailRead({ try inventory.getItem($0, ItemKey(pk: user, sk: key)) }) != nil else {
            throw PailError(.noSuchKey, "No such file: \(path)")
        }
        return try presign(.get, key: key, path: path, expires: expires, extraQuery: [:], maxBytes: nil)
    }

    /// A share link: a presigned GET URL, valid for `expires` seconds (at most 7 days).
    public func share(user: String, path: RemotePath, expires: Int = defaultShareExpiry) throws -> PresignedURL {
        try createDownload(user: user, path: path, expires: expires)
    }

    // MARK: - List

    /// The user's files under `prefix` (a folder, a file, or everything), in path order.
    public func list(user: String, prefix: RemotePath? = nil) throws -> [FileEntry] {
        try ensureUser(user)
        return try database.pailRead { db in
            if let prefix, !prefix.isFolder,
                let item = try inventory.getItem(db, ItemKey(pk: user, sk: prefix.key(for: user))),
                let entry = FileEntry(item: item)
            {
                return [entry]
            }
            let begins = prefix.map { $0.asFolder.key(for: user) } ?? "\(user)/"
            var entries: [FileEntry] = []
            var start: ItemKey?
            repeat {
                let page = try inventory.query(db, pk: user, skBeginsWith: begins, limit: 1000, exclusiveStartKey: start)
                entries += page.items.compactMap(FileEntry.init(item:))
                start = page.lastEvaluatedKey
            } while start != nil
            return entries
        }
    }

    // MARK: - Delete and move (storage-first commands)

    /// Puts a `DeleteFile` command on the `pail` bus and returns its event id at once.
    /// A folder (a path with files under it) needs `recursive`.
    public func delete(user: String, path: RemotePath, recursive: Bool = false) throws -> String {
        let key = try fileKey(user: user, path)
        let target = try database.pailRead { try resolve($0, user: user, path: path, key: key, recursive: recursive, verb: "delete") }
        return try command { asOf in
            FileCommands.delete(key: target, asOf: asOf, time: clock.now(), region: presigner.credentials.region)
        }
    }

    /// Puts a `MoveFile` command on the `pail` bus and returns its event id at once.
    /// A destination ending in `/` is a folder to move into (`mv a.txt docs/` → `docs/a.txt`,
    /// `mv photos archive/` → `archive/photos/…`); otherwise it is the new name. A folder moves as a whole.
    public func move(user: String, from source: RemotePath, to destination: RemotePath) throws -> String {
        let sourceKey = try fileKey(user: user, source)
        let (resolvedSource, longestSource) = try database.pailRead { db in
            let resolved = try resolve(db, user: user, path: source, key: sourceKey, recursive: true, verb: "move")
            return (resolved, resolved.endsWithSlash ? try store.longestKeyLength(db, prefix: resolved) : resolved.utf8.count)
        }
        var target = destination.key(for: user) + (destination.isFolder ? source.name : "")
        if resolvedSource.endsWithSlash {
            target += "/"
            if target.hasKeyPrefix(resolvedSource) {
                throw PailError(.invalidArgument, "Cannot move \(source) into itself (\(destination))")
            }
        }
        try RemotePath.validate(key: target)
        guard target != resolvedSource else {
            throw PailError(.invalidArgument, "\(source) and \(destination) are the same")
        }
        let longestTarget = target.utf8.count + longestSource - resolvedSource.utf8.count
        guard longestTarget <= RemotePath.maxKeyBytes else {
            throw PailError(
                .invalidArgument,
                "Moving \(source) to \(destination) would make a key of \(longestTarget) bytes; keys are limited to \(RemotePath.maxKeyBytes)")
        }
        return try command { asOf in
            FileCommands.move(
                source: resolvedSource, destination: target, asOf: asOf, time: clock.now(), region: presigner.credentials.region)
        }
    }

    // MARK: - Quota and users

    public func quota(user: String) throws -> QuotaReport {
        try ensureUser(user)
        return try database.pailRead { try quotaReport($0, user: user) }
    }

    /// Adds a user with a quota limit.
    public func addUser(_ name: String, quota: Int64 = UserDirectory.defaultQuota) throws -> User {
        try database.pailWrite { try users.add($0, name, quota: quota) }
    }

    public func setQuota(user: String, quota: Int64) throws -> User {
        try database.pailWrite { try users.setQuota($0, user, quota: quota) }
    }

    public func listUsers() throws -> [User] {
        try database.pailRead { try users.list($0) }
    }

    /// Creates the user with the default quota if they do not exist yet (the first use of a vault).
    public func ensureUser(_ name: String) throws {
        try UserDirectory.validate(name: name)
        if try database.pailRead({ try users.get($0, name) }) == nil {
            try database.pailWrite { _ = try users.getOrCreate($0, name) }
        }
    }

    // MARK: - Helpers

    private func quotaReport(_ db: Database, user: String) throws -> QuotaReport {
        let account = try users.require(db, user)
        let used = try inventory.getItem(db, InventoryItems.quotaKey(user: user))?["TotalSize"]?.int64Value ?? 0
        return QuotaReport(user: user, used: used, limit: account.quotaLimit)
    }

    /// The store key of a file path, validated; makes sure the user exists.
    private func fileKey(user: String, _ path: RemotePath) throws -> String {
        try ensureUser(user)
        return try Self.validatedKey(user: user, path)
    }

    private static func validatedKey(user: String, _ path: RemotePath) throws -> String {
        let key = path.key(for: user)
        try RemotePath.validate(key: key)
        return key
    }

    /// What a delete or move acts on, from the store (strongly consistent): the file's key, or the
    /// folder's key ending in `/`. `NoSuchKey` if there is neither.
    private func resolve(_ db: Database, user: String, path: RemotePath, key: String, recursive: Bool, verb: String) throws -> String {
        if !path.isFolder, try store.head(db, key: key) != nil { return key }
        let folder = path.asFolder.key(for: user)
        guard try !store.list(db, prefix: folder, limit: 1).isEmpty else {
            throw PailError(.noSuchKey, "No such file or folder: \(path)")
        }
        guard recursive else {
            throw PailError(.invalidArgument, "\(path) is a folder: \(verb) it with --recursive (-r)")
        }
        return folder
    }

    /// Publishes the command `make` builds, given the store's latest sequencer in the same transaction.
    private func command(_ make: (_ asOf: String) -> EventEnvelope) throws -> String {
        let event = try database.pailWrite { db in
            let event = make(try store.latestSequencer(db))
            _ = try bus.publish(db, bus: .pail, event)
            return event
        }
        changes.notify()
        return event.id
    }

    private func presign(
        _ method: HTTPMethod, key: String, path: RemotePath, expires: Int, extraQuery: [String: String], maxBytes: Int64?
    ) throws -> PresignedURL {
        let now = clock.now()
        let url = try presigner.presign(method: method, key: key, expires: expires, now: now, extraQuery: extraQuery)
        return PresignedURL(
            url: url, method: method.rawValue, path: path.value, expires: now.addingTimeInterval(TimeInterval(expires)),
            maxBytes: maxBytes)
    }
}
