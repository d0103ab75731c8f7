import Foundation

/// The store's non-current versions and delete markers (S3 versioning), one row each, keyed by
/// `(key, version_id)`. The current version of a key is its row in `objects`; when a key has none,
/// its newest delete marker is current (the file is in the trash).
struct VersionTable: Sendable {
    static func createSchema(_ db: any SQL) throws {
        try db.executeScript(
            """
            CREATE TABLE object_versions (
                key TEXT NOT NULL,
                version_id TEXT NOT NULL,
                blob TEXT,
                size INTEGER NOT NULL,
                etag TEXT NOT NULL,
                modified REAL NOT NULL,
                delete_marker INTEGER NOT NULL,
                noncurrent_since REAL NOT NULL,
                replaced_by TEXT NOT NULL,
                PRIMARY KEY (key, version_id)
            ) WITHOUT ROWID;
            CREATE INDEX object_versions_blob ON object_versions(blob) WHERE blob IS NOT NULL;
            CREATE INDEX object_versions_since ON object_versions(noncurrent_since);
            """)
    }

    /// Keeps `object` as a non-current version from `now`, made so by `reason`.
    func archive(_ db: any SQL, _ object: ObjectMetadata, reason: String, now: Date) throws {
        try insert(
            db, key: object.key, versionId: object.versionId, blob: object.blob, size: object.size, etag: object.etag,
            modified: object.modified, deleteMarker: false, since: now, reason: reason, headers: object.headers)
    }

    /// Records that `key` was deleted at `now` (the marker's version id is the delete's sequencer).
    func addDeleteMarker(_ db: any SQL, key: String, versionId: String, now: Date) throws {
        try insert(
            db, key: key, versionId: versionId, blob: nil, size: 0, etag: "", modified: now, deleteMarker: true,
            since: now, reason: "DeleteObject")
    }

    private func insert(
        _ db: any SQL, key: String, versionId: String, blob: String?, size: Int64, etag: String, modified: Date,
        deleteMarker: Bool, since: Date, reason: String, headers: ObjectHeaders = .none
    ) throws {
        try db.execute(
            """
            INSERT OR REPLACE INTO object_versions
                (key, version_id, blob, size, etag, modified, delete_marker, noncurrent_since, replaced_by, content_type, headers)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                key, versionId, blob, size, etag, modified.timeIntervalSince1970, deleteMarker, since.timeIntervalSince1970, reason,
                headers.contentType, headers.fieldsColumn,
            ])
    }

    /// The kept versions and delete markers of one key, the most recently replaced first.
    func versions(_ db: any SQL, key: String) throws -> [ObjectVersion] {
        try db.fetchAll("SELECT * FROM object_versions WHERE key = ? ORDER BY noncurrent_since DESC, version_id DESC", [key]) {
            ObjectVersion(row: $0)
        }
    }

    /// One kept version, or nil.
    func version(_ db: any SQL, key: String, versionId: String) throws -> ObjectVersion? {
        try db.fetchOne("SELECT * FROM object_versions WHERE key = ? AND version_id = ?", [key, versionId]) { ObjectVersion(row: $0) }
    }

    /// Forgets one kept version (its bytes are the caller's to release).
    func remove(_ db: any SQL, key: String, versionId: String) throws {
        try db.execute("DELETE FROM object_versions WHERE key = ? AND version_id = ?", [key, versionId])
    }

    /// The keys under `prefix` whose newest row is a delete marker, with that marker (the caller checks
    /// that no current object exists), in key order.
    func newestDeleteMarkers(_ db: any SQL, prefix: String) throws -> [ObjectVersion] {
        try db.fetchAll(
            """
            SELECT v.* FROM object_versions v
            WHERE v.key >= ? AND v.key < CAST(? AS TEXT) AND v.delete_marker = 1
              AND v.version_id = (SELECT max(version_id) FROM object_versions WHERE key = v.key AND delete_marker = 1)
              AND NOT EXISTS (SELECT 1 FROM objects o WHERE o.key = v.key)
            ORDER BY v.key
            """, [prefix, PrefixRange.upperBound(of: prefix)]
        ) { ObjectVersion(row: $0).asCurrentDeleteMarker }
    }

    /// Kept versions and markers under `prefix` that became non-current before `cutoff`.
    func replaced(_ db: any SQL, prefix: String, before cutoff: Date) throws -> [ObjectVersion] {
        try db.fetchAll(
            "SELECT * FROM object_versions WHERE key >= ? AND key < CAST(? AS TEXT) AND noncurrent_since < ?",
            [prefix, PrefixRange.upperBound(of: prefix), cutoff.timeIntervalSince1970]
        ) { ObjectVersion(row: $0) }
    }

    /// Up to `limit` kept versions of any key that became non-current before `cutoff`, oldest first.
    func replaced(_ db: any SQL, before cutoff: Date, limit: Int) throws -> [ObjectVersion] {
        try db.fetchAll(
            "SELECT * FROM object_versions WHERE noncurrent_since < ? ORDER BY noncurrent_since LIMIT ?",
            [cutoff.timeIntervalSince1970, limit]
        ) { ObjectVersion(row: $0) }
    }

    /// When the longest-kept version became non-current; nil if none is kept.
    func oldest(_ db: any SQL) throws -> Date? {
        try db.fetchOne(Double.self, "SELECT min(noncurrent_since) FROM object_versions").map(Date.init(timeIntervalSince1970:))
    }
}
