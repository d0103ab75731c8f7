import Foundation
import GRDB

/// One level of a folder, read from the index's keys: sub-folders are found by seeking past each, files
/// are counted without decoding them, and the keys of a window of files are collected.
extension Inventory {
    /// What one level of a folder holds.
    struct FolderLevel {
        /// Names of the sub-folders, in byte order.
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

    /// The level of `pk`'s folder whose sort keys begin with `prefix` (ending in `/`, or the user's
    /// `user/`), with the keys of the files `window` covers. Unless `count`, a window with a start stops the
    /// scan once it is read: the rest of the folder is neither counted nor searched for sub-folders.
    func folderLevel(_ db: Database, pk: String, prefix: String, window: FileWindow, count: Bool = true) throws -> FolderLevel {
        let wanted = window.start.map { $0..<($0 + min(window.limit, Int.max - $0)) } ?? 0..<0
        let stop = count || window.start == nil ? nil : wanted.upperBound
        var level = try scanLevel(db, pk: pk, prefix: prefix, matching: window.matching, collecting: wanted, stoppingAt: stop)
        let positions = level.counted ? window.positions(among: level.fileCount) : wanted
        if positions != wanted.clamped(to: 0..<level.fileCount) {
            // The window was past the end (or asked for the last files): read the keys of the files it covers.
            level = try scanLevel(db, pk: pk, prefix: prefix, matching: window.matching, collecting: positions, stoppingAt: nil)
        }
        level.windowStart = positions.lowerBound
        return level
    }

    /// One pass over the folder's keys: its sub-folders, its file count, and the keys of the files at
    /// `collecting` positions; it stops after `stoppingAt` files, if given.
    private func scanLevel(
        _ db: Database, pk: String, prefix: String, matching: String, collecting: Range<Int>, stoppingAt stop: Int?
    ) throws -> FolderLevel {
        // The second column is where the first `/` after the prefix is (0 for a file): most rows are
        // counted from it alone, without making a string of their key.
        let statement = try db.cachedStatement(
            sql: """
                SELECT sk, instr(substr(CAST(sk AS BLOB), ?), X'2F') FROM inventory
                WHERE pk = ? AND sk >= CAST(? AS TEXT) AND sk < CAST(? AS TEXT) ORDER BY sk
                """)
        let upper = PrefixRange.upperBound(of: prefix)
        let prefixLength = prefix.utf8.count
        var level = FolderLevel()
        var from: Data? = Data(prefix.utf8)
        scanning: while let start = from {
            from = nil
            let rows = try Row.fetchCursor(statement, arguments: [prefixLength + 1, pk, start, upper])
            while let row = try rows.next() {
                if let stop, level.fileCount >= stop {
                    level.counted = false
                    break scanning
                }
                let slash: Int = row[1]
                guard slash == 0 else {
                    // A sub-folder: note its name, and start again past everything in it.
                    let key: String = row[0]
                    let folder = String(decoding: key.utf8.dropFirst(prefixLength).prefix(slash - 1), as: UTF8.self)
                    level.folders.append(folder)
                    from = PrefixRange.upperBound(of: prefix + folder + "/")
                    break
                }
                if matching.isEmpty && !collecting.contains(level.fileCount) {
                    level.fileCount += 1
                    continue
                }
                let key: String = row[0]
                if matching.isEmpty || NameFilter.matches(String(decoding: key.utf8.dropFirst(prefixLength), as: UTF8.self), matching) {
                    if collecting.contains(level.fileCount) { level.windowKeys.append(key) }
                    level.fileCount += 1
                }
            }
        }
        return level
    }
}
