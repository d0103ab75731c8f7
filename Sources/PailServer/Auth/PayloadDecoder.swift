import Crypto
import Foundation
import PailCore

/// Reads a request's body as it arrives and hands back the object's bytes: it takes off aws-chunked framing,
/// checks chunk and trailer signatures, the lengths the headers declare, `x-amz-content-sha256`, `Content-MD5`
/// and the flexible checksum, in constant memory whatever the body's size.
///
/// Bytes handed to `emit` are not trusted until `finish()` returns: a body whose signature, length or checksum
/// turns out wrong must be thrown away. After an error every call throws it again.
///
/// ```swift
/// let decoder = try PayloadDecoder(request, caller)          // caller: from RequestAuthenticator
/// for try await buffer in body {
///     try buffer.withUnsafeReadableBytes { raw in try decoder.feed(raw) { try writer.write($0) } }
/// }
/// let verified = try decoder.finish()                        // then commit, echoing verified.responseHeaders
/// ```
package final class PayloadDecoder {
    /// The object's size as the headers declare it (`x-amz-decoded-content-length` for an aws-chunked body,
    /// else `Content-Length`); nil when the body comes with `Transfer-Encoding: chunked` and no length.
    package let decodedContentLength: Int64?

    private let chunked: AwsChunkedBody?
    /// The raw length the HTTP request declares (`Content-Length`), which the raw bytes must match.
    private let contentLength: Int64?
    private let expected: ExpectedChecksums
    private let payloadSHA256: (hex: String, hasher: DigestHasher<SHA256>)?
    private let checksum: (any BodyHasher)?
    private let md5: DigestHasher<Insecure.MD5>?
    private var received: Int64 = 0
    private var failure: (any Error)?

    /// Reads what the body must be from the request's headers and what its signature declared.
    package init(_ request: IncomingRequest, _ caller: AuthenticatedRequest) throws {
        let mode = caller.payload
        if request.header("transfer-encoding") != nil {
            contentLength = nil
        } else if let text = request.header("content-length") {
            guard let length = Int64(text), length >= 0 else {
                throw PailError(.invalidArgument, "Content-Length '\(RemotePath.printable(text))' is not a number of bytes")
            }
            contentLength = length
        } else {
            contentLength = nil
        }
        expected = try ExpectedChecksums(request, allowsTrailers: mode.allowsTrailers)
        checksum = expected.algorithm?.makeHasher()
        md5 = expected.contentMD5 == nil ? nil : DigestHasher()
        if case .sha256(let hex) = mode {
            payloadSHA256 = (hex, DigestHasher())
        } else {
            payloadSHA256 = nil
        }
        guard mode.isChunked else {
            chunked = nil
            decodedContentLength = contentLength
            return
        }
        guard let text = request.header("x-amz-decoded-content-length"), let length = Int64(text), length >= 0 else {
            throw PailError(
                .missingContentLength,
                "You must provide the Content-Length HTTP header: x-amz-decoded-content-length, for an aws-chunked body.")
        }
        decodedContentLength = length
        var signer: ChunkSigner?
        if case .signedChunks(let chain, _) = mode { signer = chain }
        chunked = AwsChunkedBody(
            decodedLength: length, signer: signer,
            trailers: mode.allowsTrailers ? .declared(expected.trailer) : .none)
    }

    /// Reads the next bytes of the body as received (split anywhere); calls `emit` with each run of the
    /// object's bytes, in order.
    package func feed(_ raw: UnsafeRawBufferPointer, emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        if let failure { throw failure }
        do {
            received += Int64(raw.count)
            if let contentLength, received > contentLength {
                throw PailError(.incompleteBody, "The body is longer than its Content-Length (\(contentLength))")
            }
            if let chunked {
                try chunked.feed(raw) { try consume($0, emit: emit) }
            } else {
                try consume(raw, emit: emit)
            }
        } catch {
            failure = error
            throw error
        }
    }

    /// Checks the end of the body: its framing, its lengths, then its digests. Returns what matched.
    package func finish() throws -> VerifiedChecksums {
        if let failure { throw failure }
        do {
            return try verify()
        } catch {
            failure = error
            throw error
        }
    }

    private func consume(_ bytes: UnsafeRawBufferPointer, emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        payloadSHA256?.hasher.update(bytes)
        checksum?.update(bytes)
        md5?.update(bytes)
        try emit(bytes)
    }

    private func verify() throws -> VerifiedChecksums {
        let trailers = try chunked?.finish() ?? []
        if let contentLength, received != contentLength {
            throw PailError(
                .incompleteBody,
                "You did not provide the number of bytes specified by the Content-Length HTTP header: \(received) of \(contentLength)")
        }
        if let payloadSHA256, Hex.lowercase(payloadSHA256.hasher.finalize()) != payloadSHA256.hex {
            throw PailError(.xAmzContentSHA256Mismatch, "The provided 'x-amz-content-sha256' header does not match what was computed.")
        }
        var contentMD5: String?
        if let md5, let claimed = expected.contentMD5 {
            guard md5.finalize() == claimed else {
                throw PailError(.badDigest, "The Content-MD5 you specified did not match what we received.")
            }
            contentMD5 = Data(claimed).base64EncodedString()
        }
        guard let algorithm = expected.algorithm, let checksum else {
            return VerifiedChecksums(checksum: nil, contentMD5: contentMD5)
        }
        let claimed: String
        if let headerValue = expected.headerValue {
            claimed = headerValue
        } else {
            // AwsChunkedBody accepts no trailer but the declared one, and requires it.
            claimed = trailers.first { $0.name == expected.trailer }?.value ?? ""
            guard ExpectedChecksums.isValid(claimed, for: algorithm) else {
                throw PailError(.invalidRequest, "Value for \(algorithm.headerName) trailing header is invalid.")
            }
        }
        let computed = Data(checksum.finalize()).base64EncodedString()
        guard computed == claimed else {
            throw PailError(.badDigest, "The \(algorithm.rawValue) you specified did not match the calculated checksum.")
        }
        return VerifiedChecksums(checksum: .init(algorithm: algorithm, base64: computed), contentMD5: contentMD5)
    }
}
