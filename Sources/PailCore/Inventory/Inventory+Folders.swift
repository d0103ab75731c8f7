import Foundation

/// One level of a folder, read from the index's keys: sub-folders are found by seeking past each, files
/// are counted without decoding them, and the keys of a window of files are collected.
extension Inventory {
    /// What one level of a folder holds.
    struct FolderLevel {
        /// Names of the sub-folders, in the window's order.
        var folders: [String] = []
        /// How many files lie directly in the folder (those matching the window's filter), or how many were
        /// seen before the scan stopped (`counted` false; `folders` then holds those seen too).
        var fileCount = 0
        var counted = true
        /// The position of the first key of `windowKeys` among those files.
        var windowStart = 0
        /// The sort keys of the files in the window, in order.
        var windowKeys: [String] = []
    }

    /// The position of the file `key` among the files directly in the folder `prefix` (ending in `/`), in
    /// `order`: how many of them come before it, counted in the index without decoding an item.
    func position(_ db: any SQL, pk: String, prefix: String, of key: String, order: ListingOrder) throws -> Int {
        if case .by(let sortKey, let descending) = order {
            return try position(db, pk: pk, prefix: prefix, of: key, by: sortKey, descending: descending)
        }
        let index = LevelIndex(order)
        let range = index.range(of: prefix)
        let own = order == .bytes ? Data(key.utf8) : Data(NaturalKey.of(key))
        let (comparison, lower, upper) = index.descending ? (">", own, range.upper) : (">=", range.lower, own)
        let sql = """
            SELECT count(*) FROM inventory WHERE pk = ? AND \(index.column) \(comparison) \(index.bound)
            AND \(index.column) < \(index.bound) AND instr(substr(CAST(sk AS BLOB), ?), X'2F') = 0
            """
        return try db.fetchOne(Int.self, sql, [pk, lower, upper, prefix.utf8.count + 1]) ?? 0
    }

    /// The level of `pk`'s folder whose sort keys begin with `prefix` (ending in `/`, or the user's
    /// `user/`), with the keys of the files `window` covers. Unless `count`, a window with a start stops the
    /// scan once it is read: the rest of the folder is neither counted nor searched for sub-folders.
    func folderLevel(_ db: any SQL, pk: String, prefix: String, window: FileWindow, count: Bool = true) throws -> FolderLevel {
        if case .by(let sortKey, let descending) = window.order {
            return try sortedLevel(db, pk: pk, prefix: prefix, window: window, by: sortKey, descending: descending, count: count)
        }
        let wanted = window.start.map { $0..<($0 + min(window.limit, Int.max - $0)) } ?? 0..<0
        let stop = count || window.start == nil ? nil : wanted.upperBound
        var level = try scanLevel(db, pk: pk, prefix: prefix, window: window, collecting: wanted, stoppingAt: stop)
        let positions = level.counted ? window.positions(among: level.fileCount) : wanted
        if positions != wanted.clamped(to: 0..<level.fileCount) {
            // The window was past the end (or asked for the last files): read the keys of the files it covers.
            level = try scanLevel(db, pk: pk, prefix: prefix, window: window, collecting: positions, stoppingAt: nil)
        }
        level.windowStart = positions.lowerBound
        return level
    }

    /// One pass over the folder's keys in the window's order: its sub-folders, its file count, and the keys
    /// of the files at `collecting` positions; it stops after `stoppingAt` files, if given.
    private func scanLevel(
        _ db: any SQL, pk: String, prefix: String, window: FileWindow, collecting: Range<Int>, stoppingAt stop: Int?
    ) throws -> FolderLevel {
        let matching = window.matching
        let index = LevelIndex(window.order)
        // The second column is where the first `/` after the prefix is (0 for a file): most rows are
        // counted from it alone, without making a string of their key.
        let sql = """
            SELECT sk, instr(substr(CAST(sk AS BLOB), ?), X'2F') FROM inventory
            WHERE pk = ? AND \(index.column) >= \(index.bound) AND \(index.column) < \(index.bound) ORDER BY \(index.column)\(index.direction)
            """
        let prefixLength = prefix.utf8.count
        var level = FolderLevel()
        var range: (lower: Data, upper: Data)? = index.range(of: prefix)
        // A stop leaves `range` nil, which ends the scan.
        while let bounds = range {
            range = nil
            try db.forEachRow(sql, [prefixLength + 1, pk, bounds.lower, bounds.upper]) { row in
                if let stop, level.fileCount >= stop {
                    level.counted = false
                    return false
                }
                let slash: Int = row[1]
                guard slash == 0 else {
                    // A sub-folder: note its name, and start again past everything in it.
                    let key: String = row[0]
                    let folder = String(decoding: key.utf8.dropFirst(prefixLength).prefix(slash - 1), as: UTF8.self)
                    level.folders.append(folder)
                    let inside = index.range(of: prefix + folder + "/")
                    range = index.descending ? (bounds.lower, inside.lower) : (inside.upper, bounds.upper)
                    return false
                }
                if matching.isEmpty && !collecting.contains(level.fileCount) {
                    level.fileCount += 1
                    return true
                }
                let key: String = row[0]
                if matching.isEmpty || NameFilter.matches(String(decoding: key.utf8.dropFirst(prefixLength), as: UTF8.self), matching) {
                    if collecting.contains(level.fileCount) { level.windowKeys.append(key) }
                    level.fileCount += 1
                }
                return true
            }
        }
        return level
    }
}

/// The index a level is read from, and how: the sort keys (`sk`, text in byte order) or the natural keys
/// (`nk`, blobs), forwards or backwards.
private struct LevelIndex {
    let column: String
    /// How a bound is bound: a blob compared as text to the sort keys, as itself to the natural keys.
    let bound: String
    let descending: Bool
    private let natural: Bool

    init(_ order: ListingOrder) {
        natural = order != .bytes
        column = natural ? "nk" : "sk"
        bound = natural ? "?" : "CAST(? AS TEXT)"
        descending = order == .naturalDescending
    }

    var direction: String { descending ? " DESC" : "" }

    /// The keys of everything under `prefix` (ending in `/`): at or above `lower`, below `upper`.
    func range(of prefix: String) -> (lower: Data, upper: Data) {
        guard natural else { return (Data(prefix.utf8), PrefixRange.upperBound(of: prefix)) }
        let key = NaturalKey.of(prefix)
        return (Data(key), NaturalKey.upperBound(of: key))
    }
}
