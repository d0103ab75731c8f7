import Foundation

/// The inventory's natural order, as bytes: compared bytewise, the keys of two paths put them in the order
/// nnn and lf call `natural` — digit runs as numbers (`file_2` before `file_10`), letters case-folded (`a`
/// before `B`) — segment by segment, so a folder's entries sort together and the key of `docs/` begins
/// every key under `docs/` (a folder is a range of keys, as it is in byte order).
///
/// Each segment is its folded form, `0x00`, its own bytes, `0x00`; segments are joined by `/`. Ties of the
/// folded form (`a01` and `a1`, `A` and `a`) are settled by the bytes themselves, so distinct names never
/// have equal keys. Inside the folded form, a run of ASCII digits is `0x30`, the count of its digits without
/// leading zeros, and those digits; the bytes `0x00` and `0x01` (control bytes an S3 key may hold) are
/// escaped as `0x01 0x01` and `0x01 0x02`, so `0x00` only ever ends a part.
///
/// ```swift
/// NaturalKey.of("file_2").lexicographicallyPrecedes(NaturalKey.of("file_10"))   // true
/// NaturalKey.of("docs/x").starts(with: NaturalKey.of("docs/"))                  // true
/// ```
public enum NaturalKey {
    /// The key of `path` (a sort key `user/docs/a.txt`, a folder `docs/`, or a name).
    public static func of(_ path: String) -> [UInt8] {
        var key: [UInt8] = []
        key.reserveCapacity(path.utf8.count * 2 + 8)
        var segmentStart = path.utf8.startIndex
        let utf8 = path.utf8
        for index in utf8.indices where utf8[index] == UInt8(ascii: "/") {
            appendSegment(utf8[segmentStart..<index], to: &key)
            key.append(UInt8(ascii: "/"))
            segmentStart = utf8.index(after: index)
        }
        if segmentStart != utf8.endIndex { appendSegment(utf8[segmentStart...], to: &key) }
        return key
    }

    /// Whether `a` comes before `b` in natural order.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        of(a).lexicographicallyPrecedes(of(b))
    }

    /// The least key above every key that begins with `key` (which never ends in 0xFF: it ends a part
    /// with `0x00` or `/`, or is empty).
    static func upperBound(of key: [UInt8]) -> Data {
        var bytes = key
        while let last = bytes.last, last == 0xFF { bytes.removeLast() }
        guard !bytes.isEmpty else { return Data([0xFF]) }
        bytes[bytes.count - 1] += 1
        return Data(bytes)
    }

    private static let digitRun: UInt8 = 0x30
    private static let end: UInt8 = 0x00
    private static let escape: UInt8 = 0x01

    /// A segment (no `/` in it): folded form, end, its bytes, end.
    private static func appendSegment(_ segment: Substring.UTF8View, to key: inout [UInt8]) {
        // The digit run being read, without its leading zeros (nil outside a run).
        var run: [UInt8]?
        for scalar in Substring(segment).unicodeScalars {
            if scalar.isASCII, scalar.value >= 0x30, scalar.value <= 0x39 {
                let digit = UInt8(scalar.value)
                run = run ?? []
                if !(run!.isEmpty && digit == 0x30) { run!.append(digit) }
                continue
            }
            if let digits = run { appendDigitRun(digits, to: &key) }
            run = nil
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                appendEscaped(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte, to: &key)
            } else {
                for byte in scalar.properties.lowercaseMapping.utf8 { appendEscaped(byte, to: &key) }
            }
        }
        if let digits = run { appendDigitRun(digits, to: &key) }
        key.append(end)
        for byte in segment { appendEscaped(byte, to: &key) }
        key.append(end)
    }

    /// A number: its digit count first (one byte below 255, else 0xFF and four bytes), so a longer number
    /// sorts after a shorter one, then its digits.
    private static func appendDigitRun(_ digits: [UInt8], to key: inout [UInt8]) {
        key.append(digitRun)
        if digits.count < 0xFF {
            key.append(UInt8(digits.count))
        } else {
            key.append(0xFF)
            withUnsafeBytes(of: UInt32(digits.count).bigEndian) { key += $0 }
        }
        key += digits
    }

    private static func appendEscaped(_ byte: UInt8, to key: inout [UInt8]) {
        if byte <= escape {
            key += [escape, byte + 1]
        } else {
            key.append(byte)
        }
    }
}
