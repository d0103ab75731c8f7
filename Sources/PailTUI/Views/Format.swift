import Foundation
import Synchronization

/// How the views and the status line write times, ages and folders.
enum Format {
    /// The formatter and the text of the minutes it formatted lately (a screen of files mostly shares a few, so a
    /// frame does not run `DateFormatter` for every row); the cache is emptied when it reaches `cachedMinutesLimit`.
    private struct DateTimeText: @unchecked Sendable {
        let formatter: DateFormatter = {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "yyyy-MM-dd HH:mm"
            return formatter
        }()
        var ofMinute: [Int64: String] = [:]
    }
    private static let dateTimeText = Mutex(DateTimeText())
    private static let cachedMinutesLimit = 4096

    /// `2026-11-23 14:05`, in local time.
    static func dateTime(_ date: Date) -> String {
        let minute = Int64((date.timeIntervalSince1970 / 60).rounded(.down))
        return dateTimeText.withLock { cache in
            if let text = cache.ofMinute[minute] { return text }
            if cache.ofMinute.count >= cachedMinutesLimit { cache.ofMinute.removeAll(keepingCapacity: true) }
            let text = cache.formatter.string(from: date)
            cache.ofMinute[minute] = text
            return text
        }
    }

    /// `0.4s`, `12s`, `3m`, `2h`: how long ago, short.
    static func age(_ seconds: TimeInterval) -> String {
        let value = max(0, seconds)
        if value < 10 { return String(format: "%.1fs", value) }
        if value < 60 { return "\(Int(value))s" }
        if value < 3600 { return "\(Int(value / 60))m" }
        if value < 86_400 { return "\(Int(value / 3600))h" }
        return "\(Int(value / 86_400))d"
    }
}

extension Format {
    /// A folder of the vault as a sentence names it: `docs/`, or "the top of the vault" for "".
    static func folder(_ path: String) -> String { path.isEmpty ? "the top of the vault" : path }
}
