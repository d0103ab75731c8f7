import Foundation

/// `begins_with` as an index range: every text starting with a prefix sorts at or above the prefix
/// and below `upperBound(of:)`, so SQLite answers prefix queries with a range search on its index.
enum PrefixRange {
    /// The least byte string above every string that begins with `prefix` (not empty): its UTF-8
    /// bytes with the last one incremented. UTF-8 never contains 0xFF, so that byte cannot overflow;
    /// the result may be invalid UTF-8, which SQLite compares bytewise all the same — bind it as a
    /// blob and compare with `CAST(? AS TEXT)`.
    static func upperBound(of prefix: String) -> Data {
        var bytes = Array(prefix.utf8)
        bytes[bytes.count - 1] += 1
        return Data(bytes)
    }
}
