import Foundation

/// S3's timestamps in XML bodies: `2026-11-30T12:34:56.000Z` (UTC, milliseconds).
package enum S3Timestamp {
    package static func format(_ date: Date) -> String {
        formatter.withLock { $0.string(from: date) }
    }

    private static let formatter = LockedFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"
        return formatter
    }
}
