/// Which of a folder's files a listing reads: a run of them by position, among those whose names match a
/// filter. A big folder is shown through such windows, so only the rows on screen (and a margin) are decoded.
///
/// ```swift
/// FileWindow(start: 0, limit: 500)                      // the first 500 files
/// FileWindow(start: nil, limit: 500, matching: "jpg")   // the last 500 files whose names contain "jpg"
/// ```
public struct FileWindow: Sendable, Equatable, Hashable {
    /// The position of the first file wanted, or nil for the last `limit` files.
    public var start: Int?
    /// How many files at most.
    public var limit: Int
    /// Only files whose names contain this (`NameFilter`); "" for every file.
    public var matching: String
    /// The order positions count in (and sub-folders are listed in).
    public var order: ListingOrder

    public init(start: Int?, limit: Int, matching: String = "", order: ListingOrder = .bytes) {
        self.start = start
        self.limit = limit
        self.matching = matching
        self.order = order
    }

    /// Every file of the folder.
    public static let all = FileWindow(start: 0, limit: .max)

    /// The positions this window covers in a folder of `count` (matching) files: as asked, moved back so a
    /// window past the end still ends on the last file.
    public func positions(among count: Int) -> Range<Int> {
        let first = max(0, min(start ?? .max, count - limit))
        return first..<min(count, first + min(limit, count))
    }
}

/// The order a folder is listed in, each read from an index of the inventory: byte order of the sort
/// keys (S3's), natural order (`NaturalKey`), or by the files' size, time or extension (`FileSortKey`, ties
/// in natural order); either way up.
public enum ListingOrder: Sendable, Equatable, Hashable {
    case bytes
    case natural
    case naturalDescending
    /// By `key`, files of equal value by name (natural order); `descending` turns the whole order, ties too.
    case by(FileSortKey, descending: Bool)

    /// Whether names alone place files in this order (`precedes` answers only then).
    public var isByName: Bool { if case .by = self { return false } else { return true } }

    /// Whether `a` comes before `b` (paths or names of one folder) in this order, which is by name
    /// (`isByName`); in another order, in the order of equal values (natural, either way up).
    public func precedes(_ a: String, _ b: String) -> Bool {
        switch self {
        case .bytes: return a.utf8.lexicographicallyPrecedes(b.utf8)
        case .natural, .by(_, descending: false): return NaturalKey.precedes(a, b)
        case .naturalDescending, .by(_, descending: true): return NaturalKey.precedes(b, a)
        }
    }
}

/// How the tree's filter matches names: case-insensitively, anywhere in the name.
public enum NameFilter {
    /// Whether `name` (the last segment of a path) matches `filter`; "" matches everything.
    public static func matches(_ name: String, _ filter: String) -> Bool {
        filter.isEmpty || name.localizedCaseInsensitiveContains(filter)
    }
}
