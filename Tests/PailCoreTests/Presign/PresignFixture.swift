import Foundation

@testable import PailCore

/// Shared credentials, clock and URL surgery for the presigner tests.
enum PresignFixture {
    static let credentials = Credentials(
        accessKeyId: "PAILTESTKEY", secretAccessKey: "pail/test+secret", region: "us-east-1",
        endpoint: "http://localhost:9480", bucket: "pail")
    static let presigner = Presigner(credentials: credentials)
    /// 2023-11-14T22:13:20Z.
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    /// A PUT URL for `alice/docs/a.txt`, valid 900 s from `t0`, with a signed `x-pail-max-bytes`.
    static func putURL() throws -> String {
        try presigner.presign(
            method: .put, key: "alice/docs/a.txt", expires: 900, now: t0,
            extraQuery: ["x-pail-max-bytes": "1048576"])
    }

    /// `url` with the raw query parameter `name` set to `value` (appended if absent), or removed when `value` is nil.
    static func setting(_ name: String, to value: String?, in url: String) -> String {
        let (base, query) = split(url)
        var pairs = query.split(separator: "&").map(String.init)
        if let index = pairs.firstIndex(where: { $0.hasPrefix(name + "=") }) {
            if let value { pairs[index] = "\(name)=\(value)" } else { pairs.remove(at: index) }
        } else if let value {
            pairs.append("\(name)=\(value)")
        }
        return base + "?" + pairs.joined(separator: "&")
    }

    /// The raw value of query parameter `name` in `url`.
    static func value(of name: String, in url: String) -> String? {
        split(url).query.split(separator: "&").first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) }
    }

    private static func split(_ url: String) -> (base: String, query: String) {
        let parts = url.split(separator: "?", maxSplits: 1)
        return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
    }
}
