import Foundation

/// One level of a folder in size, time or extension order, read from the indexes of `FileOrderColumns`:
/// the folder's files are one range of the key's index (`folder` = the folder), in order, so a window is
/// a `LIMIT … OFFSET …` of it and a count is a count of it, neither decoding an item; sub-folders are found
/// by seeking in the same index past each.
extension Inventory {
    /// The level of `prefix` (ending in `/`) with the keys of the files `window` covers, in `key` order
    /// (ties by natural name), either way up. Unless `count`, a window with a start that is read in full is
    /// not counted: the files up to its end are all that is known (`FolderLevel.counted` false).
    func sortedLevel(
        _ db: any SQL, pk: String, prefix: String, window: FileWindow, by key: FileSortKey, descending: Bool, count: Bool
    ) throws -> FolderLevel {
        var level = FolderLevel()
        level.folders = try subfolders(db, of: prefix, descending: descending)
        let files = SortedFiles(pk: pk, folder: prefix, key: key, descending: descending)
        guard window.matching.isEmpty else {
            try readMatching(db, files, window: window, count: count, into: &level)
            return level
        }
        if !count, let start = window.start {
            let keys = try files.keys(db, offset: start, limit: window.limit)
            if keys.count == window.limit {
                level.windowStart = start
                level.windowKeys = keys
                level.fileCount = start + keys.count
                level.counted = false
                return level
            }
        }
        level.fileCount = try files.count(db)
        let positions = window.positions(among: level.fileCount)
        level.windowStart = positions.lowerBound
        level.windowKeys = try files.keys(db, offset: positions.lowerBound, limit: positions.count)
        return level
    }

    /// The position of the file `key` among the files directly in `prefix`, in `sortKey` order: how many
    /// come before it, counted in the index.
    func position(_ db: any SQL, pk: String, prefix: String, of key: String, by sortKey: FileSortKey, descending: Bool) throws -> Int {
        let files = SortedFiles(pk: pk, folder: prefix, key: sortKey, descending: descending)
        return try files.position(db, of: key)
    }

    /// With a filter, the folder's names are matched one by one in order: a pass counts them (and collects
    /// the window's), and a second collects the window's if the first did not know where it was.
    private func readMatching(_ db: any SQL, _ files: SortedFiles, window: FileWindow, count: Bool, into level: inout FolderLevel) throws {
        let wanted = window.start.map { $0..<($0 + min(window.limit, Int.max - $0)) } ?? 0..<0
        let stop = count || window.start == nil ? nil : wanted.upperBound
        func pass(collecting range: Range<Int>, stoppingAt stop: Int?) throws {
            level.fileCount = 0
            level.windowKeys = []
            level.counted = true
            try files.forEachKey(db) { key in
                if let stop, level.fileCount >= stop {
                    level.counted = false
                    return false
                }
                guard NameFilter.matches(String(decoding: key.utf8.dropFirst(files.folder.utf8.count), as: UTF8.self), window.matching)
                else { return true }
                if range.contains(level.fileCount) { level.windowKeys.append(key) }
                level.fileCount += 1
                return true
            }
        }
        try pass(collecting: wanted, stoppingAt: stop)
        let positions = level.counted ? window.positions(among: level.fileCount) : wanted
        if positions != wanted.clamped(to: 0..<level.fileCount) { try pass(collecting: positions, stoppingAt: nil) }
        level.windowStart = positions.lowerBound
    }

    /// The names of the sub-folders of `prefix`, in natural order (either way up): one seek in the folders'
    /// index past each.
    private func subfolders(_ db: any SQL, of prefix: String, descending: Bool) throws -> [String] {
        let next = """
            SELECT folder FROM inventory INDEXED BY \(FileOrderColumns.column(.size).index)
            WHERE folder > CAST(? AS TEXT) AND folder < CAST(? AS TEXT) ORDER BY folder LIMIT 1
            """
        let upper = PrefixRange.upperBound(of: prefix)
        var lower = Data(prefix.utf8)
        var names: [String] = []
        while let folder = try db.fetchOne(String.self, next, [lower, upper]) {
            let name = String(decoding: folder.utf8.dropFirst(prefix.utf8.count).prefix { $0 != UInt8(ascii: "/") }, as: UTF8.self)
            names.append(name)
            lower = PrefixRange.upperBound(of: prefix + name + "/")
        }
        return names.sorted { descending ? NaturalKey.precedes($1, $0) : NaturalKey.precedes($0, $1) }
    }
}

/// The files directly in one folder, as one range of the index of their `key`, in order.
private struct SortedFiles {
    let pk: String
    let folder: String
    let key: FileSortKey
    let descending: Bool

    private var column: String { FileOrderColumns.column(key).name }
    private var index: String { FileOrderColumns.column(key).index }
    private var direction: String { descending ? " DESC" : "" }
    private var orderBy: String { "ORDER BY \(column)\(direction), nk\(direction)" }

    func count(_ db: any SQL) throws -> Int {
        let sql = "SELECT count(*) FROM inventory INDEXED BY \(index) WHERE folder = ? AND pk = ?"
        return try db.fetchOne(Int.self, sql, [folder, pk]) ?? 0
    }

    /// The sort keys of `limit` files from position `offset`.
    func keys(_ db: any SQL, offset: Int, limit: Int) throws -> [String] {
        guard limit > 0 else { return [] }
        let sql = "SELECT sk FROM inventory INDEXED BY \(index) WHERE folder = ? AND pk = ? \(orderBy) LIMIT ? OFFSET ?"
        return try db.fetchAll(String.self, sql, [folder, pk, min(limit, Int(Int64.max)), offset])
    }

    /// Visits the files' sort keys in order until `visit` returns false.
    func forEachKey(_ db: any SQL, _ visit: (String) throws -> Bool) throws {
        let sql = "SELECT sk FROM inventory INDEXED BY \(index) WHERE folder = ? AND pk = ? \(orderBy)"
        try db.forEachRow(sql, [folder, pk]) { try visit($0[0]) }
    }

    /// How many files come before the file with sort key `sk` (which must be in the folder).
    func position(_ db: any SQL, of sk: String) throws -> Int {
        let own = try db.fetchOne("SELECT \(column), nk FROM inventory WHERE pk = ? AND sk = ?", [pk, sk]) {
            ($0[0] as SQLValue, $0[1] as Data)
        }
        guard let (value, natural) = own else { return 0 }
        let before = descending ? ">" : "<"
        let sql = "SELECT count(*) FROM inventory INDEXED BY \(index) WHERE folder = ? AND pk = ? AND (\(column), nk) \(before) (?, ?)"
        return try db.fetchOne(Int.self, sql, [folder, pk, value, natural]) ?? 0
    }
}
