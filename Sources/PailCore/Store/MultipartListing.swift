import Foundation

/// One page of ListParts: the upload's parts in part-number order after the marker.
///
/// ```swift
/// var page = try store.listParts(uploadId: id, key: key)
/// while page.isTruncated { page = try store.listParts(uploadId: id, key: key, partNumberMarker: page.nextPartNumberMarker!) }
/// ```
public struct PartsPage: Sendable, Equatable {
    public let upload: MultipartUpload
    public let parts: [PartInfo]
    /// Whether more parts follow this page.
    public let isTruncated: Bool
    /// Where the next page starts (the last part number of this one) when `isTruncated`; nil otherwise.
    public let nextPartNumberMarker: Int?
}

/// One page of ListMultipartUploads: incomplete uploads in key order (then upload-id order) after the markers.
///
/// ```swift
/// let page = try store.listMultipartUploads(prefix: "alice/docs/", maxUploads: 100)
/// if page.isTruncated { _ = try store.listMultipartUploads(keyMarker: page.nextKeyMarker, uploadIdMarker: page.nextUploadIdMarker) }
/// ```
public struct MultipartUploadsPage: Sendable, Equatable {
    public let uploads: [MultipartUpload]
    /// Whether more uploads follow this page.
    public let isTruncated: Bool
    /// The key and upload id of this page's last upload when `isTruncated`: the next page's markers.
    public let nextKeyMarker: String?
    public let nextUploadIdMarker: String?
}
