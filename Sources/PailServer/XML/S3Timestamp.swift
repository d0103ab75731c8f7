import Foundation

/// Timestamps as S3 writes them in XML documents: UTC, whole seconds and `.000` milliseconds.
///
/// S3's listings keep whole seconds (as its `Last-Modified` header does), so a date is written rounded down
/// to its second, which keeps a listing's time and the object's `Last-Modified` header equal. The digits
/// are written straight into the document's bytes (days to a civil date as in Howard Hinnant's
/// `civil_from_days`): a 1,000-entry listing writes 1,000 of them. Dates outside the years 0000–9999 are
/// written as the nearest date inside them.
///
/// ```swift
/// S3Timestamp.string(Date(timeIntervalSince1970: 1_796_042_096.7))   // "2026-11-30T12:34:56.000Z"
/// ```
package enum S3Timestamp {
    /// The earliest and latest seconds since 1970 that have a four-digit year.
    static let range: ClosedRange<Int64> = -62_167_219_200...253_402_300_799

    /// The timestamp as a string.
    package static func string(_ date: Date) -> String {
        var out: [UInt8] = []
        append(date, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the 24 bytes of `YYYY-MM-DDTHH:MM:SS.000Z` to `out`.
    package static func append(_ date: Date, to out: inout [UInt8]) {
        let interval = date.timeIntervalSince1970.rounded(.down)
        let seconds = interval.isNaN ? 0 : Int64(min(max(interval, Double(range.lowerBound)), Double(range.upperBound)))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let time = seconds - days * 86_400
        let (year, month, day) = civil(days: days)
        func digits(_ value: Int64, _ count: Int) {
            var divisor: Int64 = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(year, 4); out.append(UInt8(ascii: "-")); digits(month, 2); out.append(UInt8(ascii: "-")); digits(day, 2)
        out.append(UInt8(ascii: "T"))
        digits(time / 3600, 2); out.append(UInt8(ascii: ":")); digits(time / 60 % 60, 2); out.append(UInt8(ascii: ":"))
        digits(time % 60, 2)
        out.append(contentsOf: ".000Z".utf8)
    }

    /// The proleptic Gregorian date `days` days after 1970-01-01.
    private static func civil(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468  // days since 0000-03-01, where 400-year eras start
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let marchMonth = (5 * dayOfYear + 2) / 153  // 0 is March
        let month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - (153 * marchMonth + 2) / 5 + 1)
    }
}
