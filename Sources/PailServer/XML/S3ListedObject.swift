import Foundation

/// One object of a listing (`Contents`): key, time, ETag, size, storage class `STANDARD` and, when asked, owner.
///
/// ```swift
/// S3ListedObject(key: "ann/a.txt", lastModified: now, etag: "9b2cf535f27731c974343645a3985328", size: 12)
/// ```
package struct S3ListedObject: Sendable, Equatable {
    package var key: String
    package var lastModified: Date
    /// The ETag without quotes, as PailCore keeps it (written in quotes).
    package var etag: String
    package var size: Int64
    /// Written when set: always in ListObjects (v1), with `fetch-owner=true` in ListObjectsV2.
    package var owner: S3Owner?

    package init(key: String, lastModified: Date, etag: String, size: Int64, owner: S3Owner? = nil) {
        self.key = key
        self.lastModified = lastModified
        self.etag = etag
        self.size = size
        self.owner = owner
    }

    func write(to writer: inout S3XMLWriter, encoding: S3EncodingType?) {
        writer.element("Contents") { writer in
            writer.element("Key", key: key, encoding: encoding)
            writer.element("LastModified", lastModified)
            writer.element("ETag", etag: etag)
            writer.element("Size", size)
            writer.element("StorageClass", text: "STANDARD")
            owner?.write(as: "Owner", to: &writer)
        }
    }
}

extension S3XMLWriter {
    /// One `<CommonPrefixes><Prefix>…</Prefix></CommonPrefixes>` per prefix, each encoded as the listing asked.
    mutating func commonPrefixes(_ prefixes: [String], encoding: S3EncodingType?) {
        for prefix in prefixes {
            element("CommonPrefixes") { writer in writer.element("Prefix", key: prefix, encoding: encoding) }
        }
    }
}

/// About how many bytes a listing of `entries` entries takes.
func estimatedListingSize(entries: Int) -> Int { 512 + 320 * entries }
