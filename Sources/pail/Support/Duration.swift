import PailCore

/// Durations as people write them: `90` (seconds), `30m`, `12h`, `7d`.
enum Duration {
    static func seconds(_ text: String) throws -> Int {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        var digits = Substring(text)
        var factor = 1
        if let last = text.last, let unit = units[last] {
            digits = digits.dropLast()
            factor = unit
        }
        guard let value = Int(digits), value > 0 else {
            throw PailError(.invalidArgument, "Not a duration: '\(text)' (try 3600, 30m, 12h or 7d)")
        }
        let (seconds, overflow) = value.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw PailError(.invalidArgument, "The duration '\(text)' is too long") }
        return seconds
    }
}
