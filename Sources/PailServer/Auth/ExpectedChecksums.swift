import Foundation
import PailCore

/// The digests a request promises for its body, read from its headers as S3 reads them: `Content-MD5`, one
/// `x-amz-checksum-<algorithm>` header or the trailer `x-amz-trailer` names, and `x-amz-sdk-checksum-algorithm`.
///
/// ```swift
/// let expected = try ExpectedChecksums(request, allowsTrailers: false)
/// expected.algorithm      // .crc32 for "x-amz-checksum-crc32: NhCmhg=="
/// expected.headerValue    // "NhCmhg=="
/// ```
struct ExpectedChecksums {
    /// The MD5 `Content-MD5` gives (16 bytes), if it is there.
    let contentMD5: [UInt8]?
    /// The flexible checksum to compute, from a header or the declared trailer.
    let algorithm: ChecksumAlgorithm?
    /// Its base64 value when it came in a header; nil when it comes in a trailer.
    let headerValue: String?
    /// The trailer `x-amz-trailer` declares, lower case.
    let trailer: String?

    /// `x-amz-checksum-…` headers that are not checksums of the body.
    private static let otherChecksumHeaders: Set = ["x-amz-checksum-algorithm", "x-amz-checksum-type", "x-amz-checksum-mode"]

    init(_ request: IncomingRequest, allowsTrailers: Bool) throws {
        if let md5 = request.header("content-md5") {
            guard let digest = Data(base64Encoded: md5.trimmingCharacters(in: .whitespaces)), digest.count == 16 else {
                throw PailError(.invalidDigest, "The Content-MD5 you specified was invalid.")
            }
            contentMD5 = Array(digest)
        } else {
            contentMD5 = nil
        }

        var headerChecksum: (algorithm: ChecksumAlgorithm, value: String)?
        for (name, value) in request.headers where name.hasPrefix("x-amz-checksum-") && !Self.otherChecksumHeaders.contains(name) {
            guard let algorithm = ChecksumAlgorithm(headerName: name) else {
                throw PailError(
                    .notImplemented,
                    "\(RemotePath.printable(name)) is not a checksum this endpoint computes "
                        + "(it does CRC32, CRC32C, CRC64NVME, SHA1, SHA256)")
            }
            guard headerChecksum == nil else {
                throw PailError(.invalidRequest, "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
            }
            guard Self.isValid(value, for: algorithm) else {
                throw PailError(.invalidRequest, "Value for \(name) header is invalid.")
            }
            headerChecksum = (algorithm, value)
        }

        if let declared = request.header("x-amz-trailer")?.trimmingCharacters(in: .whitespaces).lowercased(), !declared.isEmpty {
            guard allowsTrailers else {
                throw PailError(
                    .invalidRequest,
                    "x-amz-trailer needs x-amz-content-sha256 \(PayloadMode.streamingUnsignedTrailer) "
                        + "or \(PayloadMode.streamingSignedTrailer)")
            }
            guard let algorithm = ChecksumAlgorithm(headerName: declared) else {
                throw PailError(.invalidRequest, "The value specified in the x-amz-trailer header is not supported")
            }
            guard headerChecksum == nil else {
                throw PailError(.invalidRequest, "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.")
            }
            trailer = declared
            self.algorithm = algorithm
        } else {
            trailer = nil
            algorithm = headerChecksum?.algorithm
        }
        headerValue = headerChecksum?.value

        if let sdk = request.header("x-amz-sdk-checksum-algorithm") {
            guard let named = ChecksumAlgorithm(rawValue: sdk.trimmingCharacters(in: .whitespaces).uppercased()) else {
                throw PailError(.invalidRequest, "Value for x-amz-sdk-checksum-algorithm header is invalid.")
            }
            guard let algorithm else {
                throw PailError(
                    .invalidRequest,
                    "x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.")
            }
            guard named == algorithm else {
                throw PailError(.invalidRequest, "Value for x-amz-sdk-checksum-algorithm header is invalid.")
            }
        }
    }

    /// Whether `value` is base64 of a digest of the algorithm's length.
    static func isValid(_ value: String, for algorithm: ChecksumAlgorithm) -> Bool {
        Data(base64Encoded: value)?.count == algorithm.digestLength
    }
}
