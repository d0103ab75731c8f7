import Foundation

/// `CopyObjectResult` (CopyObject) or `CopyPartResult` (UploadPartCopy): the copy's time and ETag.
///
/// ```swift
/// S3CopyResult(.object, lastModified: now, etag: "9b2cf535f27731c974343645a3985328").xmlBytes
/// ```
package struct S3CopyResult: S3XMLDocument, Equatable {
    /// What was copied, which names the root element.
    package enum Kind: Sendable {
        /// `CopyObjectResult`
        case object
        /// `CopyPartResult`
        case part
    }

    package var kind: Kind
    package var lastModified: Date
    /// Without quotes (written in quotes).
    package var etag: String

    package init(_ kind: Kind, lastModified: Date, etag: String) {
        self.kind = kind
        self.lastModified = lastModified
        self.etag = etag
    }

    package var rootElement: String { kind == .object ? "CopyObjectResult" : "CopyPartResult" }

    package func writeContent(to writer: inout S3XMLWriter) {
        writer.element("LastModified", lastModified)
        writer.element("ETag", etag: etag)
    }
}
