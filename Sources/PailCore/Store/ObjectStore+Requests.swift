import Foundation

/// The store's operations for a caller that authenticated the request itself (the HTTP endpoint checks
/// SigV4 headers, then calls these): each is one transaction, and readers hear of it at once.
extension ObjectStore {
    /// Starts an object that a client streams in; nothing is visible until the upload commits.
    /// `limit` refuses bodies over it as they arrive (`EntityTooLarge`).
    public func beginUpload(key: String, limit: Int64? = nil) throws -> ObjectUpload {
        try Self.validateObjectKey(key)
        return ObjectUpload(key: key, writer: try blobs.create(), store: self, limit: limit)
    }

    /// Checks a key that bytes are about to be written to: a valid `user/path` that is not a folder.
    /// Returns the user.
    @discardableResult
    static func validateObjectKey(_ key: String) throws -> String {
        try RemotePath.validate(key: key)
        guard !key.endsWithSlash else {
            throw PailError(.invalidArgument, "Key '\(RemotePath.printable(key))' ends with '/': a folder cannot hold bytes")
        }
        guard let (user, _) = RemotePath.split(key: key) else {
            throw PailError(.invalidArgument, "Key '\(RemotePath.printable(key))' is not of the form user/path")
        }
        return user
    }

    /// Opens the current object at `key` for reading; `NoSuchKey` if there is none.
    public func open(key: String) throws -> ObjectBody {
        try open(key: key) { db in
            guard let object = try head(db, key: key) else {
                throw PailError(.noSuchKey, "The specified key does not exist: \(RemotePath.printable(key))")
            }
            return object
        }
    }

    /// Opens one version of `key` for reading: the current one or a kept one. `NoSuchVersion` if there is
    /// none of that id; `MethodNotAllowed` for a delete marker (it holds no bytes), as S3 answers.
    public func open(key: String, versionId: String) throws -> ObjectBody {
        try open(key: key) { db in try stored(db, key: key, versionId: versionId) }
    }

    /// One version of `key` as an object: the current one or a kept one. `NoSuchVersion` if there is none
    /// of that id; `MethodNotAllowed` for a delete marker (it holds no bytes), as S3 answers.
    func stored(_ db: any SQL, key: String, versionId: String) throws -> ObjectMetadata {
        if let current = try head(db, key: key), current.versionId == versionId { return current }
        guard let version = try versions.version(db, key: key, versionId: versionId) else {
            throw PailError(.noSuchVersion, "The specified version does not exist: \(RemotePath.printable(key)) version \(versionId)")
        }
        guard let object = version.storedObject else {
            throw PailError(
                .methodNotAllowed, "The specified method is not allowed against this resource: version \(versionId) is a delete marker")
        }
        return object
    }

    /// Opens the bytes of the object `find` names. Between reading the metadata and opening the blob,
    /// another process may replace the object; the old blob is then gone, and reading again finds the new one.
    private func open(key: String, find: (any SQL) throws -> ObjectMetadata) throws -> ObjectBody {
        for _ in 0..<8 {
            let (object, md5) = try database.read { db in
                let object = try find(db)
                return (object, try uploads.md5(db, blob: object.blob) ?? object.etag)
            }
            do {
                return ObjectBody(object: object, md5: md5, source: try blobs.open(object.blob))
            } catch let error as PailError where error.code == .noSuchKey {
                continue
            }
        }
        throw PailError(.storageError, "The object \(RemotePath.printable(key)) kept changing while it was opened")
    }

    /// The current object at `key`, or nil.
    public func head(key: String) throws -> ObjectMetadata? {
        try database.read { try head($0, key: key) }
    }

    /// S3's CopyObject: the target shares the source's bytes (nothing is read or written again); the
    /// target's user must stay within their quota.
    public func copyObject(
        from source: String, versionId: String? = nil, to target: String, headers: ObjectHeaders? = nil
    ) throws -> ObjectMetadata {
        let object = try database.write { try copyObject($0, from: source, versionId: versionId, to: target, headers: headers) }
        changes.notify()
        return object
    }

    /// S3's DeleteObject on a versioned bucket: the object goes behind a delete marker (the trash).
    /// Returns the marker's version id, or nil if nothing was there (S3 answers 204 either way).
    @discardableResult
    public func deleteObject(key: String) throws -> String? {
        let marker = try database.write { db -> String? in
            guard try delete(db, key: key) else { return nil }
            return try versions.versions(db, key: key).first(where: \.isDeleteMarker)?.versionId
        }
        changes.notify()
        return marker
    }
}

/// An object being streamed into the store by a client: the bytes go into a new blob as they arrive,
/// hashed on the way (the ETag); `commit` makes the blob durable and the object visible, with its event,
/// in one transaction. Dropped without a commit, the blob is removed. Used by one task at a time.
///
/// ```swift
/// let upload = try store.beginUpload(key: "alice/a.txt", limit: grant)
/// try chunks.forEach { try upload.write($0) }
/// let object = try upload.commit(headers: ObjectHeaders(contentType: "text/plain"))
/// ```
public final class ObjectUpload: @unchecked Sendable {
    public let key: String
    private let writer: any BlobSink
    private let store: ObjectStore
    private let limit: Int64?

    init(key: String, writer: any BlobSink, store: ObjectStore, limit: Int64?) {
        self.key = key
        self.writer = writer
        self.store = store
        self.limit = limit
    }

    /// The bytes written so far.
    public var size: Int64 { writer.size }

    /// Appends bytes; `EntityTooLarge` past the limit.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        if let limit, writer.size + Int64(bytes.count) > limit { throw ObjectStore.tooLarge(limit) }
        try writer.write(bytes)
    }

    /// Makes the bytes durable (`fsync`) and the object visible at `key` with its `Object Created` event;
    /// `QuotaExceeded` (and nothing stored) if it would take its user over their limit.
    /// It commits as a staged PUT of one (`StagedPuts`); refused, its bytes are removed.
    public func commit(headers: ObjectHeaders = .none) throws -> ObjectMetadata {
        let staged = StagedPuts(store: store, group: nil)
        staged.writers = [writer]
        staged.objects = [(key, writer, try writer.finish(durable: true), headers)]
        return try staged.commit()[0]
    }

    /// Abandons the upload: its bytes are removed.
    public func discard() { writer.discard() }
}
