import Foundation

/// A presigned request that passed verification: what it allows, on which key, until when.
///
/// ```swift
/// let request = try presigner.verify(method: .put, url: url, now: clock.now)
/// request.key                         // "alice/docs/a.txt"
/// request.query["x-pail-max-bytes"]   // "1048576", signed so the client could not change it
/// ```
public struct PresignedRequest: Sendable, Equatable {
    public let method: HTTPMethod
    /// The key pair that signed it (the root's, or a user's, whose scope the object key is in).
    public let accessKey: AccessKey
    /// The decoded object key, without the bucket.
    public let key: String
    /// The signed query parameters that are not `X-Amz-*`, e.g. `x-pail-max-bytes`.
    public let query: [String: String]
    public let signedAt: Date
    public let expiresAt: Date
}

extension Presigner {
    /// How far ahead of our clock a signing time may be, as S3 allows.
    package static let maxClockSkew: TimeInterval = 15 * 60

    /// `verify` for a URL signed with the root's key for the credentials' endpoint.
    public func verify(
        method: HTTPMethod, url: String, now: Date, headers: [String: String] = [:]
    ) throws -> PresignedRequest {
        try verify(method: method, url: url, now: now, headers: headers, endpoint: credentials.endpoint) { id in
            id == credentials.accessKeyId ? credentials.accessKey : nil
        }
    }

    /// Checks a presigned URL as received, the way S3 does, and says what it allows.
    ///
    /// The `host` is taken from the URL; with an `endpoint`, it must be that endpoint's (nil: any host, as a
    /// server that verifies the signed `Host` it was sent). Other signed headers come from `headers` (names in
    /// any case); `keys` finds the key pair of an access key id.
    /// Checks, in S3's order: the `X-Amz-*` parameters (`AuthorizationQueryParametersError`), the access key
    /// (`InvalidAccessKeyId`), the signature (`SignatureDoesNotMatch`), the validity window (`AccessDenied`
    /// "Request has expired"), then the bucket and the key's scope (`AccessDenied`). A URL that is not
    /// `http(s)://host/bucket/key` is an `InvalidRequest`.
    public func verify(
        method: HTTPMethod, url: String, now: Date, headers: [String: String] = [:], endpoint: String?,
        keys: (String) throws -> AccessKey?
    ) throws -> PresignedRequest {
        let lowercasedHeaders = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        return try verify(
            method: method, received: ReceivedURL(url), now: now, header: { lowercasedHeaders[$0] }, endpoint: endpoint, keys: keys)
    }

    /// `verify` for a URL a server has already split and decoded; `header` gives a signed header's value
    /// by its lower-case name.
    package func verify(
        method: HTTPMethod, received: ReceivedURL, now: Date, header: (String) -> String?, endpoint: String?,
        keys: (String) throws -> AccessKey?
    ) throws -> PresignedRequest {
        let authorization = try QueryAuthorization(received.parameters, region: credentials.region)
        var query: [String: String] = [:]
        for (name, value) in received.parameters where !Self.isAuthParameter(name) {
            guard query.updateValue(value, forKey: name) == nil else {
                throw PailError(.invalidRequest, "The query parameter '\(name)' appears more than once")
            }
        }
        guard let accessKey = try keys(authorization.accessKeyId) else {
            throw PailError(.invalidAccessKeyId, "The AWS Access Key Id you provided does not exist in our records.")
        }

        let signatureMismatch = PailError(
            .signatureDoesNotMatch,
            "The request signature we calculated does not match the signature you provided. Check your key and signing method."
        )
        // A URL for another host is not this store's, however well it is signed (a client holding the key
        // could sign one for any host): the host must be the endpoint the credentials name.
        let host = Self.hostHeader(scheme: received.scheme, authority: received.authority)
        if let endpoint {
            let expected = try Endpoint.parsed(endpoint)
            guard received.scheme == expected.scheme, host == expected.hostHeader else { throw signatureMismatch }
        }
        var signedHeaders: [(name: String, value: String)] = []
        for name in authorization.signedHeaders {
            let value = name == "host" ? host : header(name)
            guard let value else { throw signatureMismatch }
            signedHeaders.append((name: name, value: value))
        }
        let expected = sign(
            method: method, canonicalURI: SigV4.canonicalURI(segments: received.segments),
            canonicalQuery: SigV4.canonicalQuery(received.parameters.filter { $0.name != "X-Amz-Signature" }),
            headers: signedHeaders, amzDate: authorization.amzDate, secret: accessKey.secretAccessKey)
        guard SigV4.constantTimeEquals(expected, authorization.signature) else { throw signatureMismatch }

        let expiresAt = authorization.signedAt.addingTimeInterval(TimeInterval(authorization.expires))
        guard now <= expiresAt else { throw PailError(.accessDenied, "Request has expired") }
        guard authorization.signedAt <= now.addingTimeInterval(Self.maxClockSkew) else {
            throw PailError(.accessDenied, "Request is not yet valid")
        }
        guard received.bucket == credentials.bucket else {
            throw PailError(.accessDenied, "Access Denied: this store serves bucket '\(credentials.bucket)', not '\(received.bucket)'")
        }
        guard accessKey.allows(key: received.key) else {
            throw PailError(
                .accessDenied, "Access Denied: \(accessKey.user ?? "this key")'s key cannot act on \(RemotePath.printable(received.key))")
        }
        return PresignedRequest(
            method: method, accessKey: accessKey, key: received.key, query: query,
            signedAt: authorization.signedAt, expiresAt: expiresAt)
    }
}

/// A URL split the way a server sees it, without Foundation's URL rules: each path segment and each query
/// name and value decoded from `%XX` on its own (`+` stays `+`: SigV4 is not form encoding).
package struct ReceivedURL {
    let scheme: String
    let authority: String
    /// The decoded path segments: the bucket, then the key's segments.
    let segments: [String]
    let parameters: [(name: String, value: String)]

    var bucket: String { segments[0] }
    var key: String { segments.dropFirst().joined(separator: "/") }

    /// The parts of a request a server received: the scheme it was sent with, its `Host`, its decoded path
    /// segments (bucket first) and query parameters. `InvalidRequest` unless they name an object.
    package init(scheme: String, authority: String, segments: [String], parameters: [(name: String, value: String)]) throws {
        self.scheme = scheme
        self.authority = authority
        self.segments = segments
        self.parameters = parameters
        guard scheme == "http" || scheme == "https", !authority.isEmpty, !authority.contains("@") else {
            throw PailError(.invalidRequest, "Not a presigned URL: expected http(s)://host/bucket/key?X-Amz-…")
        }
        guard segments.count >= 2, !key.isEmpty else {
            throw PailError(.invalidRequest, "The URL names no object key: expected http(s)://host/bucket/key")
        }
    }

    init(_ url: String) throws {
        let slash = UInt8(ascii: "/"), question = UInt8(ascii: "?")
        var rest = ArraySlice(url.utf8)
        if let fragment = rest.firstIndex(of: UInt8(ascii: "#")) { rest = rest[..<fragment] }
        guard let colon = rest.firstIndex(of: UInt8(ascii: ":")), rest[colon...].starts(with: "://".utf8) else {
            throw PailError(.invalidRequest, "Not a presigned URL: expected http(s)://host/bucket/key?X-Amz-…")
        }
        let scheme = String(decoding: rest[..<colon], as: UTF8.self).lowercased()
        rest = rest[(colon + 3)...]
        let pathStart = rest.firstIndex { $0 == slash || $0 == question } ?? rest.endIndex
        let authority = String(decoding: rest[..<pathStart], as: UTF8.self)
        rest = rest[pathStart...]
        let queryStart = rest.firstIndex(of: question) ?? rest.endIndex
        let path = rest[..<queryStart]

        func decode(_ text: ArraySlice<UInt8>) throws -> String {
            guard let decoded = SigV4.percentDecode(text) else {
                throw PailError(.invalidRequest, "The URL has a malformed %-escape or bytes that are not UTF-8")
            }
            return decoded
        }
        let segments = try path.dropFirst().split(separator: slash, omittingEmptySubsequences: false).map(decode)
        let parameters = try rest[queryStart...].dropFirst().split(separator: UInt8(ascii: "&")).map { pair in
            let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
            return (name: try decode(pair[..<equals]), value: try decode(pair[equals...].dropFirst()))
        }
        guard path.first == slash else {
            throw PailError(.invalidRequest, "The URL names no object key: expected http(s)://host/bucket/key")
        }
        try self.init(scheme: scheme, authority: authority, segments: segments, parameters: parameters)
    }
}

/// The `X-Amz-*` query parameters of SigV4 query authentication, checked as S3 checks them.
private struct QueryAuthorization {
    let accessKeyId: String
    let amzDate: String
    let signedAt: Date
    let expires: Int
    let signedHeaders: [String]
    let signature: String

    init(_ parameters: [(name: String, value: String)], region: String) throws {
        func fail(_ message: String) -> PailError { PailError(.authorizationQueryParametersError, message) }
        func single(_ name: String) throws -> String {
            let values = parameters.filter { $0.name == name }
            guard values.count <= 1 else { throw fail("The \(name) parameter appears more than once") }
            guard let value = values.first?.value else {
                throw fail(
                    "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
                        + "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.")
            }
            return value
        }
        let algorithm = try single("X-Amz-Algorithm")
        let credential = try single("X-Amz-Credential")
        amzDate = try single("X-Amz-Date")
        let expiresText = try single("X-Amz-Expires")
        let signedHeadersText = try single("X-Amz-SignedHeaders")
        signature = try single("X-Amz-Signature")

        guard algorithm == SigV4.algorithm else { throw fail("X-Amz-Algorithm only supports \"\(SigV4.algorithm)\"") }
        guard let signedAt = SigV4.parseAmzDate(amzDate) else {
            throw fail("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"")
        }
        self.signedAt = signedAt

        let parts = Self.split(credential, on: "/")
        guard parts.count == 5, !parts[0].isEmpty, parts[1].utf8.count == 8, parts[1].utf8.allSatisfy(Self.isDigit),
            !parts[2].isEmpty
        else {
            throw fail(
                "Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; "
                    + "expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".")
        }
        guard parts[3] == SigV4.service else {
            throw fail(
                "Error parsing the X-Amz-Credential parameter; incorrect service \"\(parts[3])\". "
                    + "This endpoint belongs to \"\(SigV4.service)\".")
        }
        guard parts[4] == SigV4.terminator else {
            throw fail(
                "Error parsing the X-Amz-Credential parameter; incorrect terminal \"\(parts[4])\". "
                    + "This endpoint uses \"\(SigV4.terminator)\".")
        }
        guard parts[2] == region else {
            throw fail(
                "Error parsing the X-Amz-Credential parameter; the region '\(parts[2])' is wrong; expecting '\(region)'")
        }
        guard parts[1] == amzDate.prefix(8) else {
            throw fail(
                "Invalid credential date \"\(parts[1])\". This date is not the same as X-Amz-Date: \"\(amzDate.prefix(8))\".")
        }
        accessKeyId = parts[0]

        let digits = expiresText.hasPrefix("-") ? expiresText.dropFirst() : Substring(expiresText)
        guard !digits.isEmpty, digits.utf8.allSatisfy(Self.isDigit) else { throw fail("X-Amz-Expires should be a number") }
        guard !expiresText.hasPrefix("-") else { throw fail("X-Amz-Expires must be non-negative") }
        guard let expires = Int(digits), expires <= Presigner.maxExpires else {
            throw fail("X-Amz-Expires must be less than a week (in seconds) that is \(Presigner.maxExpires)")
        }
        guard expires >= 1 else { throw fail("X-Amz-Expires must be at least 1 second") }
        self.expires = expires

        signedHeaders = Self.split(signedHeadersText, on: ";")
        guard signedHeaders.allSatisfy({ !$0.isEmpty && $0 == $0.lowercased() }) else {
            throw fail("X-Amz-SignedHeaders must be lower-case header names separated by ';'")
        }
        guard signedHeaders.contains("host") else { throw fail("X-Amz-SignedHeaders must include the host header") }

        guard signature.utf8.count == 64,
            signature.utf8.allSatisfy({ Self.isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) })
        else { throw fail("X-Amz-Signature must be 64 lower-case hexadecimal characters") }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    /// `text` split on an ASCII separator, by bytes (splitting Characters costs grapheme breaking).
    private static func split(_ text: String, on separator: Unicode.Scalar) -> [String] {
        text.utf8.split(separator: UInt8(ascii: separator), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }
}
