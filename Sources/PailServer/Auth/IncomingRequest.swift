import PailCore

/// A request as it arrived, before anything in it is trusted: what signatures are computed over.
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

    package init(method: String, path: String, query: String, headers: [(name: String, value: String)]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers.map { (name: $0.name.lowercased(), value: $0.value) }
    }

    /// A header's value (several fields of one name joined by `,`, as HTTP reads them); nil if absent.
    package func header(_ name: String) -> String? {
        let name = name.lowercased()
        let values = headers.filter { $0.name == name }.map(\.value)
        return values.isEmpty ? nil : values.joined(separator: ",")
    }

    /// The query's parameters, each name and value `%`-decoded (`+` stays `+`); a name without `=` has
    /// an empty value (`?uploads`). `InvalidURI` for a broken escape or bytes that are not UTF-8.
    package func parameters() throws -> [(name: String, value: String)] {
        try query.utf8.split(separator: UInt8(ascii: "&")).map { pair in
            let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
            return (name: try Self.decode(pair[..<equals]), value: try Self.decode(pair[equals...].dropFirst()))
        }
    }

    /// The path's segments, each `%`-decoded: the bucket first, then the key's segments.
    package func pathSegments() throws -> [String] {
        guard path.utf8.first == UInt8(ascii: "/") else {
            throw PailError(.invalidURI, "Couldn't parse the specified URI: the path must start with '/'")
        }
        return try path.utf8.dropFirst().split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map(Self.decode)
    }

    private static func decode(_ text: some Collection<UInt8>) throws -> String {
        guard let decoded = SigV4.percentDecode(text) else {
            throw PailError(.invalidURI, "Couldn't parse the specified URI: a malformed %-escape or bytes that are not UTF-8")
        }
        return decoded
    }
}
