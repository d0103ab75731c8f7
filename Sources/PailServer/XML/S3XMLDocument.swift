/// A document the endpoint answers with: a value that writes itself as S3's XML.
///
/// A document names its root element (and namespace, S3's unless it says otherwise) and writes the root's
/// content; `xmlBytes` is the whole document, ready to be a response body (`Content-Type: application/xml`).
///
/// ```swift
/// let body = S3InitiateMultipartUploadResult(bucket: "pail", key: "ann/a.bin", uploadId: "u1").xmlBytes
/// ```
package protocol S3XMLDocument: Sendable {
    /// The root element's name, such as `ListBucketResult`.
    var rootElement: String { get }
    /// The root element's default namespace; nil writes no `xmlns` (S3's `Error` has none).
    static var namespace: String? { get }
    /// About how many bytes the document takes, so its buffer is allocated once.
    var estimatedSize: Int { get }
    /// Writes what goes inside the root element.
    func writeContent(to writer: inout S3XMLWriter)
}

extension S3XMLDocument {
    package static var namespace: String? { S3XMLWriter.s3Namespace }

    package var estimatedSize: Int { 512 }

    /// The whole document as UTF-8.
    package var xmlBytes: [UInt8] {
        var writer = S3XMLWriter(root: rootElement, namespace: Self.namespace, capacity: estimatedSize)
        writeContent(to: &writer)
        return writer.finish()
    }

    /// The whole document as a string.
    package var xmlString: String {
        String(decoding: xmlBytes, as: UTF8.self)
    }
}
