import Foundation

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

    let database: any SQLDatabase
    let store: ObjectStore
    let inventory: Inventory
    let bus: EventBus
    let users: UserDirectory
    let presigner: Presigner
    let clock: PailClock
    let changes: ChangeFeed

    init(
        database: any SQLDatabase, store: ObjectStore, inventory: Inventory, bus: EventBus, users: UserDirectory,
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
    public func createUploads(
        user: String, files: [(path: RemotePath, size: Int64?)], expires: Int = defaultExpiry
    ) throws -> [PresignedURL] {
        if let folder = files.first(where: { $0.path.isFolder })?.path {
            throw PailError(.invalidArgument, "\(folder) is a folder; name the file to upload (\(folder.value)NAME)")
        }
        try ensureUser(user)
        let keys = try files.map { try Self.validatedKey(user: user, $0.path) }
        let (room, existing) = try database.read { db in
            (
                try uploadRoom(db, user: user),
                try keys.map { try inventory.getItem(db, ItemKey(pk: user, sk: $0))?["Size"]?.int64Value ?? 0 }
            )
        }
        let signing = try signing(user: user)
        return try zip(files, zip(keys, existing)).map { file, known in
            let available = room.available(replacing: known.1)
            if let size = file.size, size > available { throw room.refusal("\(file.path) is \(ByteSize.format(size))") }
            let grant = max(0, file.size ?? available)
            return try presign(
                .put, key: known.0, path: file.path, expires: expires, extraQuery: [ObjectStore.maxBytesParameter: String(grant)],
                maxBytes: grant, signing: signing)
        }
    }

    /// Where uploads to `paths` go: each path itself when nothing is stored there (the store is asked:
    /// strongly consistent), else as `onConflict` decides: `Conflict`, the same path (the old file is
    /// kept as an old version), the first free `name (2).ext`, or nil to skip it. A path where a folder
    /// is refuses either way. The policy is asked outside any transaction (it may wait for the user).
    public func placeUploads(user: String, paths: [RemotePath], onConflict: ConflictPolicy) throws -> [RemotePath?] {
        try ensureUser(user)
        let taken = try database.read { db in
            try paths.filter { path in
                let key = try Self.validatedKey(user: user, path)
                if try holdsFolder(db, user: user, path: path) {
                    throw PailError(.conflict, "\(path) is a folder in your vault; a file cannot take its name")
                }
                return try store.head(db, key: key) != nil
            }
        }
        var chosen = Set(paths.map { $0.key(for: user) })
        return try onConflict.settle(
            paths, taken: taken, shown: \.value,
            hint: "--overwrite replaces (keeping old versions), --keep-both uploads beside, --skip-existing leaves them"
        ) { path in
            let key = try database.read { try freeName($0, for: path.key(for: user), besides: chosen) }
            chosen.insert(key)
            return try RemotePath(RemotePath.path(ofKey: key, user: user) ?? key)
        }
    }

    /// Refuses, before anything is stored, files whose total would take the user over their limit.
    public func checkRoom(user: String, for files: [(path: RemotePath, size: Int64)]) throws {
        try ensureUser(user)
        let keys = try files.map { try Self.validatedKey(user: user, $0.path) }
        let (room, replaced) = try database.read { db in
            (
                try uploadRoom(db, user: user),
                try keys.reduce(Int64(0)) { try $0 + (inventory.getItem(db, ItemKey(pk: user, sk: $1))?["Size"]?.int64Value ?? 0) }
            )
        }
        let total = files.reduce(Int64(0)) { $0 + $1.size }
        if total > room.available(replacing: replaced) { throw room.refusal("The upload is \(ByteSize.format(total))") }
    }

    // MARK: - Fetch and share

    /// A presigned GET URL for a file the inventory lists; `NoSuchKey` otherwise, even if the bytes exist.
    public func createDownload(
        user: String, path: RemotePath, expires: Int = defaultExpiry, extraQuery: [String: String] = [:]
    ) throws -> PresignedURL {
        let key = try fileKey(user: user, path)
        guard try database.read({ try inventory.getItem($0, ItemKey(pk: user, sk: key)) }) != nil else {
            throw PailError(.noSuchKey, "No such file: \(path)")
        }
        return try presign(
            .get, key: key, path: path, expires: expires, extraQuery: extraQuery, maxBytes: nil, signing: try signing(user: user))
    }

    /// A share link: a presigned GET URL, valid for `expires` seconds (at most 7 days). Opened in a browser
    /// through `pail serve`, a picture or a PDF shows, and anything saved is saved under the file's own name
    /// (a signed `response-content-disposition`).
    public func share(user: String, path: RemotePath, expires: Int = defaultShareExpiry) throws -> PresignedURL {
        try createDownload(
            user: user, path: path, expires: expires, extraQuery: ["response-content-disposition": Self.disposition(named: path.name)])
    }

    /// `inline; filename="…"; filename*=UTF-8''…` (RFC 6266): an ASCII name for old clients, the exact one for the rest.
    static func disposition(named name: String) -> String {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        return "inline; filename=\"\(ascii)\"; filename*=UTF-8''\(SigV4.uriEncode(name))"
    }

    // MARK: - List

    /// The user's files under `prefix` (a folder, a file, or everything), in path order.
    public func list(user: String, prefix: RemotePath? = nil) throws -> [FileEntry] {
        var entries: [FileEntry] = []
        try forEachFile(user: user, prefix: prefix) { entries.append($0) }
        return entries
    }

    /// What `list` returns, one file at a time as the inventory's index yields them (nothing is held but the
    /// file visited), each item decoded only as far as a `FileEntry` needs.
    public func forEachFile(user: String, prefix: RemotePath? = nil, _ visit: (FileEntry) throws -> Void) throws {
        try ensureUser(user)
        try database.read { db in
            if let prefix, !prefix.isFolder,
                let entry = try inventory.getItem(db, ItemKey(pk: user, sk: prefix.key(for: user)), as: FileEntry.init(itemJSON:))
            {
                return try visit(entry)
            }
            let begins = prefix.map { $0.asFolder.key(for: user) } ?? "\(user)/"
            try inventory.forEach(db, pk: user, skBeginsWith: begins) { item in
                if let entry = try FileEntry(itemJSON: item) { try visit(entry) }
            }
        }
    }

    // MARK: - Delete and move (storage-first commands)

    /// Puts a `DeleteFile` command on the `pail` bus and returns at once with its event id and what it deletes.
    /// A folder (a path with files under it) needs `recursive`. A name that is both a file and a folder
    /// (`X` and `X/…`) deletes the file; with `recursive` it is ambiguous and refused (`X/` names the folder).
    public func delete(user: String, path: RemotePath, recursive: Bool = false) throws -> AcceptedDelete {
        let key = try fileKey(user: user, path)
        let target = try database.read { db in
            let target = try resolve(db, user: user, path: path, key: key, recursive: recursive, verb: "delete")
            if recursive, !target.endsWithSlash, try holdsFolder(db, user: user, path: path) {
                throw PailError(
                    .invalidArgument,
                    "\(path) is both a file and a folder: `rm \(path)` deletes the file, `rm -r \(path.asFolder)` deletes the folder")
            }
            return target
        }
        let id = try command { _, asOf in
            FileCommands.delete(key: target, asOf: asOf, time: clock.now(), region: presigner.credentials.region)
        }
        return AcceptedDelete(eventId: id, path: try RemotePath(RemotePath.path(ofKey: target, user: user) ?? path.value))
    }

    /// Whether `path` (without a trailing `/`) is both a file and a folder (files are stored under `path/`),
    /// as the store says (strongly consistent): then `path` names the file and `path/` the folder.
    public func isFileAndFolder(user: String, path: RemotePath) throws -> Bool {
        guard !path.isFolder else { return false }
        let key = try fileKey(user: user, path)
        return try database.read { try store.head($0, key: key) != nil && holdsFolder($0, user: user, path: path) }
    }

    // MARK: - Quota and users

    public func quota(user: String) throws -> QuotaReport {
        try ensureUser(user)
        return try database.read { try quotaReport($0, user: user) }
    }

    /// Adds a user with a quota limit.
    public func addUser(_ name: String, quota: Int64 = UserDirectory.defaultQuota, retention: Int? = nil) throws -> User {
        try database.write { try users.add($0, name, quota: quota, retention: retention) }
    }

    public func setQuota(user: String, quota: Int64) throws -> User {
        try database.write { try users.setQuota($0, user, quota: quota) }
    }

    /// Removes a user who stores nothing, with their key pair and their quota item. A user who still has
    /// files, old versions or incomplete uploads is refused with `UserNotEmpty`, saying what is left and
    /// how to free it; nothing changes then.
    @discardableResult
    public func removeUser(_ name: String) throws -> User {
        try UserDirectory.validate(name: name)
        return try database.write { db in
            let user = try users.require(db, name)
            let files = try store.objectCount(db, user: name)
            let current = try store.usage(db, user: name) - store.noncurrentUsage(db, user: name)
            let old = try store.noncurrentUsage(db, user: name)
            let pending = try store.uploads.pendingBytes(db, user: name)
            // Files deleted in the store but still listed: their deletes are on their way to the inventory.
            let listed = try !inventory.query(db, pk: name, skBeginsWith: name + "/", limit: 1).items.isEmpty
            let left = [
                files > 0 ? "\(Plural.count(files, "file")) (\(ByteSize.format(current))): `pail --user \(name) rm -r` them" : nil,
                old > 0 ? "\(ByteSize.format(old)) in old versions: `pail --user \(name) purge` frees them" : nil,
                pending > 0 ? "\(ByteSize.format(pending)) in incomplete multipart uploads: abort them" : nil,
                files == 0 && listed ? "files whose deletes the inventory has not applied yet: `pail wait` applies them" : nil,
            ].compactMap { $0 }
            guard left.isEmpty else {
                throw PailError(
                    .userNotEmpty,
                    "User '\(name)' still stores \(left.joined(separator: "; ")); nothing was removed (`pail users remove \(name) --delete-files` deletes it all)"
                )
            }
            _ = try inventory.deleteItem(db, InventoryItems.quotaKey(user: name))
            try users.remove(db, name)
            return user
        }
    }

    public func listUsers() throws -> [User] {
        try database.read { try users.list($0) }
    }

    /// Creates the user with the default quota if they do not exist yet (the first use of a vault).
    public func ensureUser(_ name: String) throws {
        try UserDirectory.validate(name: name)
        if try database.read({ try users.get($0, name) }) == nil {
            try database.write { _ = try users.getOrCreate($0, name) }
        }
    }

    // MARK: - Helpers

    /// What the user has used (the inventory's total, eventually consistent) and holds in old versions
    /// (the store's count).
    private func quotaReport(_ db: any SQL, user: String) throws -> QuotaReport {
        let account = try users.require(db, user)
        let used = try inventory.getItem(db, InventoryItems.quotaKey(user: user))?["TotalSize"]?.int64Value ?? 0
        return QuotaReport(user: user, used: used, limit: account.quotaLimit, oldVersions: try store.noncurrentUsage(db, user: user))
    }

    private func uploadRoom(_ db: any SQL, user: String) throws -> UploadRoom {
        UploadRoom(quota: try quotaReport(db, user: user), keepsVersions: try users.retention(db, user) > 0)
    }

    /// The store key of a file path, validated; makes sure the user exists.
    func fileKey(user: String, _ path: RemotePath) throws -> String {
        try ensureUser(user)
        return try Self.validatedKey(user: user, path)
    }

    private static func validatedKey(user: String, _ path: RemotePath) throws -> String {
        let key = path.key(for: user)
        try RemotePath.validate(key: key)
        return key
    }

    /// What a delete or move acts on, from the store (strongly consistent): the file's key, or the
    /// folder's key ending in `/` (a path without a trailing `/` is the file when there is one).
    /// `NoSuchKey` if there is neither.
    func resolve(_ db: any SQL, user: String, path: RemotePath, key: String, recursive: Bool, verb: String) throws -> String {
        if !path.isFolder, try store.head(db, key: key) != nil { return key }
        guard try holdsFolder(db, user: user, path: path) else {
            throw PailError(.noSuchKey, "No such file or folder: \(path)")
        }
        guard recursive else {
            throw PailError(.invalidArgument, "\(path) is a folder: \(verb) it with --recursive (-r)")
        }
        return path.asFolder.key(for: user)
    }

    private func holdsFolder(_ db: any SQL, user: String, path: RemotePath) throws -> Bool {
        try store.hasObjects(db, under: path.asFolder.key(for: user))
    }

    /// Publishes the command `make` builds, given the store's latest sequencer in the same transaction.
    /// `make` may read the store and refuse, in the transaction that publishes.
    func command(_ make: (any SQL, _ asOf: String) throws -> EventEnvelope) throws -> String {
        let event = try database.write { db in
            let event = try make(db, try store.latestSequencer(db))
            _ = try bus.publish(db, bus: .pail, event)
            return event
        }
        changes.notify()
        return event.id
    }

    /// The user's own key pair and the endpoint URLs name now: a user's URLs are signed with their key,
    /// so rotating it (`pail users rotate-key`) revokes them.
    func signing(user: String) throws -> (key: AccessKey, endpoint: String) {
        try database.read { db in (try users.accessKey(db, user), try presigner.currentEndpoint(db)) }
    }

    private func presign(
        _ method: HTTPMethod, key: String, path: RemotePath, expires: Int, extraQuery: [String: String], maxBytes: Int64?,
        signing: (key: AccessKey, endpoint: String)
    ) throws -> PresignedURL {
        let now = clock.now()
        let url = try presigner.presign(
            method: method, key: key, expires: expires, now: now, extraQuery: extraQuery, signer: signing.key,
            endpoint: signing.endpoint)
        return PresignedURL(
            url: url, method: method.rawValue, path: path.value, expires: now.addingTimeInterval(TimeInterval(expires)),
            maxBytes: maxBytes)
    }
}
