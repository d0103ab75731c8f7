import Foundation

/// `ListPartsResult`, the answer to ListParts (`GET /bucket/key?uploadId=…`): a page of an upload's parts.
///
/// `NextPartNumberMarker` is written when set (S3 sets it when the page is truncated).
///
/// ```swift
/// S3ListPartsResult(bucket: "pail", key: "ann/big.bin", uploadId: "0f3a…", initiator: owner, owner: owner,
///                   partNumberMarker: 0, maxParts: 1000, isTruncated: false,
///                   parts: [.init(partNumber: 1, lastModified: now, etag: "7778aef83f66abc1fa1e8477f296d394", size: 5_242_880)])
/// ```
package struct S3ListPartsResult: S3XMLDocument, Equatable {
    /// One uploaded part.
    package struct Part: Sendable, Equatable {
        package var partNumber: Int
        package var lastModified: Date
        /// Without quotes (written in quotes).
        package var etag: String
        package var size: Int64

        package init(partNumber: Int, lastModified: Date, etag: String, size: Int64) {
            self.partNumber = partNumber
            self.lastModified = lastModified
            self.etag = etag
            self.size = size
        }
    }

    package var rootElement: String { "ListPartsResult" }
    package var bucket: String
    package var key: String
    package var uploadId: String
    package var initiator: S3Owner
    package var owner: S3Owner
    package var partNumberMarker: Int
    package var nextPartNumberMarker: Int?
    package var maxParts: Int
    package var isTruncated: Bool
    package var parts: [Part]

    package init(
        bucket: String, key: String, uploadId: String, initiator: S3Owner, owner: S3Owner, partNumberMarker: Int,
        nextPartNumberMarker: Int? = nil, maxParts: Int, isTruncated: Bool, parts: [Part]
    ) {
        self.bucket = bucket
        self.key = key
        self.uploadId = uploadId
        self.initiator = initiator
        self.owner = owner
        self.partNumberMarker = partNumberMarker
        self.nextPartNumberMarker = nextPartNumberMarker
        self.maxParts = maxParts
        self.isTruncated = isTruncated
        self.parts = parts
    }

    package var estimatedSize: Int { 512 + 192 * parts.count }

    package func writeContent(to writer: inout S3XMLWriter) {
        writer.element("Bucket", text: bucket)
        writer.element("Key", text: key)
        writer.element("UploadId", text: uploadId)
        initiator.write(as: "Initiator", to: &writer)
        owner.write(as: "Owner", to: &writer)
        writer.element("StorageClass", text: "STANDARD")
        writer.element("PartNumberMarker", partNumberMarker)
        if let nextPartNumberMarker { writer.element("NextPartNumberMarker", nextPartNumberMarker) }
        writer.element("MaxParts", maxParts)
        writer.element("IsTruncated", isTruncated)
        for part in parts {
            writer.element("Part") { writer in
                writer.element("PartNumber", part.partNumber)
                writer.element("LastModified", part.lastModified)
                writer.element("ETag", etag: part.etag)
                writer.element("Size", part.size)
            }
        }
    }
}
