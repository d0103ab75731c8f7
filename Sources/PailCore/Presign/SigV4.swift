import Crypto
import Foundation
import Synchronization

/// The pieces of AWS Signature Version 4 that signer and verifier share, as AWS documents them.
///
/// ```swift
/// let request = SigV4.canonicalRequest(method: "GET", canonicalURI: "/b/k", canonicalQuery: query,
///                                      headers: [("host", "localhost:9480")], payloadHash: SigV4.unsignedPayload)
/// let key = SigV4.signingKey(secret: secret, date: "20130524", region: "us-east-1")
/// let signature = SigV4.signature(key: key, stringToSign: SigV4.stringToSign(
///     amzDate: "20130524T000000Z", scope: "20130524/us-east-1/s3/aws4_request", canonicalRequest: request))
/// ```
package enum SigV4 {
    package static let algorithm = "AWS4-HMAC-SHA256"
    package static let service = "s3"
    package static let terminator = "aws4_request"
    package static let unsignedPayload = "UNSIGNED-PAYLOAD"

    // MARK: Encoding

    /// AWS URI encoding of UTF-8 bytes: `A-Za-z0-9-._~` kept, everything else (`/` included) `%XX` in upper case.
    package static func uriEncode(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes `%XX` escapes (anything else is taken literally, `+` included: SigV4 is not form encoding).
    /// Returns nil for a broken escape or bytes that are not UTF-8.
    package static func percentDecode(_ text: some Collection<UInt8>) -> String? {
        // Called from other modules, where this generic is not specialized: the bytes are read through
        // a buffer pointer, never an iterator's witness table (once a quarter of a small GET's instructions).
        if let decoded = text.withContiguousStorageIfAvailable(percentDecode) { return decoded }
        return Array(text).withUnsafeBufferPointer(percentDecode)
    }

    private static func percentDecode(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        guard text.contains(UInt8(ascii: "%")) else { return String(validating: text, as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            let byte = text[index]
            index += 1
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard index + 1 < text.count, let high = hexValue(text[index]), let low = hexValue(text[index + 1]) else {
                return nil
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The S3 canonical URI of a path made of `segments` (bucket, then the key split on `/`):
    /// each segment encoded once, joined by `/`.
    package static func canonicalURI(segments: [String]) -> String {
        "/" + segments.map { uriEncode($0) }.joined(separator: "/")
    }

    /// The canonical query string: names and values encoded, sorted by encoded name then value.
    package static func canonicalQuery(_ parameters: [(name: String, value: String)]) -> String {
        let encoded: [(name: String, value: String)] = parameters.map {
            (name: uriEncode($0.name), value: uriEncode($0.value))
        }
        return
            encoded
            .sorted { ($0.name, $0.value) < ($1.name, $1.value) }
            .map { "\($0.name)=\($0.value)" }
            .joined(separator: "&")
    }

    // MARK: Signing

    /// The canonical request; `headers` are the signed headers (lower-case names) in signing order.
    package static func canonicalRequest(
        method: String, canonicalURI: String, canonicalQuery: String,
        headers: [(name: String, value: String)], payloadHash: String
    ) -> String {
        let canonicalHeaders = headers.map { "\($0.name):\(normalizeHeaderValue($0.value))\n" }.joined()
        let signedHeaders = headers.map(\.name).joined(separator: ";")
        return [method, canonicalURI, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash]
            .joined(separator: "\n")
    }

    /// The hex signature of a request from its canonical parts (signed headers in order, lower-case names),
    /// with the key of `secret` for the day of `amzDate` in `region`.
    package static func signature(
        method: String, canonicalURI: String, canonicalQuery: String, headers: [(name: String, value: String)],
        payloadHash: String, amzDate: String, secret: String, region: String
    ) -> String {
        let date = String(amzDate.prefix(8))
        let request = canonicalRequest(
            method: method, canonicalURI: canonicalURI, canonicalQuery: canonicalQuery, headers: headers, payloadHash: payloadHash)
        return signature(
            key: signingKey(secret: secret, date: date, region: region),
            stringToSign: stringToSign(amzDate: amzDate, scope: scope(date: date, region: region), canonicalRequest: request))
    }

    /// `<date>/<region>/s3/aws4_request`.
    package static func scope(date: String, region: String) -> String {
        "\(date)/\(region)/\(service)/\(terminator)"
    }

    package static func stringToSign(amzDate: String, scope: String, canonicalRequest: String) -> String {
        [algorithm, amzDate, scope, sha256Hex(canonicalRequest)].joined(separator: "\n")
    }

    /// HMAC chain `AWS4<secret>` → date → region → service → `aws4_request`. The key depends only on
    /// these, so it is kept (as AWS's SDKs keep it) for the next request of the day: a folder upload
    /// signs and verifies thousands of URLs.
    package static func signingKey(secret: String, date: String, region: String, service: String = service) -> SymmetricKey {
        let scope = [secret, date, region, service].joined(separator: "\u{0}")
        if let key = signingKeys.withLock({ $0[scope] }) { return key }
        var key = SymmetricKey(data: Data("AWS4\(secret)".utf8))
        for part in [date, region, service, terminator] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        signingKeys.withLock { keys in
            if keys.count >= 16 { keys.removeAll() }
            keys[scope] = key
        }
        return key
    }

    private static let signingKeys = Mutex<[String: SymmetricKey]>([:])

    /// Lower-case hex HMAC-SHA256 of the string to sign.
    package static func signature(key: SymmetricKey, stringToSign: String) -> String {
        Hex.lowercase(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
    }

    // MARK: Dates

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC, seconds truncated.
    package static func amzDate(_ date: Date) -> String {
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func padded(_ value: Int?, _ width: Int) -> String {
            let digits = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return padded(c.year, 4) + padded(c.month, 2) + padded(c.day, 2) + "T"
            + padded(c.hour, 2) + padded(c.minute, 2) + padded(c.second, 2) + "Z"
    }

    /// Parses `yyyyMMdd'T'HHmmss'Z'`; nil unless the text is exactly that form of a real UTC time.
    package static func parseAmzDate(_ text: String) -> Date? {
        let chars = Array(text.utf8)
        let digitPositions = [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14]
        guard chars.count == 16, chars[8] == UInt8(ascii: "T"), chars[15] == UInt8(ascii: "Z"),
            digitPositions.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(chars[$0]) })
        else { return nil }
        func number(_ range: Range<Int>) -> Int {
            chars[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        let components = DateComponents(
            year: number(0..<4), month: number(4..<6), day: number(6..<8),
            hour: number(9..<11), minute: number(11..<13), second: number(13..<15))
        // Calendar rolls 31 February over into March: a date is real only if it formats back to the same text.
        guard let date = utc.date(from: components), amzDate(date) == text else { return nil }
        return date
    }

    /// A fixed proleptic Gregorian calendar in UTC (immutable, so safe to share across threads).
    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        calendar.locale = Locale(identifier: "en_US_POSIX")
        return calendar
    }()

    // MARK: Helpers

    package static func sha256Hex(_ text: String) -> String {
        Hex.lowercase(SHA256.hash(data: Data(text.utf8)))
    }

    /// Equality whose time does not depend on where the strings differ (signatures).
    package static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Header values are trimmed and runs of spaces collapsed to one.
    private static func normalizeHeaderValue(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}
