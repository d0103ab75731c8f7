import Foundation

/// ISO-8601 UTC timestamps as AWS writes them in events (`2026-11-22T21:00:00Z`).
///
/// That one fixed form is written and read by hand (days from the civil date, as in Howard Hinnant's
/// `days_from_civil`): every delivered event and every listed file goes through here, and Foundation's
/// ISO-8601 styles cost microseconds each. Only that form is read, and only real dates and times.
package enum Timestamps {
    package static func iso8601(_ date: Date) -> String {
        var out = [UInt8]()
        out.reserveCapacity(20)
        iso8601(date, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `iso8601(date)`'s UTF-8 bytes to `out` (a listing writes each row's date straight into its buffer).
    package static func iso8601(_ date: Date, to out: inout [UInt8]) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (year, month, day) = civil(fromDays: days)
        guard (0...9999).contains(year) else { return out.append(contentsOf: date.formatted(.iso8601).utf8) }
        let time = seconds - days * 86_400
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { text in
            func twoDigits(_ value: Int64, at offset: Int) {
                text[offset] = UInt8(ascii: "0") + UInt8(value / 10)
                text[offset + 1] = UInt8(ascii: "0") + UInt8(value % 10)
            }
            twoDigits(year / 100, at: 0)
            twoDigits(year % 100, at: 2)
            twoDigits(month, at: 5)
            twoDigits(day, at: 8)
            twoDigits(time / 3600, at: 11)
            twoDigits(time / 60 % 60, at: 14)
            twoDigits(time % 60, at: 17)
            text[4] = UInt8(ascii: "-")
            text[7] = UInt8(ascii: "-")
            text[10] = UInt8(ascii: "T")
            text[13] = UInt8(ascii: ":")
            text[16] = UInt8(ascii: ":")
            text[19] = UInt8(ascii: "Z")
            out.append(contentsOf: text)
        }
    }

    /// The date of `YYYY-MM-DDTHH:MM:SSZ`, or nil.
    static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// The date of the UTF-8 text `YYYY-MM-DDTHH:MM:SSZ`, or nil.
    static func parse(_ text: UnsafeRawBufferPointer) -> Date? {
        let utf8 = text.assumingMemoryBound(to: UInt8.self)
        guard utf8.count == 20, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-"), utf8[10] == UInt8(ascii: "T"),
            utf8[13] == UInt8(ascii: ":"), utf8[16] == UInt8(ascii: ":"), utf8[19] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in utf8[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), let second = number(17..<19), (1...12).contains(month),
            (1...daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        let days = self.days(fromCivil: year, month, day)
        return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3600 + minute * 60 + second))
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date `days` after 1970-01-01.
    private static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - (153 * mp + 2) / 5 + 1)
    }
}
