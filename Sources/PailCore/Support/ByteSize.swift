import Foundation

/// Byte counts as people write them: `100MB` (decimal), `1GiB` (binary), `512` (bytes).
///
/// ```swift
/// try ByteSize.parse("100MB")   // 100_000_000
/// ByteSize.format(1_500_000)    // "1.5 MB"
/// ```
public enum ByteSize {
    private static let units: [(suffix: String, factor: Int64)] = [
        ("KIB", 1 << 10), ("MIB", 1 << 20), ("GIB", 1 << 30), ("TIB", 1 << 40),
        ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("TB", 1_000_000_000_000),
        ("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30), ("T", 1 << 40), ("B", 1),
    ]

    /// Parses a size; throws `InvalidArgument` for anything that is not a non-negative size.
    public static func parse(_ text: String) throws -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        var number = Substring(trimmed)
        var factor: Int64 = 1
        if let unit = units.first(where: { trimmed.hasSuffix($0.suffix) }) {
            number = trimmed.dropLast(unit.suffix.count)
            factor = unit.factor
        }
        guard let value = Double(number.trimmingCharacters(in: .whitespaces)), value >= 0,
            value * Double(factor) < 9.0e18
        else {
            throw PailError(.invalidArgument, "Not a size: '\(text)' (try 500MB, 2GiB or a number of bytes)")
        }
        return Int64((value * Double(factor)).rounded())
    }

    /// Formats a byte count for people, in decimal units (as `ls -h --si` and most file managers do).
    public static func format(_ bytes: Int64) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        let names = ["kB", "MB", "GB", "TB", "PB"]
        var value = Double(bytes) / 1000
        var index = 0
        while value >= 1000, index < names.count - 1 {
            value /= 1000
            index += 1
        }
        let rounded = value >= 100 ? String(Int(value.rounded())) : oneDecimal(value)
        return "\(rounded) \(names[index])"
    }

    /// `value` (1 up to 100) with one decimal as `printf`'s `%.1f` writes it: the tenth nearest to the exact
    /// binary value, ties to even. Worked out in integers (`String(format:)` costs microseconds a call).
    private static func oneDecimal(_ value: Double) -> String {
        // value = significand × 2^-shift, so value × 10 is the integer tenfold × 2^-shift.
        let shift = UInt64(Double.significandBitCount) - UInt64(value.exponent)
        let tenfold = (value.significandBitPattern | 1 << Double.significandBitCount) * 10
        var tenths = tenfold >> shift
        let rest = tenfold & ((1 << shift) - 1)
        let half: UInt64 = 1 << (shift - 1)
        if rest > half || rest == half && tenths % 2 == 1 { tenths += 1 }
        return "\(tenths / 10).\(tenths % 10)"
    }
}
