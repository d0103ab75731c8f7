import PailCore

/// A request as it arrived, before anything in it is trusted: what signatures are computed over. Its path
/// and query are decoded once, here, for the authenticator, the signature and the route alike.
///
/// ```swift
/// let request = IncomingRequest(method: "GET", path: "/pail/alice/a%20b.txt", query: "versionId=3",
///                               headers: [("host", "127.0.0.1:9480"), ("x-amz-date", "20261130T120000Z")])
/// request.header("Host")   // "127.0.0.1:9480"
/// ```
package struct IncomingRequest: Sendable {
    /// `GET`, `PUT`, … as sent.
    package let method: String
    /// The path as sent on the request line (still `%`-encoded), without the query.
    package let path: String
    /// The query as sent (still `%`-encoded), without the `?`; empty if there is none.
    package let query: String
    /// Header fields in the order received, names in lower case (the `Host` header included).
    package let headers: [(name: String, value: String)]
    private let decodedParameters: Result<[(name: String, value: String)], PailError>
    private let decodedSegments: Result<[String], PailError>

    package init(method: String, path: String, query: String, headers: [(name: String, value: String)]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers.map { (name: $0.name.lowercased(), value: $0.value) }
        decodedParameters = Result { () throws(PailError) in try Self.decodeParameters(query) }
        decodedSegments = Result { () throws(PailError) in try Self.decodeSegments(path) }
    }

    /// A header's value (several fields of one name joined by `,`, as HTTP reads them); nil if absent.
    package func header(_ name: String) -> String? {
        let name = name.lowercased()
        var found: String?
        for field in headers where field.name == name {
            found = found.map { $0 + "," + field.value } ?? field.value
        }
        return found
    }

    /// The query's parameters, each name and value `%`-decoded (`+` stays `+`); a name without `=` has
    /// an empty value (`?uploads`). `InvalidURI` for a broken escape or bytes that are not UTF-8.
    package func parameters() throws -> [(name: String, value: String)] { try decodedParameters.get() }

    /// The path's segments, each `%`-decoded: the bucket first, then the key's segments.
    package func pathSegments() throws -> [String] { try decodedSegments.get() }

    private static func decodeParameters(_ query: String) throws(PailError) -> [(name: String, value: String)] {
        var parameters: [(name: String, value: String)] = []
        for pair in query.utf8.split(separator: UInt8(ascii: "&")) {
            let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
            parameters.append((name: try decode(pair[..<equals]), value: try decode(pair[equals...].dropFirst())))
        }
        return parameters
    }

    private static func decodeSegments(_ path: String) throws(PailError) -> [String] {
        guard path.utf8.first == UInt8(ascii: "/") else {
            throw PailError(.invalidURI, "Couldn't parse the specified URI: the path must start with '/'")
        }
        var segments: [String] = []
        for segment in path.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            segments.append(try decode(segment))
        }
        return segments
    }

    private static func decode(_ text: Substring.UTF8View) throws(PailError) -> String {
        guard let decoded = SigV4.percentDecode(text) else {
            throw PailError(.invalidURI, "Couldn't parse the specified URI: a malformed %-escape or bytes that are not UTF-8")
        }
        return decoded
    }
}
