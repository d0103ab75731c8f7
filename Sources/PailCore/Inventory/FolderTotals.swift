import Foundation

/// What a folder holds, everything under it counted: how many files, and their bytes.
public struct FolderTotal: Sendable, Codable, Equatable, Hashable {
    public var files: Int
    public var bytes: Int64

    public init(files: Int, bytes: Int64) {
        self.files = files
        self.bytes = bytes
    }

    public static let zero = FolderTotal(files: 0, bytes: 0)
}

/// Totals by folder, each folder named by its sort-key prefix (`alice/` for the top of alice's vault,
/// `alice/docs/`): a file counts in every folder its key lies in.
struct FolderTally: Equatable {
    private(set) var totals: [String: FolderTotal] = [:]

    /// Adds `files` and `bytes` to every folder of the store key `key` (`alice/docs/a.txt`: `alice/` and `alice/docs/`).
    mutating func add(key: String, files: Int, bytes: Int64) {
        let utf8 = key.utf8
        for index in utf8.indices where utf8[index] == UInt8(ascii: "/") {
            let folder = String(key[...index])
            totals[folder, default: .zero].files += files
            totals[folder, default: .zero].bytes += bytes
        }
    }

    /// Adds every total of `other` to this tally's.
    mutating func add(_ other: FolderTally) {
        for (folder, total) in other.totals {
            totals[folder, default: .zero].files += total.files
            totals[folder, default: .zero].bytes += total.bytes
        }
    }
}

/// The `folder_totals` table: each folder's files and bytes, everything under it counted, kept by the
/// UpdateInventory workflow in the transaction of the inventory change that causes it (through the batch's
/// `UsageLedger`). A folder is keyed by its partition and its sort-key prefix (`alice`, `alice/docs/`; the
/// top of the vault is `alice/`); a folder that holds no file has no row. So a folder's size is one lookup,
/// however many files it holds.
enum FolderTotals {
    static func createSchema(_ db: any SQL) throws {
        try db.executeScript(
            """
            CREATE TABLE folder_totals(
                pk TEXT NOT NULL,
                folder TEXT NOT NULL,
                files INTEGER NOT NULL,
                bytes INTEGER NOT NULL,
                PRIMARY KEY(pk, folder)
            ) WITHOUT ROWID
            """)
    }

    /// Migration `v7 folder totals`: the table, with the totals of the files the inventory holds.
    static func createFromInventory(_ db: any SQL) throws {
        try createSchema(db)
        var tally = FolderTally()
        try db.forEachRow("SELECT pk, item FROM inventory", []) { row in
            let pk: String = row[0]
            if let file = try row.withBytes(at: 1, { try FileEntry(itemJSON: $0) }) {
                tally.add(key: "\(pk)/\(file.path)", files: 1, bytes: file.size)
            }
            return true
        }
        try add(db, tally)
    }

    /// Adds each folder's change in `tally` to its row (made if missing); a row left with no file goes.
    static func add(_ db: any SQL, _ tally: FolderTally) throws {
        guard !tally.totals.isEmpty else { return }
        for (folder, change) in tally.totals where change != .zero {
            let pk = String(decoding: folder.utf8.prefix { $0 != UInt8(ascii: "/") }, as: UTF8.self)
            try db.execute(
                """
                INSERT INTO folder_totals(pk, folder, files, bytes) VALUES (?, ?, ?, ?)
                ON CONFLICT(pk, folder) DO UPDATE SET files = files + excluded.files, bytes = bytes + excluded.bytes
                """, [pk, folder, change.files, change.bytes])
            if change.files < 0 { try db.execute("DELETE FROM folder_totals WHERE pk = ? AND folder = ? AND files = 0", [pk, folder]) }
        }
    }

    /// The total of the folder `folder` (a sort-key prefix ending in `/`), or nil if it holds no file.
    static func total(_ db: any SQL, pk: String, folder: String) throws -> FolderTotal? {
        try db.fetchOne("SELECT files, bytes FROM folder_totals WHERE pk = ? AND folder = ?", [pk, folder]) {
            FolderTotal(files: $0[0], bytes: $0[1])
        }
    }

    /// The totals of the sub-folders directly in `folder`, by name, in byte order: one index seek for each
    /// (deeper folders are skipped over, not read). The seek has one lower bound: given two, SQLite seeks
    /// by the first and filters by the other, reading every folder before the next child again.
    static func subfolders(_ db: any SQL, pk: String, of folder: String) throws -> [(name: String, total: FolderTotal)] {
        let next = """
            SELECT folder, files, bytes FROM folder_totals
            WHERE pk = ? AND folder >= CAST(? AS TEXT) AND folder < CAST(? AS TEXT) ORDER BY folder LIMIT 1
            """
        let upper = PrefixRange.upperBound(of: folder)
        let prefixLength = folder.utf8.count
        var found: [(name: String, total: FolderTotal)] = []
        var from = Data(folder.utf8) + [0]  // just after the folder's own row (no path holds a NUL)
        while let (path, total) = try db.fetchOne(
            next, [pk, from, upper], { ($0[0] as String, FolderTotal(files: $0[1], bytes: $0[2])) })
        {
            let rest = path.utf8.dropFirst(prefixLength)
            let name = String(decoding: rest.prefix { $0 != UInt8(ascii: "/") }, as: UTF8.self)
            // A row deeper than a child means the child has none: a damaged table, which `pail check` reports.
            if rest.count == name.utf8.count + 1 { found.append((name, total)) }
            from = PrefixRange.upperBound(of: folder + name + "/")
        }
        return found
    }

    /// Every folder total of the partition `pk`, by folder.
    static func all(_ db: any SQL, pk: String) throws -> [String: FolderTotal] {
        var totals: [String: FolderTotal] = [:]
        try db.forEachRow("SELECT folder, files, bytes FROM folder_totals WHERE pk = ?", [pk]) { row in
            totals[row[0]] = FolderTotal(files: row[1], bytes: row[2])
            return true
        }
        return totals
    }
}
