import Foundation
import PailCore

/// How the tree orders a folder's entries (`S`): by name (natural order), size, modified time or
/// extension, either way up, folders first or mixed with the files.
///
/// ```swift
/// TreeSort().label                                   // "name ↑"
/// TreeSort(key: .size, reversed: true).label         // "size ↓"
/// ```
struct TreeSort: Sendable, Equatable, Codable {
    enum Key: String, Sendable, Equatable, CaseIterable, Codable {
        case name, size, modified, `extension`
    }

    var key = Key.name
    var reversed = false
    var foldersFirst = true

    /// What the tree's header shows: the key and its direction (and "mixed" when folders are not first).
    var label: String { "\(key.rawValue) \(reversed ? "↓" : "↑")" + (foldersFirst ? "" : ", mixed") }

    /// The order big folders are read from the inventory in, a window at a time: the same key, either way up
    /// (each key has its index, ties by name).
    var listingOrder: ListingOrder {
        switch key {
        case .name: return reversed ? .naturalDescending : .natural
        case .size: return .by(.size, descending: reversed)
        case .modified: return .by(.modified, descending: reversed)
        case .extension: return .by(.extension, descending: reversed)
        }
    }

    /// The same direction by name only: how a big folder's sub-folders are ordered, as the index lists them.
    var byName: TreeSort { TreeSort(key: .name, reversed: reversed, foldersFirst: foldersFirst) }

    /// `rows` in this order (folders mixed in or not as the caller groups them). A folder's size is its total
    /// (everything under it); it has no time of its own: by time it sorts with the oldest; ties go by name.
    func sorted(_ rows: [TreeRow]) -> [TreeRow] {
        let keyed = rows.map { row in (row: row, name: NaturalKey.of(row.name), value: value(of: row)) }
        let ordered = keyed.sorted { a, b in
            if a.value != b.value { return a.value.lexicographicallyPrecedes(b.value) }
            return a.name.lexicographicallyPrecedes(b.name)
        }
        return (reversed ? ordered.reversed() : ordered).map(\.row)
    }

    /// The bytes `row` sorts by before its name (none by name), compared bytewise.
    private func value(of row: TreeRow) -> [UInt8] {
        switch key {
        case .name: return []
        case .extension: return row.isFolder ? [] : FileSortKey.extensionKey(of: row.name)
        case .size: return Self.ordered(FileSortKey.size(row.size ?? 0))
        case .modified: return Self.ordered(row.modified.map(FileSortKey.milliseconds(of:)) ?? 0)
        }
    }

    /// A number (at least 0, as `FileSortKey` makes them) as bytes that compare as the number does, as the
    /// inventory's indexes compare it for big folders.
    private static func ordered(_ number: Int64) -> [UInt8] { withUnsafeBytes(of: UInt64(max(0, number)).bigEndian) { Array($0) } }
}

extension TreeRow {
    /// The size the row shows: a file's, what an arriving upload announced, or a folder's total (nil for a
    /// folder the totals do not know yet).
    var size: Int64? {
        switch kind {
        case .file(let entry): return entry.size
        case .arriving(let size): return size
        case .folder: return total?.bytes
        }
    }

    /// When the file was modified, as the inventory lists it; nil for a folder or a file still arriving.
    var modified: Date? { if case .file(let entry) = kind { return entry.modified } else { return nil } }
}
