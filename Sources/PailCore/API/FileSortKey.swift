import Foundation

/// What a folder's files can be sorted by besides their names: size, modified time or extension. The
/// inventory keeps each file's value in a column with an index per key (`FileOrderColumns`), so a big
/// folder is read in these orders a window at a time, as it is by name.
///
/// ```swift
/// FileSortKey.fileExtension(of: "photo.JPG")   // "JPG"
/// FileSortKey.milliseconds(of: date)           // what `.modified` compares
/// ```
public enum FileSortKey: String, Sendable, Equatable, Hashable, CaseIterable {
    case size, modified, `extension`

    /// A size as it is compared: below 0 counts as 0.
    public static func size(_ bytes: Int64) -> Int64 { max(0, bytes) }

    /// A time as it is compared: whole milliseconds since 1970 (before then counts as 0).
    public static func milliseconds(of date: Date) -> Int64 { Int64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down))) }

    /// The part of a name after its last dot ("" without one, or for a name whose only dot leads: `.bashrc`).
    public static func fileExtension(of name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    /// An extension as it is compared: its natural key (`NaturalKey`: case folded, numbers by value).
    public static func extensionKey(of name: String) -> [UInt8] { NaturalKey.of(fileExtension(of: name)) }
}
