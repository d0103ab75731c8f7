import Foundation

/// Signs a request in its `Authorization` header (AWS Signature Version 4), as an S3 client does: what an
/// object-store backend sends to S3 goes through this, and `pail serve` checks the same form
/// (`HeaderSignature`).
///
/// ```swift
/// let signer = SigV4HeaderSigner(accessKeyId: id, secretAccessKey: secret, region: "us-east-1")
/// let headers = signer.sign(
///     method: "PUT", host: "127.0.0.1:5000", segments: ["bucket", "blob-id"], query: [],
///     headers: [(name: "content-type", value: "application/octet-stream")], payloadHash: sha256Hex, now: Date())
/// ```
package struct SigV4HeaderSigner: Sendable {
    package let accessKeyId: String
    package let secretAccessKey: String
    package let region: String

    package init(accessKeyId: String, secretAccessKey: String, region: String) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.region = region
    }

    /// The headers to send with the request: `headers` (names in lower case), `host`, `x-amz-date` and
    /// `x-amz-content-sha256` (`payloadHash`: the body's SHA-256 in hex, or `UNSIGNED-PAYLOAD`), every one
    /// of them signed, and the `authorization` that signs them. `segments` are the path's segments
    /// (bucket first in path style), not encoded; `query` the parameters, not encoded.
    package func sign(
        method: String, host: String, segments: [String], query: [(name: String, value: String)],
        headers: [(name: String, value: String)], payloadHash: String, now: Date
    ) -> [(name: String, value: String)] {
        let amzDate = SigV4.amzDate(now)
        let signed =
            (headers.map { (name: $0.name.lowercased(), value: $0.value) }
            + [(name: "host", value: host), (name: "x-amz-date", value: amzDate), (name: "x-amz-content-sha256", value: payloadHash)])
            .sorted { $0.name < $1.name }
        let signature = SigV4.signature(
            method: method, canonicalURI: SigV4.canonicalURI(segments: segments), canonicalQuery: SigV4.canonicalQuery(query),
            headers: signed, payloadHash: payloadHash, amzDate: amzDate, secret: secretAccessKey, region: region)
        let scope = SigV4.scope(date: String(amzDate.prefix(8)), region: region)
        let authorization =
            "\(SigV4.algorithm) Credential=\(accessKeyId)/\(scope),SignedHeaders=\(signed.map(\.name).joined(separator: ";")),Signature=\(signature)"
        return signed + [(name: "authorization", value: authorization)]
    }
}
