import Foundation

/// The store's incomplete multipart uploads and their parts, and the MD5 of each blob assembled from parts.
///
/// A part is a blob of its own, held by its row (never an object, never listed) until its upload is
/// completed or aborted, or expires. An object completed from parts has S3's multipart ETag, which is
/// not the MD5 of its bytes; `blob_digests` keeps that MD5 for its blob, for `check --deep` and downloads.
struct MultipartUploads: Sendable {
    static func createSchema(_ db: any SQL) throws {
        try db.executeScript(
            """
            CREATE TABLE multipart_uploads (
                upload_id TEXT PRIMARY KEY NOT NULL,
                key TEXT NOT NULL,
                user TEXT NOT NULL,
                initiated REAL NOT NULL,
                content_type TEXT
            ) WITHOUT ROWID;
            CREATE INDEX multipart_uploads_key ON multipart_uploads(key);
            CREATE INDEX multipart_uploads_user ON multipart_uploads(user);
            CREATE INDEX multipart_uploads_initiated ON multipart_uploads(initiated);
            CREATE TABLE multipart_parts (
                upload_id TEXT NOT NULL REFERENCES multipart_uploads(upload_id),
                part_number INTEGER NOT NULL,
                blob TEXT NOT NULL,
                size INTEGER NOT NULL,
                etag TEXT NOT NULL,
                modified REAL NOT NULL,
                PRIMARY KEY (upload_id, part_number)
            ) WITHOUT ROWID;
            CREATE INDEX multipart_parts_blob ON multipart_parts(blob);
            CREATE TABLE blob_digests (blob TEXT PRIMARY KEY NOT NULL, md5 TEXT NOT NULL) WITHOUT ROWID;
            """)
    }

    /// A new upload id: 256 random bits, base64url without padding (43 characters).
    static func newUploadId() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        for _ in 0..<4 { withUnsafeBytes(of: generator.next() as UInt64) { bytes += $0 } }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    func insert(_ db: any SQL, _ upload: MultipartUpload) throws {
        try db.execute(
            "INSERT INTO multipart_uploads (upload_id, key, user, initiated, content_type, headers) VALUES (?, ?, ?, ?, ?, ?)",
            [
                upload.uploadId, upload.key, upload.user, upload.initiated.timeIntervalSince1970, upload.headers.contentType,
                upload.headers.fieldsColumn,
            ])
    }

    /// The upload with this id, if it is one for `key`.
    func upload(_ db: any SQL, id: String, key: String) throws -> MultipartUpload? {
        try db.fetchOne("SELECT * FROM multipart_uploads WHERE upload_id = ? AND key = ?", [id, key], MultipartUpload.init(row:))
    }

    /// One part and its blob, or nil.
    func part(_ db: any SQL, uploadId: String, number: Int) throws -> StoredPart? {
        try db.fetchOne("SELECT * FROM multipart_parts WHERE upload_id = ? AND part_number = ?", [uploadId, number], StoredPart.init(row:))
    }

    /// Every part of an upload with its blob, by part number.
    func parts(_ db: any SQL, uploadId: String) throws -> [Int: StoredPart] {
        let parts = try db.fetchAll("SELECT * FROM multipart_parts WHERE upload_id = ?", [uploadId], StoredPart.init(row:))
        return Dictionary(uniqueKeysWithValues: parts.map { ($0.info.number, $0) })
    }

    /// Up to `limit` parts numbered above `marker`, in order.
    func parts(_ db: any SQL, uploadId: String, after marker: Int, limit: Int) throws -> [PartInfo] {
        try db.fetchAll(
            "SELECT * FROM multipart_parts WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?",
            [uploadId, marker, limit], PartInfo.init(row:))
    }

    /// Records a part, replacing one of the same number (whose blob is the caller's to release).
    func put(_ db: any SQL, uploadId: String, _ part: PartInfo, blob: String) throws {
        try db.execute(
            """
            INSERT OR REPLACE INTO multipart_parts (upload_id, part_number, blob, size, etag, modified) VALUES (?, ?, ?, ?, ?, ?)
            """, [uploadId, part.number, blob, part.size, part.etag, part.modified.timeIntervalSince1970])
    }

    /// Forgets an upload and its parts; returns the parts' blobs, which the caller releases.
    func remove(_ db: any SQL, uploadId: String) throws -> [String] {
        let blobs = try db.fetchAll(String.self, "DELETE FROM multipart_parts WHERE upload_id = ? RETURNING blob", [uploadId])
        try db.execute("DELETE FROM multipart_uploads WHERE upload_id = ?", [uploadId])
        return blobs
    }

    /// The bytes a user's incomplete uploads hold.
    func pendingBytes(_ db: any SQL, user: String) throws -> Int64 {
        try db.fetchOne(
            Int64.self,
            """
            SELECT COALESCE(SUM(p.size), 0) FROM multipart_uploads u JOIN multipart_parts p ON p.upload_id = u.upload_id
            WHERE u.user = ?
            """, [user]) ?? 0
    }

    /// Up to `limit` uploads under `prefix` after the markers (S3's: with `keyMarker` only, keys above it;
    /// with both, also the marker key's uploads whose id is above `uploadIdMarker`), by key, then id.
    func list(_ db: any SQL, prefix: String, keyMarker: String?, uploadIdMarker: String?, limit: Int) throws -> [MultipartUpload] {
        try db.fetchAll(
            """
            SELECT * FROM multipart_uploads
            WHERE key >= ?1 AND key < CAST(?2 AS TEXT)
              AND (?3 IS NULL OR key > ?3 OR (key = ?3 AND upload_id > ?4))
            ORDER BY key, upload_id LIMIT ?5
            """, [prefix, PrefixRange.upperBound(of: prefix), keyMarker, uploadIdMarker, limit], MultipartUpload.init(row:))
    }

    /// Up to `limit` uploads started before `cutoff`, the oldest first.
    func started(_ db: any SQL, before cutoff: Date, limit: Int) throws -> [MultipartUpload] {
        try db.fetchAll(
            "SELECT * FROM multipart_uploads WHERE initiated < ? ORDER BY initiated LIMIT ?", [cutoff.timeIntervalSince1970, limit],
            MultipartUpload.init(row:))
    }

    /// When the oldest incomplete upload started; nil if there is none.
    func oldest(_ db: any SQL) throws -> Date? {
        try db.fetchOne(Double.self, "SELECT min(initiated) FROM multipart_uploads").map(Date.init(timeIntervalSince1970:))
    }

    // MARK: - Digests of assembled blobs

    /// Records the MD5 of a blob assembled from parts (its objects' ETag is the multipart one).
    func recordMD5(_ db: any SQL, blob: String, md5: String) throws {
        try db.execute("INSERT OR REPLACE INTO blob_digests (blob, md5) VALUES (?, ?)", [blob, md5])
    }

    /// The recorded MD5 of a blob assembled from parts; nil for any other blob (its ETag is its MD5).
    func md5(_ db: any SQL, blob: String) throws -> String? {
        try db.fetchOne(String.self, "SELECT md5 FROM blob_digests WHERE blob = ?", [blob])
    }

    /// Forgets a released blob's MD5.
    func forgetMD5(_ db: any SQL, blob: String) throws {
        try db.execute("DELETE FROM blob_digests WHERE blob = ?", [blob])
    }
}

/// A part's row: what S3 shows of it, and the blob holding its bytes.
struct StoredPart: Sendable, Equatable {
    let info: PartInfo
    let blob: String

    init(row: any SQLRow) {
        info = PartInfo(row: row)
        blob = row["blob"]
    }
}
