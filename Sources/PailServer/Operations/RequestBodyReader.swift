import Crypto
import Hummingbird
import PailCore

/// Streams a request's body to a consumer as it arrives, checking what the signature promised of it
/// (its SHA-256) and its length; nothing is held beyond one network buffer.
enum RequestBodyReader {
    /// Feeds every byte of the body to `consume`; throws once the body proves wrong (the consumer then
    /// discards what it got). Returns the number of bytes read.
    @discardableResult
    static func read(_ call: S3Call, into consume: (UnsafeRawBufferPointer) throws -> Void) async throws -> Int64 {
        var hasher = call.caller.payload == .unsigned ? nil : SHA256()
        var total: Int64 = 0
        for try await buffer in call.request.body {
            try buffer.withUnsafeReadableBytes { bytes in
                hasher?.update(bufferPointer: bytes)
                try consume(bytes)
            }
            total += Int64(buffer.readableBytes)
        }
        if let declared = call.incoming.header("content-length").flatMap(Int64.init), declared != total {
            throw PailError(.incompleteBody, "You did not provide the number of bytes specified by the Content-Length HTTP header (\(total) of \(declared))")
        }
        if case .sha256(let expected) = call.caller.payload, let hasher {
            let computed = Hex.lowercase(hasher.finalize())
            guard computed == expected else {
                throw PailError(.xAmzContentSHA256Mismatch, "The provided 'x-amz-content-sha256' header does not match what was computed.")
            }
        }
        return total
    }
}
