import Foundation
import HTTPTypes
import Hummingbird
import PailCore

/// The header values S3 writes and reads: quoted ETags, HTTP dates, header names Pail uses.
package enum S3Headers {
    package static let requestId = HTTPField.Name("x-amz-request-id")!
    package static let versionId = HTTPField.Name("x-amz-version-id")!
    package static let deleteMarker = HTTPField.Name("x-amz-delete-marker")!
    package static let copySource = HTTPField.Name("x-amz-copy-source")!
    package static let copySourceVersionId = HTTPField.Name("x-amz-copy-source-version-id")!
    package static let acceptRanges = HTTPField.Name("Accept-Ranges")!

    /// `"<etag>"`, as S3 quotes it.
    package static func quoted(_ etag: String) -> String { "\"\(etag)\"" }

    /// An ETag as a client sent it, quotes (and a weak `W/`) removed.
    package static func unquoted(_ etag: String) -> String {
        var text = Substring(etag.trimmingCharacters(in: .whitespaces))
        if text.hasPrefix("W/") { text = text.dropFirst(2) }
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = text.dropFirst().dropLast() }
        return String(text)
    }

    /// The headers a write stores with the object (PutObject, CreateMultipartUpload, CopyObject with
    /// `REPLACE`): `Content-Type`, the content headers S3 keeps and `x-amz-meta-*`. `aws-chunked` is the
    /// body's framing, not the object's encoding: it is left out of `Content-Encoding`, as S3 does.
    package static func objectHeaders(_ request: IncomingRequest) throws -> ObjectHeaders {
        var fields: [String: String] = [:]
        for (name, value) in request.headers
        where ObjectHeaders.contentHeaders.contains(name) || name.hasPrefix(ObjectHeaders.userMetadataPrefix) {
            fields[name] = fields[name].map { $0 + "," + value } ?? value
        }
        if let encoding = fields["content-encoding"] {
            let kept = encoding.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                $0 != "aws-chunked" && !$0.isEmpty
            }
            fields["content-encoding"] = kept.isEmpty ? nil : kept.joined(separator: ",")
        }
        return try ObjectHeaders(contentType: request.header("content-type"), fields: fields)
    }

    /// `Mon, 30 Nov 2026 12:00:00 GMT` (RFC 7231 IMF-fixdate).
    package static func httpDate(_ date: Date) -> String {
        httpDateFormatter.withLock { $0.string(from: date) }
    }

    /// Parses an HTTP date (IMF-fixdate); nil if it is not one (a bad date in a condition is ignored, as S3 ignores it).
    package static func parseHTTPDate(_ text: String) -> Date? {
        httpDateFormatter.withLock { $0.date(from: text.trimmingCharacters(in: .whitespaces)) }
    }

    private static let httpDateFormatter = LockedFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }
}

/// A `DateFormatter` (not thread-safe) shared behind a lock.
final class LockedFormatter: @unchecked Sendable {
    private let formatter: DateFormatter
    private let lock = NSLock()

    init(_ make: () -> DateFormatter) { formatter = make() }

    func withLock<T>(_ body: (DateFormatter) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(formatter)
    }
}
