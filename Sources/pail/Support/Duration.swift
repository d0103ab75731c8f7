import PailCore

/// Durations as people write them: `90` (seconds), `30m`, `12h`, `7d`.
enum Duration {
    /// The seconds `text` says; `allowZero` accepts `0` (as "keep none").
    static func seconds(_ text: String, allowZero: Bool = false) throws -> Int {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        var digits = Substring(text)
        var factor = 1
        if let last = text.last, let unit = units[last] {
            digits = digits.dropLast()
            factor = unit
        }
        guard let value = Int(digits), value > 0 || (allowZero && value == 0) else {
            throw PailError(.invalidArgument, "Not a duration: '\(text)' (try 3600, 30m, 12h or 7d)")
        }
        let (seconds, overflow) = value.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw PailError(.invalidArgument, "The duration '\(text)' is too long") }
        return seconds
    }
}

extension Duration {
    /// A retention as people say it: `30 days`, `12 hours`, `none` for 0.
    static func describe(_ seconds: Int) -> String {
        if seconds == 0 { return "none" }
        for (unit, size) in [("day", 86_400), ("hour", 3600), ("minute", 60)] where seconds % size == 0 {
            return Plural.count(seconds / size, unit)
        }
        return Plural.count(seconds, "second")
    }
}
