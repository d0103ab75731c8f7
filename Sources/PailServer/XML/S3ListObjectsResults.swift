/// `ListBucketResult` of ListObjects (v1, `GET /bucket`): a page of objects and common prefixes after `Marker`.
///
/// With `encoding-type=url`, `Prefix`, `Marker`, `NextMarker`, `Delimiter`, `Key` and `CommonPrefixes`'
/// `Prefix` are written URL-encoded (`S3EncodingType`). `NextMarker` is written, as S3 writes it, only when
/// the page is truncated and a delimiter was given (without one, a client goes on after the last key).
///
/// ```swift
/// S3ListObjectsResult(bucket: "pail", prefix: "ann/", marker: "", maxKeys: 1000, delimiter: "/",
///                     isTruncated: false, contents: objects, commonPrefixes: ["ann/docs/"])
/// ```
package struct S3ListObjectsResult: S3XMLDocument, Equatable {
    package var rootElement: String { "ListBucketResult" }
    package var bucket: String
    package var prefix: String
    package var marker: String
    package var nextMarker: String?
    package var maxKeys: Int
    package var delimiter: String?
    package var isTruncated: Bool
    package var encodingType: S3EncodingType?
    package var contents: [S3ListedObject]
    package var commonPrefixes: [String]

    package init(
        bucket: String, prefix: String, marker: String, nextMarker: String? = nil, maxKeys: Int, delimiter: String?,
        isTruncated: Bool, encodingType: S3EncodingType? = nil, contents: [S3ListedObject], commonPrefixes: [String]
    ) {
        self.bucket = bucket
        self.prefix = prefix
        self.marker = marker
        self.nextMarker = nextMarker
        self.maxKeys = maxKeys
        self.delimiter = delimiter
        self.isTruncated = isTruncated
        self.encodingType = encodingType
        self.contents = contents
        self.commonPrefixes = commonPrefixes
    }

    package var estimatedSize: Int { estimatedListingSize(entries: contents.count + commonPrefixes.count) }

    package func writeContent(to writer: inout S3XMLWriter) {
        writer.element("Name", text: bucket)
        writer.element("Prefix", key: prefix, encoding: encodingType)
        writer.element("Marker", key: marker, encoding: encodingType)
        if isTruncated, delimiter != nil, let nextMarker {
            writer.element("NextMarker", key: nextMarker, encoding: encodingType)
        }
        writer.element("MaxKeys", maxKeys)
        if let delimiter { writer.element("Delimiter", key: delimiter, encoding: encodingType) }
        writer.element("IsTruncated", isTruncated)
        if let encodingType { writer.element("EncodingType", text: encodingType.rawValue) }
        for object in contents { object.write(to: &writer, encoding: encodingType) }
        writer.commonPrefixes(commonPrefixes, encoding: encodingType)
    }
}

/// `ListBucketResult` of ListObjectsV2 (`GET /bucket?list-type=2`): a page after a continuation token or `StartAfter`.
///
/// `KeyCount` is the number of keys and common prefixes on the page. With `encoding-type=url`, `Prefix`,
/// `StartAfter`, `Delimiter`, `Key` and `CommonPrefixes`' `Prefix` are written URL-encoded; the continuation
/// tokens are opaque and written as they are. Tokens and `StartAfter` are written when set.
///
/// ```swift
/// S3ListObjectsV2Result(bucket: "pail", prefix: "ann/", maxKeys: 1000, delimiter: nil, isTruncated: true,
///                       nextContinuationToken: "t2", contents: objects, commonPrefixes: [])
/// ```
package struct S3ListObjectsV2Result: S3XMLDocument, Equatable {
    package var rootElement: String { "ListBucketResult" }
    package var bucket: String
    package var prefix: String
    package var continuationToken: String?
    package var nextContinuationToken: String?
    package var startAfter: String?
    package var maxKeys: Int
    package var delimiter: String?
    package var isTruncated: Bool
    package var encodingType: S3EncodingType?
    package var contents: [S3ListedObject]
    package var commonPrefixes: [String]

    package init(
        bucket: String, prefix: String, continuationToken: String? = nil, nextContinuationToken: String? = nil,
        startAfter: String? = nil, maxKeys: Int, delimiter: String?, isTruncated: Bool, encodingType: S3EncodingType? = nil,
        contents: [S3ListedObject], commonPrefixes: [String]
    ) {
        self.bucket = bucket
        self.prefix = prefix
        self.continuationToken = continuationToken
        self.nextContinuationToken = nextContinuationToken
        self.startAfter = startAfter
        self.maxKeys = maxKeys
        self.delimiter = delimiter
        self.isTruncated = isTruncated
        self.encodingType = encodingType
        self.contents = contents
        self.commonPrefixes = commonPrefixes
    }

    /// The keys and common prefixes on the page, as `KeyCount` says.
    package var keyCount: Int { contents.count + commonPrefixes.count }

    package var estimatedSize: Int { estimatedListingSize(entries: keyCount) }

    package func writeContent(to writer: inout S3XMLWriter) {
        writer.element("Name", text: bucket)
        writer.element("Prefix", key: prefix, encoding: encodingType)
        writer.element("ContinuationToken", ifPresent: continuationToken)
        writer.element("NextContinuationToken", ifPresent: nextContinuationToken)
        if let startAfter { writer.element("StartAfter", key: startAfter, encoding: encodingType) }
        writer.element("KeyCount", keyCount)
        writer.element("MaxKeys", maxKeys)
        if let delimiter { writer.element("Delimiter", key: delimiter, encoding: encodingType) }
        writer.element("IsTruncated", isTruncated)
        if let encodingType { writer.element("EncodingType", text: encodingType.rawValue) }
        for object in contents { object.write(to: &writer, encoding: encodingType) }
        writer.commonPrefixes(commonPrefixes, encoding: encodingType)
    }
}
