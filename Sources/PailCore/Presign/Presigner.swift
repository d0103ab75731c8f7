import Foundation

/// The HTTP methods a presigned URL can be made for.
public enum HTTPMethod: String, Sendable, CaseIterable {
    case get = "GET", put = "PUT", head = "HEAD", delete = "DELETE"
}

/// Makes and checks presigned URLs: AWS Signature Version 4 query authentication, path style.
///
/// ```swift
/// let presigner = Presigner(credentials: credentials)
/// let url = try presigner.presign(method: .put, key: "alice/a.txt", expires: 900, now: .now,
///                                 extraQuery: ["x-pail-max-bytes": "1048576"])
/// let request = try presigner.verify(method: .put, url: url, now: .now)
/// request.query["x-pail-max-bytes"] // "1048576"
/// ```
public struct Presigner: Sendable {
    /// The longest lifetime SigV4 allows: one week.
    public static let maxExpires = 604_800

    public let credentials: Credentials

    public init(credentials: Credentials) {
        self.credentials = credentials
    }

    /// A URL `<endpoint>/<bucket>/<key>?X-Amz-…` that allows `method` on `key` for `expires` seconds from `now`,
    /// signed with `signer` (the root's key unless given) for `endpoint` (the credentials' unless given).
    ///
    /// `extraQuery` parameters (e.g. `x-pail-max-bytes`) are signed with the rest, so they cannot be changed.
    public func presign(
        method: HTTPMethod, key: String, expires: Int, now: Date, extraQuery: [String: String] = [:],
        signer: AccessKey? = nil, endpoint: String? = nil
    ) throws -> String {
        let signer = signer ?? credentials.accessKey
        let endpoint = try Endpoint.parsed(endpoint ?? credentials.endpoint)
        guard (1...Self.maxExpires).contains(expires) else {
            throw PailError(.invalidArgument, "Expires must be between 1 and \(Self.maxExpires) seconds, not \(expires)")
        }
        guard !key.isEmpty else { throw PailError(.invalidArgument, "The object key must not be empty") }
        for name in extraQuery.keys where name.isEmpty || Self.isAuthParameter(name) {
            throw PailError(.invalidArgument, "'\(name)' cannot be an extra query parameter of a presigned URL")
        }
        let amzDate = SigV4.amzDate(now)
        let scope = SigV4.scope(date: String(amzDate.prefix(8)), region: credentials.region)
        let parameters =
            [
                (name: "X-Amz-Algorithm", value: SigV4.algorithm),
                (name: "X-Amz-Credential", value: "\(signer.accessKeyId)/\(scope)"),
                (name: "X-Amz-Date", value: amzDate),
                (name: "X-Amz-Expires", value: String(expires)),
                (name: "X-Amz-SignedHeaders", value: "host"),
            ] + extraQuery.map { (name: $0.key, value: $0.value) }
        let query = SigV4.canonicalQuery(parameters)
        let uri = SigV4.canonicalURI(
            segments: [credentials.bucket] + key.keySegments)
        let signature = sign(
            method: method, canonicalURI: uri, canonicalQuery: query,
            headers: [(name: "host", value: endpoint.hostHeader)], amzDate: amzDate, secret: signer.secretAccessKey)
        return "\(endpoint.scheme)://\(endpoint.authority)\(uri)?\(query)&X-Amz-Signature=\(signature)"
    }

    /// The hex signature of a request, given its canonical parts and signed headers in order.
    func sign(
        method: HTTPMethod, canonicalURI: String, canonicalQuery: String,
        headers: [(name: String, value: String)], amzDate: String, secret: String
    ) -> String {
        SigV4.signature(
            method: method.rawValue, canonicalURI: canonicalURI, canonicalQuery: canonicalQuery, headers: headers,
            payloadHash: SigV4.unsignedPayload, amzDate: amzDate, secret: secret, region: credentials.region)
    }

    /// The signed `host` value for an authority, as SDKs compute it: lower case, without the scheme's default port.
    package static func hostHeader(scheme: String, authority: String) -> String {
        let host = authority.lowercased()
        let defaultPort = scheme.lowercased() == "https" ? ":443" : ":80"
        return host.hasSuffix(defaultPort) ? String(host.dropLast(defaultPort.count)) : host
    }

    /// `X-Amz-*` parameters belong to the signature scheme, never to the caller (compared case-insensitively).
    package static func isAuthParameter(_ name: String) -> Bool {
        name.lowercased().hasPrefix("x-amz-")
    }
}
