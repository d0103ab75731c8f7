import Foundation

/// One version of a key, as S3's ListObjectVersions shows it: the current object, an older
/// (non-current) one kept by an overwrite or a delete, or a delete marker.
public struct ObjectVersion: Sendable, Equatable {
    public let key: String
    public let versionId: String
    public let size: Int64
    public let etag: String
    /// When these bytes were written (for a delete marker: when the key was deleted).
    public let modified: Date
    public let isCurrent: Bool
    public let isDeleteMarker: Bool
    /// When it stopped being current (nil for the current version); its retention counts from then.
    public let noncurrentSince: Date?
    /// What made it non-current: `PutObject`, `CopyObject`, `DeleteObject` or `RestoreObject`.
    public let replacedBy: String?
    let blob: String?
    /// The headers the bytes were stored with.
    public let headers: ObjectHeaders

    /// The current object as a version.
    init(current object: ObjectMetadata) {
        self.init(
            key: object.key, versionId: object.versionId, size: object.size, etag: object.etag, modified: object.modified,
            isCurrent: true, isDeleteMarker: false, noncurrentSince: nil, replacedBy: nil, blob: object.blob,
            headers: object.headers)
    }

    /// A row of `object_versions` (a kept version or delete marker).
    init(row: any SQLRow) {
        self.init(
            key: row["key"], versionId: row["version_id"], size: row["size"], etag: row["etag"],
            modified: Date(timeIntervalSince1970: row["modified"]), isCurrent: false, isDeleteMarker: row["delete_marker"],
            noncurrentSince: Date(timeIntervalSince1970: row["noncurrent_since"]), replacedBy: row["replaced_by"], blob: row["blob"],
            headers: ObjectHeaders(row: row))
    }

    /// This delete marker as the current version of its key (the file is deleted: it is in the trash).
    var asCurrentDeleteMarker: ObjectVersion {
        ObjectVersion(
            key: key, versionId: versionId, size: size, etag: etag, modified: modified, isCurrent: true,
            isDeleteMarker: isDeleteMarker, noncurrentSince: nil, replacedBy: nil, blob: blob, headers: headers)
    }

    private init(
        key: String, versionId: String, size: Int64, etag: String, modified: Date, isCurrent: Bool, isDeleteMarker: Bool,
        noncurrentSince: Date?, replacedBy: String?, blob: String?, headers: ObjectHeaders
    ) {
        self.key = key
        self.versionId = versionId
        self.size = size
        self.etag = etag
        self.modified = modified
        self.isCurrent = isCurrent
        self.isDeleteMarker = isDeleteMarker
        self.noncurrentSince = noncurrentSince
        self.replacedBy = replacedBy
        self.blob = blob
        self.headers = headers
    }

    /// The bytes this version holds, as an object to read; nil for a delete marker.
    var storedObject: ObjectMetadata? { restored(sequencer: versionId) }

    /// The object this version holds, made current again under `sequencer` (its version id is kept).
    func restored(sequencer: String) -> ObjectMetadata? {
        guard let blob, !isDeleteMarker else { return nil }
        return ObjectMetadata(
            key: key, size: size, etag: etag, modified: modified, sequencer: sequencer, blob: blob, versionId: versionId,
            headers: headers)
    }
}

/// A deleted file that can still be restored: its delete marker is its current version.
public struct TrashEntry: Sendable, Equatable {
    /// The store key of the file.
    public let key: String
    /// The newest version before the delete: what `restore` brings back.
    public let versionId: String
    public let size: Int64
    public let etag: String
    public let deleted: Date
}

/// What a purge or a lifecycle sweep removed.
public struct PurgeReport: Sendable, Equatable {
    public var versions = 0
    public var deleteMarkers = 0
    public var bytes: Int64 = 0

    public init() {}
}

/// What undoing a write did: the replaced version is current again, or the file (which the write
/// had created) went to the trash.
public enum RevertOutcome: Sendable, Equatable {
    case restored(ObjectMetadata)
    case deleted
}
