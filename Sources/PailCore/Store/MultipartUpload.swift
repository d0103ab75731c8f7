import Foundation

/// An incomplete multipart upload, as S3's ListMultipartUploads shows one: started, holding parts,
/// neither completed nor aborted yet.
///
/// ```swift
/// let page = try store.listMultipartUploads(prefix: "alice/")
/// for upload in page.uploads { print(upload.key, upload.uploadId, upload.initiated) }
/// ```
public struct MultipartUpload: Sendable, Equatable {
    /// The upload's id: random, URL-safe, hard to guess (every later request names it).
    public let uploadId: String
    /// The key the completed object will have.
    public let key: String
    /// The user whose partition the key is in: their quota holds the parts.
    public let user: String
    public let initiated: Date
    /// The `Content-Type` given when the upload was created; the object gets it unless completion names another.
    public let headers: ObjectHeaders

    init(uploadId: String, key: String, user: String, initiated: Date, headers: ObjectHeaders) {
        self.uploadId = uploadId
        self.key = key
        self.user = user
        self.initiated = initiated
        self.headers = headers
    }

    init(row: any SQLRow) {
        uploadId = row["upload_id"]
        key = row["key"]
        user = row["user"]
        initiated = Date(timeIntervalSince1970: row["initiated"])
        headers = ObjectHeaders(row: row)
    }
}

/// A part stored for a multipart upload (S3's `Part` in ListParts, and what UploadPart answers).
///
/// ```swift
/// let part = try upload.commit()
/// completed.append((number: part.number, etag: part.etag))
/// ```
public struct PartInfo: Sendable, Equatable {
    /// The part number, 1…10000: the parts of the object are in this order.
    public let number: Int
    public let size: Int64
    /// MD5 of the part's bytes, lowercase hex, without quotes.
    public let etag: String
    public let modified: Date

    init(number: Int, size: Int64, etag: String, modified: Date) {
        self.number = number
        self.size = size
        self.etag = etag
        self.modified = modified
    }

    init(row: any SQLRow) {
        number = row["part_number"]
        size = row["size"]
        etag = row["etag"]
        modified = Date(timeIntervalSince1970: row["modified"])
    }
}
