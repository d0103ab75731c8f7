/// What a body was checked against and matched, once `PayloadDecoder.finish()` has returned: the flexible
/// checksum S3 echoes in the response of PutObject and UploadPart, and the `Content-MD5` if one was sent.
///
/// ```swift
/// let verified = try decoder.finish()
/// for header in verified.responseHeaders { response.headers[header.name] = header.value }
/// // x-amz-checksum-crc32: NhCmhg==
/// ```
package struct VerifiedChecksums: Sendable, Equatable {
    /// The flexible checksum (from a header or a trailer) and its base64 value; nil if none was sent.
    package let checksum: Checksum?
    /// The base64 `Content-MD5` that matched; nil if none was sent.
    package let contentMD5: String?

    /// One flexible checksum and its value, base64 of the big-endian digest.
    package struct Checksum: Sendable, Equatable {
        package let algorithm: ChecksumAlgorithm
        package let base64: String
    }

    /// The headers to echo in the response: `x-amz-checksum-<algorithm>` when a checksum was sent.
    package var responseHeaders: [(name: String, value: String)] {
        checksum.map { [(name: $0.algorithm.headerName, value: $0.base64)] } ?? []
    }
}
