import PailCore

/// What a request's signature says of its body: `x-amz-content-sha256` as S3 reads it, with what checking
/// each chunk of a streaming body needs.
///
/// ```swift
/// switch caller.payload {
/// case .signedChunks(let signer, trailer: false): …   // STREAMING-AWS4-HMAC-SHA256-PAYLOAD
/// default: …
/// }
/// ```
package enum PayloadMode: Sendable {
    /// `UNSIGNED-PAYLOAD`, and every presigned URL that does not say otherwise.
    case unsigned
    /// The lower-case hex SHA-256 the client signed; the body must hash to it (`XAmzContentSHA256Mismatch`).
    case sha256(String)
    /// An aws-chunked body whose chunks (and trailer) are signed in a chain that starts at the request's
    /// signature: `STREAMING-AWS4-HMAC-SHA256-PAYLOAD`, or its `-TRAILER` form.
    case signedChunks(ChunkSigner, trailer: Bool)
    /// An aws-chunked body without signatures, ending in trailers: `STREAMING-UNSIGNED-PAYLOAD-TRAILER`.
    case unsignedChunksWithTrailer

    static let streamingSigned = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
    static let streamingSignedTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
    static let streamingUnsignedTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"

    /// The mode `x-amz-content-sha256: value` declares; `signer` makes the chain of a signed streaming body
    /// (nil where there is no seed signature: presigned URLs).
    static func declared(by value: String, signer: (() -> ChunkSigner)?) throws -> PayloadMode {
        switch value {
        case SigV4.unsignedPayload: return .unsigned
        case streamingUnsignedTrailer: return .unsignedChunksWithTrailer
        case streamingSigned, streamingSignedTrailer:
            guard let signer else {
                throw PailError(.invalidRequest, "\(value) needs a signature in the Authorization header to chain chunk signatures from")
            }
            return .signedChunks(signer(), trailer: value == streamingSignedTrailer)
        case "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD", "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER":
            throw PailError(.notImplemented, "The chunk encoding algorithm \(value) (SigV4a) is not supported.")
        default:
            guard value.utf8.count == 64, value.utf8.allSatisfy({ Hex.value(of: $0) != nil }) else {
                throw PailError(
                    .invalidArgument,
                    "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, \(streamingUnsignedTrailer), \(streamingSigned), "
                        + "\(streamingSignedTrailer) or a valid sha256 value; not '\(RemotePath.printable(value))'")
            }
            return .sha256(value.lowercased())
        }
    }

    /// Whether the body is aws-chunked (`hex-size[;chunk-signature=…]\r\n data \r\n`, ending in a 0-size chunk).
    var isChunked: Bool {
        switch self {
        case .unsigned, .sha256: false
        case .signedChunks, .unsignedChunksWithTrailer: true
        }
    }

    /// Whether trailers (`x-amz-checksum-…`) may follow the final chunk.
    var allowsTrailers: Bool {
        switch self {
        case .unsigned, .sha256: false
        case .signedChunks(_, let trailer): trailer
        case .unsignedChunksWithTrailer: true
        }
    }
}

extension Hex {
    /// The value of a hexadecimal digit (either case); nil for any other byte.
    static func value(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
