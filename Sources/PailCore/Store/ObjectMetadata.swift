import Foundation

/// What the store knows of an object besides its bytes.
public struct ObjectMetadata: Sendable, Equatable, Codable {
    public let key: String
    public let size: Int64
    /// S3's ETag, lowercase hex without quotes: the MD5 of the bytes, or for an object completed from parts
    /// the MD5 of the parts' MD5s, `-` and the number of parts.
    public let etag: String
    public let modified: Date
    /// Increases with every change of this key (hex, fixed width, so text order is numeric order).
    public let sequencer: String
    /// The version these bytes are (S3's `VersionId`): set when they were written, kept when a restore
    /// makes them current again.
    public let versionId: String
    /// The headers the bytes were stored with (a PUT's `Content-Type`, content headers, user metadata).
    public let headers: ObjectHeaders
    /// The `Content-Type` the bytes were stored with, if one was given.
    public var contentType: String? { headers.contentType }
    /// The file's own modification time: the local file's, as its uploader recorded it (`x-amz-meta-mtime`),
    /// else when the store wrote these bytes.
    public var fileModified: Date { headers.fileModified ?? modified }
    let blob: String

    init(row: any SQLRow) {
        key = row["key"]
        size = row["size"]
        etag = row["etag"]
        modified = Date(timeIntervalSince1970: row["modified"])
        sequencer = row["sequencer"]
        blob = row["blob"]
        versionId = row["version_id"]
        headers = ObjectHeaders(row: row)
    }

    /// A new object; a new write's version id is its sequencer (unique, and ordered as writes are).
    init(
        key: String, size: Int64, etag: String, modified: Date, sequencer: String, blob: String, versionId: String? = nil,
        headers: ObjectHeaders = .none
    ) {
        self.key = key
        self.size = size
        self.etag = etag
        self.modified = modified
        self.sequencer = sequencer
        self.blob = blob
        self.versionId = versionId ?? sequencer
        self.headers = headers
    }
}
