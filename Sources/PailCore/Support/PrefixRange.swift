import Foundation

/// `begins_with` as an index range: every text starting with a prefix sorts at or above the prefix
/// and below `upperBound(of:)`, so SQLite answers prefix queries with a range search on its index.
enum PrefixRange {
    /// The least byte string above every string that begins with `prefix`: its UTF-8 bytes with the
    /// last one incremented, or the single byte 0xFF for the empty prefix. UTF-8 never contains 0xFF,
    /// so the increment cannot overflow and 0xFF sorts above every text; the result may be invalid
    /// UTF-8, which SQLite compares bytewise all the same — bind it as a blob and compare with
    /// `CAST(? AS TEXT)`.
    static func upperBound(of prefix: String) -> Data {
        var bytes = Array(prefix.utf8)
        guard !bytes.isEmpty else { return Data([0xFF]) }
        bytes[bytes.count - 1] += 1
        return Data(bytes)
    }

    /// S3's roll-up: the common prefix `key` belongs to in a listing of `prefix` with `delimiter` (the key
    /// up to and including the first delimiter after the prefix), or nil if it is listed on its own (always,
    /// without a delimiter or with an empty one).
    static func commonPrefix(of key: String, after prefix: String, delimiter: String?) -> String? {
        guard let delimiter, !delimiter.isEmpty,
            let range = key.utf8.dropFirst(prefix.utf8.count).firstRange(of: delimiter.utf8)
        else { return nil }
        return String(key.utf8[..<range.upperBound])
    }

    /// Whether `text` sorts at or before `marker` in byte order (so a page after the marker leaves it out).
    static func isAtOrBefore(_ text: String, marker: String?) -> Bool {
        guard let marker else { return false }
        return !Array(marker.utf8).lexicographicallyPrecedes(Array(text.utf8))
    }
}
