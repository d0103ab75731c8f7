import Foundation

/// `ListVersionsResult`, the answer to ListObjectVersions (`GET /bucket?versions`): versions and delete markers in order.
///
/// Versions and delete markers are written interleaved in the order given (key order, newest version first,
/// as S3 lists them). `KeyMarker` and `VersionIdMarker` are always written (empty when not asked);
/// `NextKeyMarker` and `NextVersionIdMarker` when set. With `encoding-type=url`, `KeyMarker`,
/// `NextKeyMarker`, `Prefix`, `Delimiter`, `Key` and `CommonPrefixes`' `Prefix` are written URL-encoded.
///
/// ```swift
/// S3ListVersionsResult(bucket: "pail", prefix: "ann/", maxKeys: 1000, delimiter: nil, isTruncated: false,
///                      entries: [.version(.init(key: "ann/a", versionId: "2", isLatest: true, lastModified: now,
///                                                 etag: "9b2c…", size: 3, owner: owner))], commonPrefixes: [])
/// ```
package struct S3ListVersionsResult: S3XMLDocument, Equatable {
    /// A version holding bytes (`Version`).
    package struct Version: Sendable, Equatable {
        package var key: String
        package var versionId: String
        package var isLatest: Bool
        package var lastModified: Date
        /// Without quotes (written in quotes).
        package var etag: String
        package var size: Int64
        package var owner: S3Owner?

        package init(
            key: String, versionId: String, isLatest: Bool, lastModified: Date, etag: String, size: Int64, owner: S3Owner?
        ) {
            self.key = key
            self.versionId = versionId
            self.isLatest = isLatest
            self.lastModified = lastModified
            self.etag = etag
            self.size = size
            self.owner = owner
        }
    }

    /// A delete marker (`DeleteMarker`).
    package struct DeleteMarker: Sendable, Equatable {
        package var key: String
        package var versionId: String
        package var isLatest: Bool
        package var lastModified: Date
        package var owner: S3Owner?

        package init(key: String, versionId: String, isLatest: Bool, lastModified: Date, owner: S3Owner?) {
            self.key = key
            self.versionId = versionId
            self.isLatest = isLatest
            self.lastModified = lastModified
            self.owner = owner
        }
    }

    /// One entry of the page.
    package enum Entry: Sendable, Equatable {
        case version(Version)
        case deleteMarker(DeleteMarker)
    }

    package var rootElement: String { "ListVersionsResult" }
    package var bucket: String
    package var prefix: String
    package var keyMarker: String
    package var versionIdMarker: String
    package var nextKeyMarker: String?
    package var nextVersionIdMarker: String?
    package var maxKeys: Int
    package var delimiter: String?
    package var isTruncated: Bool
    package var encodingType: S3EncodingType?
    package var entries: [Entry]
    package var commonPrefixes: [String]

    package init(
        bucket: String, prefix: String, keyMarker: String = "", versionIdMarker: String = "", nextKeyMarker: String? = nil,
        nextVersionIdMarker: String? = nil, maxKeys: Int, delimiter: String?, isTruncated: Bool,
        encodingType: S3EncodingType? = nil, entries: [Entry], commonPrefixes: [String]
    ) {
        self.bucket = bucket
        self.prefix = prefix
        self.keyMarker = keyMarker
        self.versionIdMarker = versionIdMarker
        self.nextKeyMarker = nextKeyMarker
        self.nextVersionIdMarker = nextVersionIdMarker
        self.maxKeys = maxKeys
        self.delimiter = delimiter
        self.isTruncated = isTruncated
        self.encodingType = encodingType
        self.entries = entries
        self.commonPrefixes = commonPrefixes
    }

    package var estimatedSize: Int { estimatedListingSize(entries: entries.count + commonPrefixes.count) }

    package func writeContent(to writer: inout S3XMLWriter) {
        writer.element("Name", text: bucket)
        writer.element("Prefix", key: prefix, encoding: encodingType)
        writer.element("KeyMarker", key: keyMarker, encoding: encodingType)
        writer.element("VersionIdMarker", text: versionIdMarker)
        if let nextKeyMarker { writer.element("NextKeyMarker", key: nextKeyMarker, encoding: encodingType) }
        writer.element("NextVersionIdMarker", ifPresent: nextVersionIdMarker)
        writer.element("MaxKeys", maxKeys)
        if let delimiter { writer.element("Delimiter", key: delimiter, encoding: encodingType) }
        writer.element("IsTruncated", isTruncated)
        if let encodingType { writer.element("EncodingType", text: encodingType.rawValue) }
        for entry in entries {
            switch entry {
            case .version(let version):
                writer.element("Version") { writer in
                    writer.element("Key", key: version.key, encoding: encodingType)
                    writer.element("VersionId", text: version.versionId)
                    writer.element("IsLatest", version.isLatest)
                    writer.element("LastModified", version.lastModified)
                    writer.element("ETag", etag: version.etag)
                    writer.element("Size", version.size)
                    writer.element("StorageClass", text: "STANDARD")
                    version.owner?.write(as: "Owner", to: &writer)
                }
            case .deleteMarker(let marker):
                writer.element("DeleteMarker") { writer in
                    writer.element("Key", key: marker.key, encoding: encodingType)
                    writer.element("VersionId", text: marker.versionId)
                    writer.element("IsLatest", marker.isLatest)
                    writer.element("LastModified", marker.lastModified)
                    marker.owner?.write(as: "Owner", to: &writer)
                }
            }
        }
        writer.commonPrefixes(commonPrefixes, encoding: encodingType)
    }
}
