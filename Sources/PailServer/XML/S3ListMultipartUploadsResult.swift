import Foundation

/// `ListMultipartUploadsResult`, the answer to ListMultipartUploads (`GET /bucket?uploads`): uploads in progress.
///
/// `KeyMarker` and `UploadIdMarker` are always written (empty when not asked); `NextKeyMarker`,
/// `NextUploadIdMarker`, `Delimiter` when set; `Prefix` when not empty. With `encoding-type=url`,
/// `KeyMarker`, `NextKeyMarker`, `Prefix`, `Delimiter`, `Key` and `CommonPrefixes`' `Prefix` are URL-encoded.
///
/// ```swift
/// S3ListMultipartUploadsResult(bucket: "pail", maxUploads: 1000, isTruncated: false,
///                              uploads: [.init(key: "ann/big.bin", uploadId: "0f3a…", initiator: owner, owner: owner,
///                                              initiated: now)], commonPrefixes: [])
/// ```
package struct S3ListMultipartUploadsResult: S3XMLDocument, Equatable {
    /// One upload in progress.
    package struct Upload: Sendable, Equatable {
        package var key: String
        package var uploadId: String
        package var initiator: S3Owner
        package var owner: S3Owner
        package var initiated: Date

        package init(key: String, uploadId: String, initiator: S3Owner, owner: S3Owner, initiated: Date) {
            self.key = key
            self.uploadId = uploadId
            self.initiator = initiator
            self.owner = owner
            self.initiated = initiated
        }
    }

    package var rootElement: String { "ListMultipartUploadsResult" }
    package var bucket: String
    package var keyMarker: String
    package var uploadIdMarker: String
    package var nextKeyMarker: String?
    package var nextUploadIdMarker: String?
    package var prefix: String
    package var delimiter: String?
    package var maxUploads: Int
    package var isTruncated: Bool
    package var encodingType: S3EncodingType?
    package var uploads: [Upload]
    package var commonPrefixes: [String]

    package init(
        bucket: String, keyMarker: String = "", uploadIdMarker: String = "", nextKeyMarker: String? = nil,
        nextUploadIdMarker: String? = nil, prefix: String = "", delimiter: String? = nil, maxUploads: Int, isTruncated: Bool,
        encodingType: S3EncodingType? = nil, uploads: [Upload], commonPrefixes: [String]
    ) {
        self.bucket = bucket
        self.keyMarker = keyMarker
        self.uploadIdMarker = uploadIdMarker
        self.nextKeyMarker = nextKeyMarker
        self.nextUploadIdMarker = nextUploadIdMarker
        self.prefix = prefix
        self.delimiter = delimiter
        self.maxUploads = maxUploads
        self.isTruncated = isTruncated
        self.encodingType = encodingType
        self.uploads = uploads
        self.commonPrefixes = commonPrefixes
    }

    package var estimatedSize: Int { estimatedListingSize(entries: uploads.count + commonPrefixes.count) }

    package func writeContent(to writer: inout S3XMLWriter) {
        writer.element("Bucket", text: bucket)
        writer.element("KeyMarker", key: keyMarker, encoding: encodingType)
        writer.element("UploadIdMarker", text: uploadIdMarker)
        if let nextKeyMarker { writer.element("NextKeyMarker", key: nextKeyMarker, encoding: encodingType) }
        writer.element("NextUploadIdMarker", ifPresent: nextUploadIdMarker)
        if !prefix.isEmpty { writer.element("Prefix", key: prefix, encoding: encodingType) }
        if let delimiter { writer.element("Delimiter", key: delimiter, encoding: encodingType) }
        writer.element("MaxUploads", maxUploads)
        writer.element("IsTruncated", isTruncated)
        if let encodingType { writer.element("EncodingType", text: encodingType.rawValue) }
        for upload in uploads {
            writer.element("Upload") { writer in
                writer.element("Key", key: upload.key, encoding: encodingType)
                writer.element("UploadId", text: upload.uploadId)
                upload.initiator.write(as: "Initiator", to: &writer)
                upload.owner.write(as: "Owner", to: &writer)
                writer.element("StorageClass", text: "STANDARD")
                writer.element("Initiated", upload.initiated)
            }
        }
        writer.commonPrefixes(commonPrefixes, encoding: encodingType)
    }
}
