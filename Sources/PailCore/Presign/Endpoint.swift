import Foundation
import Synchronization

/// Where clients reach the store: a base URL `http(s)://host[:port]` (no path).
///
/// ```swift
/// let endpoint = try Endpoint("http://127.0.0.1:9480")
/// endpoint.authority    // "127.0.0.1:9480"
/// endpoint.hostHeader   // "127.0.0.1:9480" (":80" would be dropped, as SDKs sign it)
/// ```
public struct Endpoint: Sendable, Equatable, CustomStringConvertible {
    /// Where a root points until `pail serve` records where it listens.
    public static let defaultURL = "http://localhost:9480"

    public let scheme: String
    public let authority: String

    /// Parses a base URL; a bare `host[:port]` (what roots recorded before `pail serve` existed) means `http`.
    public init(_ text: String) throws {
        let parts = text.components(separatedBy: "://")
        let (scheme, rest) = parts.count == 2 ? (parts[0].lowercased(), parts[1]) : ("http", text)
        let authority = rest.hasSuffix("/") ? String(rest.dropLast()) : rest
        guard parts.count <= 2, scheme == "http" || scheme == "https", !authority.isEmpty,
            !authority.contains(where: { "/?#@ ".contains($0) || $0.isNewline })
        else {
            throw PailError(.invalidArgument, "Not an endpoint URL: '\(RemotePath.printable(text))' (expected http(s)://host[:port])")
        }
        self.scheme = scheme
        self.authority = authority.lowercased()
    }

    /// `init`, remembering the last text parsed: a folder upload signs and verifies thousands of URLs for
    /// one endpoint (parsing it for each was 3 % of the CPU of an upload of 10,000 small files).
    static func parsed(_ text: String) throws -> Endpoint {
        if let last = lastParsed.withLock({ $0 }), last.text == text { return last.endpoint }
        let endpoint = try Endpoint(text)
        lastParsed.withLock { $0 = (text, endpoint) }
        return endpoint
    }

    private static let lastParsed = Mutex<(text: String, endpoint: Endpoint)?>(nil)

    /// `scheme://authority`.
    public var description: String { "\(scheme)://\(authority)" }

    /// The signed `host` value, as SDKs compute it: lower case, without the scheme's default port.
    var hostHeader: String { Presigner.hostHeader(scheme: scheme, authority: authority) }
}

/// The endpoint a root's URLs name, recorded by `pail serve` (`--listen` or `--public-url`).
enum ServedEndpoint {
    static func createSchema(_ db: any SQL) throws {
        try db.execute("CREATE TABLE served_endpoint (id INTEGER PRIMARY KEY CHECK (id = 1), url TEXT NOT NULL)")
    }

    /// The recorded endpoint, or nil if `pail serve` never ran on this root.
    static func get(_ db: any SQL) throws -> String? {
        try db.fetchOne(String.self, "SELECT url FROM served_endpoint WHERE id = 1")
    }

    static func set(_ db: any SQL, _ endpoint: Endpoint) throws {
        try db.execute(
            "INSERT OR REPLACE INTO served_endpoint (id, url) VALUES (1, ?)",
            [
                endpoint.description
            ])
    }
}
