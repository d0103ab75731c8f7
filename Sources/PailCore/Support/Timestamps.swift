import Foundation

/// ISO-8601 UTC timestamps as AWS writes them in events (`2026-11-22T21:00:00Z`).
enum Timestamps {
    static func iso8601(_ date: Date) -> String { date.formatted(.iso8601) }

    static func parse(_ text: String) -> Date? { try? Date(text, strategy: .iso8601) }
}
