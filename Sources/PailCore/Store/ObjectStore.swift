import Foundation

/// The S3-like object store: strongly consistent, streamed, durable, with presigned access.
///
/// Bodies are blobs in a `BlobStore` (the root's `blobs/`), durable before anything names them; metadata
/// and the event of every change commit in one SQLite transaction, so an event is published exactly when
/// a write becomes visible.
///
/// ```swift
/// let url = try presigner.presign(method: .put, key: "alice/a.txt", expires: 900, now: Date())
/// let object = try store.put(url: url, body: try LocalFile(path: "a.txt"))
/// ```
public final class ObjectStore: Sendable {
    /// The signed query parameter that caps an upload's size (the grant the API gave).
    public static let maxBytesParameter = "x-pail-max-bytes"
    static let bufferSize = 1 << 20

    let database: any SQLDatabase
    let blobs: any BlobStore
    package let presigner: Presigner
    let bus: EventBus
    let users: UserDirectory
    let clock: PailClock
    let changes: ChangeFeed
    let versions = VersionTable()
    let uploads = MultipartUploads()

    init(
        database: any SQLDatabase, blobs: any BlobStore, presigner: Presigner, bus: EventBus, users: UserDirectory,
        clock: PailClock, changes: ChangeFeed
    ) {
        self.changes = changes
        self.database = database
        self.blobs = blobs
        self.presigner = presigner
        self.bus = bus
        self.users = users
        self.clock = clock
    }

    static func createSchema(_ db: any SQL) throws {
        try db.executeScript(
            """
            CREATE TABLE objects (
                key TEXT PRIMARY KEY NOT NULL,
                blob TEXT NOT NULL,
                size INTEGER NOT NULL,
                etag TEXT NOT NULL,
                modified REAL NOT NULL,
                sequencer TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX objects_blob ON objects(blob);
            CREATE TABLE store_usage (user TEXT PRIMARY KEY NOT NULL, bytes INTEGER NOT NULL) WITHOUT ROWID;
            CREATE TABLE blob_garbage (blob TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
            CREATE TABLE counters (name TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL) WITHOUT ROWID;
            INSERT INTO counters (name, value) VALUES ('sequencer', 0);
            """)
    }

    /// Versioning: every object records its version id; a user's usage counts their kept old versions
    /// too (`noncurrent` is that part of `bytes`), as S3 bills them.
    static func addVersions(_ db: any SQL) throws {
        try db.executeScript(
            """
            ALTER TABLE objects ADD COLUMN version_id TEXT NOT NULL DEFAULT '';
            UPDATE objects SET version_id = sequencer;
            ALTER TABLE store_usage ADD COLUMN noncurrent INTEGER NOT NULL DEFAULT 0;
            """)
    }

    /// Content types: what a PUT said its bytes are, kept with the object and its old versions.
    static func addContentTypes(_ db: any SQL) throws {
        try db.executeScript(
            """
            ALTER TABLE objects ADD COLUMN content_type TEXT;
            ALTER TABLE object_versions ADD COLUMN content_type TEXT;
            """)
    }

    private var bucket: String { presigner.credentials.bucket }
    private var region: String { presigner.credentials.region }

    // MARK: - Presigned requests (what a client does with a URL)

    /// PUT through a presigned URL: verifies it, streams the body into a new blob, commits.
    ///
    /// Refuses bodies over the URL's signed size grant (`EntityTooLarge`), a `contentLength` the body does
    /// not match (`IncompleteBody`), and writes that would take the user over their limit (`QuotaExceeded`).
    @discardableResult
    public func put(
        url: String, body: some ByteSource, contentLength: Int64? = nil, progress: ((Int64) throws -> Void)? = nil
    ) throws -> ObjectMetadata {
        try put(batch: [PutRequest(url: url, body: body, contentLength: contentLength)], progress: progress)[0]
    }

    /// Several PUTs, committed together (group commit): `stage` then `StagedPuts.commit`. All or nothing:
    /// if any request is refused, none is stored.
    @discardableResult
    public func put(batch: [PutRequest], progress: ((Int64) throws -> Void)? = nil) throws -> [ObjectMetadata] {
        try stage(batch: batch, progress: progress).commit()
    }

    /// The first half of a group commit: each request is verified and its body streamed into a new blob,
    /// as `put` does, but nothing is synced or committed yet; `StagedPuts.commit` makes the blobs durable
    /// with one file-system sync instead of one `fsync` each and commits every object and its event in one
    /// transaction. Staging the next batch while another thread commits this one keeps both cores busy.
    /// `progress` reports the bytes written so far across the batch; if it throws (the user cancelled),
    /// the blobs written so far are discarded.
    ///
    /// A lone PUT's blob has a locked `tmp/` name while it is written; a batch's blobs are unnamed until
    /// all are written, then listed in one intent file and named (`LocalBlobBatch`): two system calls a blob
    /// fewer, and no `tmp/` name to remove after the commit.
    public func stage(batch: [PutRequest], progress: ((Int64) throws -> Void)? = nil) throws -> StagedPuts {
        let verified = try verifyPuts(batch)
        let staged = StagedPuts(store: self, group: batch.count > 1 ? try blobs.createBatch() : nil)
        var done: Int64 = 0
        for (request, (key, grant)) in zip(batch, verified) {
            let writer = try staged.group?.create() ?? blobs.create()
            staged.writers.append(writer)
            let before = done
            try stream(request.body, into: writer, limit: grant, expected: request.contentLength) { written in
                done = before + written
                try progress?(done)
            }
            if let contentLength = request.contentLength, writer.size != contentLength {
                throw PailError(.incompleteBody, "The body had \(writer.size) bytes but the request said \(contentLength)")
            }
            staged.objects.append((key, writer, try writer.finish(durable: batch.count == 1), request.headers))
        }
        try staged.group?.name()
        return staged
    }

    /// Checks the URLs of PUTs before any byte is written; returns each one's key and signed size grant, if any.
    private func verifyPuts(_ requests: [PutRequest]) throws -> [(key: String, grant: Int64?)] {
        try zip(requests, verify(.put, urls: requests.map(\.url))).map { request, verified in
            try RemotePath.validate(key: verified.key)
            guard !verified.key.endsWithSlash else {
                throw PailError(.invalidArgument, "Key '\(verified.key)' ends with '/': a folder cannot hold bytes")
            }
            return (verified.key, try Self.grant(of: verified, contentLength: request.contentLength))
        }
    }

    /// The size grant signed into a presigned PUT (`x-pail-max-bytes`), if any; `EntityTooLarge` if the
    /// request already says its body is bigger.
    public static func grant(of request: PresignedRequest, contentLength: Int64?) throws -> Int64? {
        let grant = try request.query[maxBytesParameter].map { text in
            guard let value = Int64(text), value >= 0 else {
                throw PailError(.invalidArgument, "Bad \(maxBytesParameter) parameter '\(RemotePath.printable(text))'")
            }
            return value
        }
        if let contentLength, let grant, contentLength > grant { throw tooLarge(grant) }
        return grant
    }

    /// The refusal of a body over its `limit` of bytes, as S3 words it.
    static func tooLarge(_ limit: Int64) -> PailError {
        PailError(.entityTooLarge, "Your proposed upload exceeds the maximum allowed size (\(limit) bytes)")
    }

    /// GET through a presigned URL: verifies it and opens the object's bytes.
    public func get(url: String) throws -> ObjectBody {
        let request = try verify(.get, urls: [url])[0]
        // Between reading the metadata and opening the blob, another process may replace the object;
        // the old blob is then gone, and reading the metadata again finds the new one.
        return try open(key: request.key)
    }

    /// Checks presigned URLs used in this process, in one read of the database: each signed by a key that
    /// exists now (the root's or a user's, within their scope), for the endpoint the root's URLs name.
    /// Each key is looked up once.
    private func verify(_ method: HTTPMethod, urls: [String]) throws -> [PresignedRequest] {
        let now = clock.now()
        return try database.read { db in
            let endpoint = try presigner.currentEndpoint(db)
            var keys: [String: AccessKey?] = [:]
            return try urls.map { url in
                try presigner.verify(method: method, url: url, now: now, endpoint: endpoint) { id in
                    if let known = keys[id] { return known }
                    let key = try presigner.accessKey(db, id: id)
                    keys[id] = key
                    return key
                }
            }
        }
    }

    /// Finds key pairs by access key id (the root's or a user's), for a server that checks signatures.
    package func accessKeyCache() throws -> AccessKeyCache {
        try AccessKeyCache(presigner: presigner, database: database)
    }

    /// Local files of `kernelCopyThreshold` bytes or more are copied inside the kernel; smaller bodies
    /// are cheaper to read and write in one go than to hand to a second thread.
    static let kernelCopyThreshold: Int64 = 4 << 20

    private func stream(
        _ body: any ByteSource, into writer: any BlobSink, limit: Int64?, expected: Int64?, progress: ((Int64) throws -> Void)?
    ) throws {
        var source = body
        if let fd = source.fileDescriptor, (expected ?? 0) >= Self.kernelCopyThreshold,
            try writer.copy(from: fd, limit: limit, progress: progress)
        {
            return
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.bufferSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try source.read(into: buffer)
            if count == 0 { return }
            if let limit, writer.size + Int64(count) > limit { throw Self.tooLarge(limit) }
            try writer.write(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            try progress?(writer.size)
        }
    }

    /// Makes a durable blob the object at `key` and publishes its `Object Created` event (`reason` is the
    /// event's: `PutObject`, or `CompleteMultipartUpload` for an object assembled from parts).
    func commit(
        _ db: any SQL, key: String, blob: String, size: Int64, etag: String, checkingQuota: Bool = true, headers: ObjectHeaders = .none,
        reason: String = "PutObject"
    ) throws -> ObjectMetadata {
        guard let (userName, _) = RemotePath.split(key: key) else {
            throw PailError(.invalidArgument, "Key '\(key)' is not of the form user/path")
        }
        let old = try head(db, key: key)
        if checkingQuota { try checkQuota(db, user: userName, storing: size, replacing: old) }
        let object = ObjectMetadata(
            key: key, size: size, etag: etag, modified: clock.now(), sequencer: try nextSequencer(db), blob: blob,
            headers: headers)
        try write(db, object, replacing: old, reason: reason)
        try bus.publish(db, bus: .default, StoreEvents.created(object, bucket: bucket, region: region, reason: reason))
        return object
    }

    /// Makes blob files already on disk the objects at the given keys (a rebuild of a lost database): each
    /// blob's size and ETag are measured from its bytes, and each object commits with its event as a PUT's
    /// does, all in one transaction, but without a quota check: what was stored stays stored. A blob gone
    /// meanwhile is left out.
    func adopt(_ blobsAndKeys: [(blob: String, key: String)]) throws -> [ObjectMetadata] {
        let measured = try blobsAndKeys.compactMap { blob, key in try blobs.measure(blob).map { (blob, key, $0.size, $0.etag) } }
        let objects = try database.write { db in
            try measured.map { try commit(db, key: $0.1, blob: $0.0, size: $0.2, etag: $0.3, checkingQuota: false) }
        }
        changes.notify()
        return objects
    }

    // MARK: - Server-side operations (inside the caller's transaction)

    /// The object's metadata, or nil.
    public func head(_ db: any SQL, key: String) throws -> ObjectMetadata? {
        try db.fetchOne("SELECT * FROM objects WHERE key = ?", [key], ObjectMetadata.init(row:))
    }

    /// Every object whose key starts with `prefix`, in key order.
    public func list(_ db: any SQL, prefix: String, limit: Int = -1) throws -> [ObjectMetadata] {
        try db.fetchAll(
            "SELECT * FROM objects WHERE key >= ? AND key < CAST(? AS TEXT) ORDER BY key LIMIT ?",
            [prefix, PrefixRange.upperBound(of: prefix), limit], ObjectMetadata.init(row:))
    }

    /// Whether any object's key starts with `prefix` (a folder holds files when its `folder/` prefix does).
    func hasObjects(_ db: any SQL, under prefix: String) throws -> Bool {
        try db.fetchOne(
            Bool.self, "SELECT EXISTS (SELECT 1 FROM objects WHERE key >= ? AND key < CAST(? AS TEXT))",
            [prefix, PrefixRange.upperBound(of: prefix)]) ?? false
    }

    /// The length in UTF-8 bytes of the longest key that begins with `prefix`; 0 if there is none.
    func longestKeyLength(_ db: any SQL, prefix: String) throws -> Int {
        try db.fetchOne(
            Int.self, "SELECT max(length(CAST(key AS BLOB))) FROM objects WHERE key >= ? AND key < CAST(? AS TEXT)",
            [prefix, PrefixRange.upperBound(of: prefix)]) ?? 0
    }

    /// The `CopyObject` a client may ask for: like `copy`, but the target key is validated as a PUT's
    /// is and its user must stay within their quota. Throws `NoSuchKey` if the source does not exist.
    /// `versionId` copies that version of the source (`NoSuchVersion` if there is none). `headers` replace
    /// the source's (S3's `REPLACE` metadata directive); nil keeps them.
    @discardableResult
    public func copyObject(
        _ db: any SQL, from source: String, versionId: String? = nil, to target: String, headers: ObjectHeaders? = nil
    ) throws -> ObjectMetadata {
        try RemotePath.validate(key: target)
        guard let (userName, _) = RemotePath.split(key: target) else {
            throw PailError(.invalidArgument, "Key '\(target)' is not of the form user/path")
        }
        let original: ObjectMetadata
        if let versionId {
            original = try stored(db, key: source, versionId: versionId)
        } else {
            guard let current = try head(db, key: source) else {
                throw PailError(.noSuchKey, "The specified key does not exist: \(source)")
            }
            original = current
        }
        let old = try head(db, key: target)
        try checkQuota(db, user: userName, storing: original.size, replacing: old)
        return try copy(db, original, to: target, replacing: old, headers: headers)
    }

    /// Refuses a write of `size` bytes (replacing `old`, or a pending part of `released` bytes) that would
    /// take `userName` over their quota. A replaced object's bytes stay counted while it is kept as an old
    /// version, and the parts of incomplete multipart uploads count until they are completed, aborted or
    /// expire (S3 bills them); `usage` and the inventory's quota leave them out.
    /// A user's first write creates them, whether the URL came from the API or from a SigV4 client
    /// holding the root's credentials.
    func checkQuota(
        _ db: any SQL, user userName: String, storing size: Int64, replacing old: ObjectMetadata?, releasing released: Int64 = 0
    ) throws {
        try checkQuota(db, user: userName, storing: size, replacing: old.map { [$0] } ?? [], releasing: released)
    }

    /// `checkQuota` for writes of `size` bytes in all, `what` the refusal names them (`Storing 12 kB`),
    /// that replace the objects `old`, on top of `reserved` bytes that copies not applied yet will take.
    func checkQuota(
        _ db: any SQL, user userName: String, storing size: Int64, replacing old: [ObjectMetadata], releasing released: Int64 = 0,
        reserved: Int64 = 0, what: String? = nil
    ) throws {
        let user = try users.getOrCreate(db, userName)
        let freed = try users.retention(db, userName) == 0 ? old.reduce(0) { $0 + $1.size } : 0
        let pending = try uploads.pendingBytes(db, user: userName) - released
        let after = try usage(db, user: userName) + pending + reserved - freed + size
        if after > user.quotaLimit {
            let kept = try noncurrentUsage(db, user: userName)
            let held = [
                kept > 0 ? "\(ByteSize.format(kept)) of it in old versions: `pail purge` frees them" : nil,
                pending > 0 ? "\(ByteSize.format(pending)) in incomplete multipart uploads: complete or abort them" : nil,
                reserved > 0 ? "\(ByteSize.format(reserved)) for copies not applied yet" : nil,
            ].compactMap { $0 }
            let hint = held.isEmpty ? "" : " (\(held.joined(separator: "; ")))"
            throw PailError(
                .quotaExceeded,
                "\(what ?? "Storing \(ByteSize.format(size))") would take \(userName) to \(ByteSize.format(after)), over the limit of \(ByteSize.format(user.quotaLimit))\(hint)"
            )
        }
    }

    /// Copies an object inside the store (the blob is shared, not duplicated); emits `Object Created`
    /// with reason `CopyObject`. Returns nil if the source does not exist. No quota check: the move
    /// workflow copies and then deletes, so a user's total ends where it began. The copy keeps the file's
    /// time: an original without `x-amz-meta-mtime` gives its own write time to the copy's.
    @discardableResult
    func copy(_ db: any SQL, from source: String, to target: String) throws -> ObjectMetadata? {
        guard let original = try head(db, key: source) else { return nil }
        return try copy(
            db, original, to: target, replacing: try head(db, key: target),
            headers: original.headers.keepingFileModified(original.modified))
    }

    /// Writes `original`'s copy at `target` over `old` (what `target` held) and publishes its event.
    /// `headers` replace the original's (S3's `REPLACE` directive); nil keeps them.
    private func copy(
        _ db: any SQL, _ original: ObjectMetadata, to target: String, replacing old: ObjectMetadata?, headers: ObjectHeaders? = nil
    ) throws -> ObjectMetadata {
        let object = ObjectMetadata(
            key: target, size: original.size, etag: original.etag, modified: clock.now(),
            sequencer: try nextSequencer(db), blob: original.blob, headers: headers ?? original.headers)
        try write(db, object, replacing: old, reason: "CopyObject")
        try bus.publish(db, bus: .default, StoreEvents.created(object, bucket: bucket, region: region, reason: "CopyObject"))
        return object
    }

    /// Deletes an object; emits `Object Deleted`. Returns false if there was nothing to delete.
    /// The object is kept as an old version behind a delete marker (the file goes to the trash) unless
    /// `keepVersion` is false (a move: the bytes live on at the destination) or its user keeps none.
    @discardableResult
    func delete(_ db: any SQL, key: String, keepVersion: Bool = true) throws -> Bool {
        guard let old = try head(db, key: key) else { return false }
        try db.execute("DELETE FROM objects WHERE key = ?", [key])
        let sequencer = try nextSequencer(db)
        let marker = try retire(db, old, reason: "DeleteObject", keep: keepVersion) ? sequencer : nil
        if let marker { try versions.addDeleteMarker(db, key: key, versionId: marker, now: clock.now()) }
        try bus.publish(
            db, bus: .default,
            StoreEvents.deleted(key: key, sequencer: sequencer, time: clock.now(), deleteMarker: marker, bucket: bucket, region: region))
        return true
    }

    /// Bytes stored for a user, as the store counts them (strongly consistent): current objects and
    /// kept old versions.
    public func usage(_ db: any SQL, user: String) throws -> Int64 {
        try db.fetchOne(Int64.self, "SELECT bytes FROM store_usage WHERE user = ?", [user]) ?? 0
    }

    /// How many current objects a user has (zero-byte files count: `usage` does not see them).
    func objectCount(_ db: any SQL, user: String) throws -> Int {
        let prefix = user + "/"
        return try db.fetchOne(
            Int.self, "SELECT count(*) FROM objects WHERE key >= ? AND key < CAST(? AS TEXT)", [prefix, PrefixRange.upperBound(of: prefix)])
            ?? 0
    }

    /// The part of `usage` that old versions hold.
    public func noncurrentUsage(_ db: any SQL, user: String) throws -> Int64 {
        try db.fetchOne(Int64.self, "SELECT noncurrent FROM store_usage WHERE user = ?", [user]) ?? 0
    }

    // MARK: - Versions

    /// Every version of `key`: the current object, if any, then the kept versions and delete markers,
    /// the most recently replaced first. Empty if the store has never held anything there.
    public func versions(_ db: any SQL, key: String) throws -> [ObjectVersion] {
        let current = try head(db, key: key)
        var kept = try versions.versions(db, key: key)
        if current == nil, let newest = kept.first, newest.isDeleteMarker {
            kept[0] = newest.asCurrentDeleteMarker  // a deleted file: its delete marker is its current version
        }
        return (current.map { [ObjectVersion(current: $0)] } ?? []) + kept
    }

    /// The deleted files under `prefix` that can be restored, in key order.
    public func trash(_ db: any SQL, prefix: String) throws -> [TrashEntry] {
        try versions.newestDeleteMarkers(db, prefix: prefix).compactMap { marker in
            guard let newest = try versions.versions(db, key: marker.key).first(where: { !$0.isDeleteMarker }) else { return nil }
            return TrashEntry(key: marker.key, versionId: newest.versionId, size: newest.size, etag: newest.etag, deleted: marker.modified)
        }
    }

    /// Makes a kept version of `key` current again (by default the most recently replaced one, which
    /// for a deleted file is what was deleted); the object it replaces is kept as an old version.
    /// Emits `Object Created` (`CopyObject`, as S3 restores a version), so the workflows list it again.
    /// The version keeps its id; usage does not change.
    @discardableResult
    public func restore(_ db: any SQL, key: String, versionId: String? = nil) throws -> ObjectMetadata {
        let kept = try versions.versions(db, key: key)
        let current = try head(db, key: key)
        let chosen: ObjectVersion
        if let versionId {
            if current?.versionId == versionId {
                throw PailError(.invalidArgument, "Version \(versionId) of \(key) is already the current one")
            }
            guard let version = kept.first(where: { $0.versionId == versionId }) else {
                throw PailError(.noSuchVersion, "The specified version does not exist: \(key) version \(versionId)")
            }
            chosen = version
        } else {
            guard let version = kept.first(where: { !$0.isDeleteMarker }) else {
                throw PailError(.noSuchVersion, "\(key) has no old version to restore")
            }
            chosen = version
        }
        guard let object = chosen.restored(sequencer: try nextSequencer(db)) else {
            throw PailError(.invalidArgument, "Version \(chosen.versionId) of \(key) is a delete marker: it holds no bytes")
        }
        try versions.remove(db, key: key, versionId: chosen.versionId)
        try addUsage(db, key: key, total: -object.size, noncurrent: -object.size)
        try write(db, object, replacing: current, reason: "RestoreObject")
        try bus.publish(db, bus: .default, StoreEvents.created(object, bucket: bucket, region: region, reason: "CopyObject"))
        return object
    }

    /// Removes for good the old versions and delete markers under `prefix` that were replaced before `cutoff`.
    @discardableResult
    public func purge(_ db: any SQL, prefix: String, replacedBefore cutoff: Date) throws -> PurgeReport {
        var report = PurgeReport()
        for version in try versions.replaced(db, prefix: prefix, before: cutoff) { try expire(db, version, into: &report) }
        return report
    }

    /// The lifecycle rule: removes old versions and delete markers kept longer than their user's
    /// retention, up to `limit` of them (the oldest first).
    @discardableResult
    func sweepExpired(_ db: any SQL, limit: Int = 10_000) throws -> PurgeReport {
        var report = PurgeReport()
        let now = clock.now()
        var retention: [String: Int] = [:]
        for version in try versions.replaced(db, before: try sweepHorizon(db), limit: limit) {
            guard let (user, _) = RemotePath.split(key: version.key), let since = version.noncurrentSince else { continue }
            let kept = try retention[user] ?? users.retention(db, user)
            retention[user] = kept
            if since < now.addingTimeInterval(-TimeInterval(kept)) { try expire(db, version, into: &report) }
        }
        return report
    }

    /// Runs the lifecycle rule if some kept version may have outlived its retention: any Pail process
    /// does, when it opens the root and from time to time while it runs. Costs one indexed read when
    /// nothing has expired. Incomplete multipart uploads started longer than `incompleteUploadLifetime`
    /// ago are aborted too.
    @discardableResult
    func runLifecycle() throws -> PurgeReport {
        let uploadHorizon = clock.now().addingTimeInterval(-Self.incompleteUploadLifetime)
        let due = try database.read { db in
            let versionsDue = try versions.oldest(db).map { $0 < (try sweepHorizon(db)) } ?? false
            return try versionsDue || uploads.oldest(db).map { $0 < uploadHorizon } ?? false
        }
        guard due else { return PurgeReport() }
        let (report, aborted) = try database.write { db in (try sweepExpired(db), try abortUploads(db, startedBefore: uploadHorizon)) }
        collectGarbage()
        if aborted > 0 { logger.info("lifecycle: aborted \(Plural.count(aborted, "incomplete multipart upload"))") }
        if report.versions + report.deleteMarkers > 0 {
            logger.info(
                "lifecycle: removed \(Plural.count(report.versions, "expired version")) and \(Plural.count(report.deleteMarkers, "delete marker"))"
            )
            changes.notify()
        }
        return report
    }

    /// Versions replaced before this may have expired (the shortest retention any user has).
    private func sweepHorizon(_ db: any SQL) throws -> Date {
        clock.now().addingTimeInterval(-TimeInterval(try users.shortestRetention(db)))
    }

    func expire(_ db: any SQL, _ version: ObjectVersion, into report: inout PurgeReport) throws {
        try versions.remove(db, key: version.key, versionId: version.versionId)
        if version.isDeleteMarker {
            report.deleteMarkers += 1
            return
        }
        report.versions += 1
        report.bytes += version.size
        try addUsage(db, key: version.key, total: -version.size, noncurrent: -version.size)
        if let blob = version.blob { try collectIfUnreferenced(db, blob: blob) }
    }

    // MARK: - Bookkeeping

    private func write(_ db: any SQL, _ object: ObjectMetadata, replacing old: ObjectMetadata?, reason: String) throws {
        try db.execute(
            """
            INSERT OR REPLACE INTO objects (key, blob, size, etag, modified, sequencer, version_id, content_type, headers)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                object.key, object.blob, object.size, object.etag, object.modified.timeIntervalSince1970, object.sequencer,
                object.versionId, object.contentType, object.headers.fieldsColumn,
            ])
        try addUsage(db, key: object.key, total: object.size)
        if let old { try retire(db, old, reason: reason) }
    }

    /// `old` stops being current: it is kept as an old version (still counted in usage) if `keep` and its
    /// user keeps versions, else its bytes are released. Returns whether it was kept.
    @discardableResult
    private func retire(_ db: any SQL, _ old: ObjectMetadata, reason: String, keep: Bool = true) throws -> Bool {
        guard keep, let (user, _) = RemotePath.split(key: old.key), try users.retention(db, user) > 0 else {
            try addUsage(db, key: old.key, total: -old.size)
            try collectIfUnreferenced(db, blob: old.blob)
            return false
        }
        try versions.archive(db, old, reason: reason, now: clock.now())
        try addUsage(db, key: old.key, noncurrent: old.size)
        return true
    }

    /// Marks a blob as garbage once neither an object, a kept version nor a pending part refers to it.
    func collectIfUnreferenced(_ db: any SQL, blob: String) throws {
        if try !isReferenced(db, blob: blob) {
            try db.execute("INSERT OR IGNORE INTO blob_garbage (blob) VALUES (?)", [blob])
            try uploads.forgetMD5(db, blob: blob)
        }
    }

    /// Whether an object, a kept version or a pending part holds this blob.
    private func isReferenced(_ db: any SQL, blob: String) throws -> Bool {
        try db.fetchOne(
            Bool.self,
            """
            SELECT EXISTS (SELECT 1 FROM objects WHERE blob = ?1) OR EXISTS (SELECT 1 FROM object_versions WHERE blob = ?1)
                OR EXISTS (SELECT 1 FROM multipart_parts WHERE blob = ?1)
            """, [blob]) ?? false
    }

    func addUsage(_ db: any SQL, key: String, total: Int64 = 0, noncurrent: Int64 = 0) throws {
        guard let (user, _) = RemotePath.split(key: key) else { return }
        try db.execute(
            """
            INSERT INTO store_usage (user, bytes, noncurrent) VALUES (?, ?, ?)
            ON CONFLICT(user) DO UPDATE SET bytes = bytes + excluded.bytes, noncurrent = noncurrent + excluded.noncurrent
            """, [user, total, noncurrent])
    }

    func nextSequencer(_ db: any SQL) throws -> String {
        try Self.sequencer(
            Self.counter(
                try db.fetchOne(Int64.self, "UPDATE counters SET value = value + 1 WHERE name = 'sequencer' RETURNING value")))
    }

    /// The sequencer of the latest write so far: every object written up to now has one that is not greater.
    func latestSequencer(_ db: any SQL) throws -> String {
        try Self.sequencer(Self.counter(try db.fetchOne(Int64.self, "SELECT value FROM counters WHERE name = 'sequencer'")))
    }

    /// The sequencer counter's value; its row is created with the schema, so a missing one is damage.
    private static func counter(_ value: Int64?) throws -> Int64 {
        guard let value else { throw PailError(.internalError, "The database has lost its sequencer counter") }
        return value
    }

    /// A sequencer's text: fixed-width uppercase hex, so comparing texts compares numbers.
    static func sequencer(_ value: Int64) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 16 - hex.count)) + hex
    }

    /// Removes the files of blobs that committed transactions let go of.
    /// A failure leaves the rows for the next collection (any process, at any later commit or open).
    func collectGarbage() {
        do {
            let garbage = try database.read { try $0.fetchAll(String.self, "SELECT blob FROM blob_garbage") }
            guard !garbage.isEmpty else { return }
            try blobs.remove(garbage)
            try database.write { db in
                for blob in garbage { try db.execute("DELETE FROM blob_garbage WHERE blob = ?", [blob]) }
            }
        } catch {
            logger.warning("released blobs not yet removed: \(error)")
        }
    }

    /// Cleans what a crash left behind: unfinished writes and the files of released blobs.
    func recover() throws {
        try blobs.recover { blob in try database.read { try isReferenced($0, blob: blob) } }
        collectGarbage()
    }
}
