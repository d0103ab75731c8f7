import Foundation
import PailCore

/// SigV4 in the `Authorization` header: `AWS4-HMAC-SHA256 Credential=AKID/20261130/us-east-1/s3/aws4_request,
/// SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=<64 hex>`, checked as S3 checks it.
///
/// ```swift
/// let signature = try HeaderSignature(authorization: header, request: request, region: "us-east-1")
/// let caller = try signature.verify(request, parameters: try request.parameters(), now: Date(), keys: lookup)
/// ```
struct HeaderSignature {
    let accessKeyId: String
    let date: String
    let region: String
    let signedHeaders: [String]
    let signature: String
    let amzDate: String
    let signedAt: Date
    let contentSHA256: String

    init(authorization: String, request: IncomingRequest, region: String) throws {
        func malformed(_ detail: String) -> PailError {
            PailError(.authorizationHeaderMalformed, "The authorization header is malformed; \(detail)")
        }
        if authorization.hasPrefix("AWS ") {
            // SigV2 in the header: refused with the words s3cmd reads as "sign with SigV4 instead".
            throw PailError(
                .invalidRequest, "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.")
        }
        guard authorization.hasPrefix(SigV4.algorithm + " ") else {
            throw malformed("the authorization mechanism must be \(SigV4.algorithm)")
        }
        var fields: [String: String] = [:]
        for part in authorization.dropFirst(SigV4.algorithm.count + 1).split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let equals = trimmed.firstIndex(of: "=") else { throw malformed("'\(RemotePath.printable(trimmed))' is not name=value") }
            guard fields.updateValue(String(trimmed[trimmed.index(after: equals)...]), forKey: String(trimmed[..<equals])) == nil else {
                throw malformed("\(trimmed[..<equals]) appears more than once")
            }
        }
        guard let credential = fields["Credential"], let signedHeaders = fields["SignedHeaders"], let signature = fields["Signature"] else {
            throw malformed("it needs Credential, SignedHeaders and Signature")
        }
        let scope = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard scope.count == 5, !scope[0].isEmpty, scope[3] == SigV4.service, scope[4] == SigV4.terminator else {
            throw malformed("the Credential must be <access key id>/<date>/<region>/s3/aws4_request")
        }
        guard scope[2] == region else { throw malformed("the region '\(RemotePath.printable(scope[2]))' is wrong; expecting '\(region)'") }
        accessKeyId = scope[0]
        date = scope[1]
        self.region = region
        self.signedHeaders = signedHeaders.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        guard self.signedHeaders.contains("host"), self.signedHeaders.allSatisfy({ !$0.isEmpty && $0 == $0.lowercased() }) else {
            throw malformed("SignedHeaders must be lower-case names separated by ';' and include host")
        }
        guard signature.utf8.count == 64, signature.utf8.allSatisfy({ Self.isLowerHex($0) }) else {
            throw malformed("the Signature must be 64 lower-case hexadecimal characters")
        }
        self.signature = signature

        guard let amzDate = request.header("x-amz-date") ?? request.header("date").flatMap(S3Headers.parseHTTPDate).map(SigV4.amzDate)
        else {
            throw PailError(.accessDenied, "AWS authentication requires a valid Date or x-amz-date header")
        }
        guard let signedAt = SigV4.parseAmzDate(amzDate) else {
            throw PailError(.accessDenied, "AWS authentication requires a valid Date or x-amz-date header")
        }
        guard amzDate.hasPrefix(date) else {
            throw malformed("the Credential's date \(date) is not the day of x-amz-date \(amzDate)")
        }
        self.amzDate = amzDate
        self.signedAt = signedAt
        guard let contentSHA256 = request.header("x-amz-content-sha256") else {
            throw PailError(.invalidRequest, "Missing required header for this request: x-amz-content-sha256")
        }
        self.contentSHA256 = contentSHA256
    }

    /// Checks the key, that every `x-amz-*` header is signed, the signature over the canonical request, and
    /// the time; returns the caller, with what its body must prove.
    func verify(
        _ request: IncomingRequest, parameters: [(name: String, value: String)], now: Date,
        keys: (String) throws -> AccessKey?
    ) throws -> AuthenticatedRequest {
        guard let key = try keys(accessKeyId) else {
            throw PailError(.invalidAccessKeyId, "The AWS Access Key Id you provided does not exist in our records.")
        }
        try Self.requireSigned(request, signedHeaders: Set(signedHeaders))
        var headers: [(name: String, value: String)] = []
        for name in signedHeaders {
            guard let value = request.header(name) else {
                throw PailError(
                    .signatureDoesNotMatch,
                    "The request signature we calculated does not match the signature you provided: signed header '\(name)' is missing")
            }
            headers.append((name: name, value: value))
        }
        let expected = SigV4.signature(
            method: request.method, canonicalURI: SigV4.canonicalURI(segments: try request.pathSegments()),
            canonicalQuery: SigV4.canonicalQuery(parameters), headers: headers, payloadHash: contentSHA256, amzDate: amzDate,
            secret: key.secretAccessKey, region: region)
        guard SigV4.constantTimeEquals(expected, signature) else {
            throw PailError(
                .signatureDoesNotMatch,
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
        }
        guard abs(signedAt.timeIntervalSince(now)) <= Presigner.maxClockSkew else {
            throw PailError(.requestTimeTooSkewed, "The difference between the request time and the current time is too large.")
        }
        let payload = try PayloadMode.declared(by: contentSHA256) {
            ChunkSigner(
                key: SigV4.signingKey(secret: key.secretAccessKey, date: date, region: region), amzDate: amzDate,
                scope: SigV4.scope(date: date, region: region), seedSignature: expected)
        }
        return AuthenticatedRequest(accessKey: key, payload: payload, scheme: .authorizationHeader(signedAt: signedAt))
    }

    /// S3 refuses a request carrying an `x-amz-*` header its signature does not cover (`AccessDenied`), since
    /// one such as `x-amz-copy-source` would change what the request does; `exempt` names any it lets through.
    static func requireSigned(
        _ request: IncomingRequest, signedHeaders: Set<String>, exempt: (String) -> Bool = { _ in false }
    ) throws {
        let unsigned = Set(request.headers.map(\.name).filter { $0.hasPrefix("x-amz-") && !signedHeaders.contains($0) && !exempt($0) })
        guard unsigned.isEmpty else {
            throw PailError(
                .accessDenied,
                "There were headers present in the request which were not signed: \(unsigned.sorted().joined(separator: ", "))")
        }
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
