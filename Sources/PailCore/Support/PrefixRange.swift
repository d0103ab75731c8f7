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
}
