import Foundation

/// How the views and the status line write times, ages and folders.
enum Format {
    private static let dateTimeFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter
    }()
    private static let lock = NSLock()

    /// `2026-11-23 14:05`, in local time.
    static func dateTime(_ date: Date) -> String {
        lock.lock()
        defer { lock.unlock() }
        return dateTimeFormatter.string(from: date)
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
