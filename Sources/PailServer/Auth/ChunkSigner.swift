import Crypto
import Foundation
import PailCore

/// Computes the signatures of a signed streaming body, as AWS documents them: each chunk's signature chains
/// from the previous one (the first from the request's seed signature), then the trailer's from the last chunk's.
///
/// ```swift
/// let signer = ChunkSigner(key: key, amzDate: "20130524T000000Z", scope: "20130524/us-east-1/s3/aws4_request",
///                          seedSignature: seed)
/// let first = signer.chunkSignature(previous: signer.seedSignature, chunkHash: SHA256.hash(data: chunk))
/// ```
package struct ChunkSigner: Sendable {
    let key: SymmetricKey
    let seedSignature: String
    private let chunkPrefix: String
    private let trailerPrefix: String

    init(key: SymmetricKey, amzDate: String, scope: String, seedSignature: String) {
        self.key = key
        self.seedSignature = seedSignature
        chunkPrefix = "AWS4-HMAC-SHA256-PAYLOAD\n\(amzDate)\n\(scope)\n"
        trailerPrefix = "AWS4-HMAC-SHA256-TRAILER\n\(amzDate)\n\(scope)\n"
    }

    /// The signature of a chunk whose data hashes to `chunkHash`, following the signature `previous`.
    func chunkSignature(previous: String, chunkHash: SHA256.Digest) -> String {
        sign(chunkPrefix + previous + "\n" + Self.emptyHash + "\n" + Hex.lowercase(chunkHash))
    }

    /// The signature of the trailers, given as `name:value\n` lines in the order they were sent.
    func trailerSignature(previous: String, canonicalTrailers: String) -> String {
        sign(trailerPrefix + previous + "\n" + SigV4.sha256Hex(canonicalTrailers))
    }

    private func sign(_ stringToSign: String) -> String {
        Hex.lowercase(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
    }

    /// SHA-256 of nothing: the hash of a chunk's (empty) headers in its string to sign.
    private static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
}
