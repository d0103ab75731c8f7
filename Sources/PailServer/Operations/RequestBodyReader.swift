import Hummingbird
import PailCore

/// Streams a request's body to a consumer as it arrives, through a `PayloadDecoder` (aws-chunked framing,
/// chunk and trailer signatures, declared lengths, `x-amz-content-sha256`, `Content-MD5`, flexible checksums);
/// nothing is held beyond one network buffer.
struct RequestBodyReader {
    private let call: S3Call
    private let decoder: PayloadDecoder

    /// Reads what the body must be from the call's headers and signature; refuses a body that cannot be.
    init(_ call: S3Call) throws {
        self.call = call
        decoder = try PayloadDecoder(call.incoming, call.caller)
    }

    /// The object's size as the request declares it (the decoded length of an aws-chunked body).
    var declaredLength: Int64? { decoder.decodedContentLength }

    /// Feeds every byte of the object to `consume`; throws once the body proves wrong (the consumer then
    /// discards what it got). Returns the checksums that matched, for the response to echo.
    @discardableResult
    func read(into consume: (UnsafeRawBufferPointer) throws -> Void) async throws -> VerifiedChecksums {
        for try await buffer in call.request.body {
            try buffer.withUnsafeReadableBytes { raw in try decoder.feed(raw, emit: consume) }
        }
        return try decoder.finish()
    }

    /// Reads a whole XML request body (DeleteObjects, CompleteMultipartUpload) of at most `limit` bytes;
    /// a longer one is `MalformedXML`, as S3 answers.
    func readXML(limit: Int) async throws -> [UInt8] {
        var body: [UInt8] = []
        try await read { bytes in
            guard body.count + bytes.count <= limit else {
                throw PailError(.malformedXML, "The XML you provided was larger than \(limit) bytes")
            }
            body.append(contentsOf: bytes)
        }
        return body
    }
}
