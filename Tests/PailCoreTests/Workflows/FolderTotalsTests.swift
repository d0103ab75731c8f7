import Foundation
import GRDB
import GRDBSQLite
import Testing

@testable import PailCore

/// Folder totals: each folder's files and bytes, everything under it counted, kept by UpdateInventory in the
/// transaction of the inventory change, read by `pail du` and the UI without scanning the folder.
@Suite("Folder totals")
struct FolderTotalsTests {
    /// Every folder total of alice's vault, by folder path ("" for the top), as `files/bytes`.
    func totals(_ vault: TestVault, _ user: String = "alice") throws -> [String: String] {
        let rows = try vault.engine.read { try FolderTotals.all($0, pk: user) }
        return Dictionary(
            uniqueKeysWithValues: rows.map { folder, total in
                (String(folder.dropFirst(user.count + 1)), "\(total.files)/\(total.bytes)")
            })
    }

    @Test("uploads count in every folder above them; an overwrite changes the bytes only; a delete takes its file away")
    func uploadsOverwritesAndDeletes() throws {
        let vault = try TestVault()
        try vault.upload("a.txt", bytes(5))
        try vault.upload("docs/b.txt", bytes(10))
        try vault.upload("docs/sub/c.txt", bytes(20))
        try vault.upload("docs/sub/deep/d.txt", bytes(40))
        try vault.engine.waitUntilIdle()
        #expect(try totals(vault) == ["": "4/75", "docs/": "3/70", "docs/sub/": "2/60", "docs/sub/deep/": "1/40"])

        try vault.upload("docs/sub/c.txt", bytes(3))
        try vault.engine.waitUntilIdle()
        #expect(try totals(vault) == ["": "4/58", "docs/": "3/53", "docs/sub/": "2/43", "docs/sub/deep/": "1/40"])

        _ = try vault.engine.api.delete(user: "alice", path: RemotePath("docs/sub/deep/d.txt"))
        try vault.engine.waitUntilIdle()
        #expect(try totals(vault) == ["": "3/18", "docs/": "2/13", "docs/sub/": "1/3"], "an emptied folder has no total")

        _ = try vault.engine.api.delete(user: "alice", path: RemotePath("docs"), recursive: true)
        _ = try vault.engine.api.delete(user: "alice", path: RemotePath("a.txt"))
        try vault.engine.waitUntilIdle()
        #expect(try totals(vault) == [:])
        #expect(try vault.check().isEmpty)
    }

    @Test("moves and copies between folders and of nested folders move the totals with the files")
    func movesAndCopies() throws {
        let vault = try TestVault()
        for (name, size) in [("inbox/a.txt", 10), ("inbox/b.txt", 20), ("docs/x/y/c.txt", 30), ("docs/x/d.txt", 40)] {
            try vault.upload(name, bytes(size))
        }
        try vault.engine.waitUntilIdle()
        let api = vault.engine.api

        _ = try api.move(user: "alice", from: RemotePath("inbox/a.txt"), to: RemotePath("docs/x/y/"))
        try vault.engine.waitUntilIdle()
        #expect(
            try totals(vault) == ["": "4/100", "inbox/": "1/20", "docs/": "3/80", "docs/x/": "3/80", "docs/x/y/": "2/40"])

        _ = try api.move(user: "alice", from: RemotePath("docs/x"), to: RemotePath("archive/2026/"))
        try vault.engine.waitUntilIdle()
        #expect(
            try totals(vault) == [
                "": "4/100", "inbox/": "1/20", "archive/": "3/80", "archive/2026/": "3/80", "archive/2026/x/": "3/80",
                "archive/2026/x/y/": "2/40",
            ], "a nested folder moves whole; the folders it left have no total")

        _ = try api.copy(user: "alice", from: RemotePath("archive/2026/x/y"), to: RemotePath("inbox/"), recursive: true)
        _ = try api.copy(user: "alice", from: RemotePath("inbox/b.txt"), to: RemotePath("top.txt"))
        try vault.engine.waitUntilIdle()
        #expect(
            try totals(vault) == [
                "": "7/160", "inbox/": "3/60", "inbox/y/": "2/40", "archive/": "3/80", "archive/2026/": "3/80",
                "archive/2026/x/": "3/80", "archive/2026/x/y/": "2/40",
            ])

        // A move onto a taken name replaces a file: one file fewer, the bytes by the difference.
        _ = try api.move(user: "alice", from: RemotePath("inbox/b.txt"), to: RemotePath("inbox/y/a.txt"), onConflict: .overwrite)
        try vault.engine.waitUntilIdle()
        #expect(
            try totals(vault) == [
                "": "6/150", "inbox/": "2/50", "inbox/y/": "2/50", "archive/": "3/80", "archive/2026/": "3/80",
                "archive/2026/x/": "3/80", "archive/2026/x/y/": "2/40",
            ])
        #expect(try vault.check().isEmpty)
    }

    @Test("what du reads: a folder's total and its sub-folders', the files directly in it, and the errors")
    func folderUsage() throws {
        let vault = try TestVault()
        for (name, size) in [("a.txt", 1), ("docs/b.txt", 10), ("docs/sub/c.txt", 100), ("docs/sub/e/f.txt", 1000), ("pics/p", 7)] {
            try vault.upload(name, bytes(size))
        }
        try vault.engine.waitUntilIdle()
        let api = vault.engine.api
        let top = try api.folderUsage(user: "alice", folder: nil)
        #expect(top.folder == "" && top.total == FolderTotal(files: 5, bytes: 1118))
        #expect(top.subfolders.map(\.path) == ["docs/", "pics/"])
        #expect(top.subfolders.map(\.total) == [FolderTotal(files: 3, bytes: 1110), FolderTotal(files: 1, bytes: 7)])
        #expect(top.filesHere == FolderTotal(files: 1, bytes: 1))

        let docs = try api.folderUsage(user: "alice", folder: RemotePath("docs"))
        #expect(docs.folder == "docs/" && docs.total == FolderTotal(files: 3, bytes: 1110))
        #expect(docs.subfolders == [FolderUsage.Subfolder(path: "docs/sub/", total: FolderTotal(files: 2, bytes: 1100))])
        #expect(docs.filesHere == FolderTotal(files: 1, bytes: 10))

        let missing = #expect(throws: PailError.self) { try api.folderUsage(user: "alice", folder: RemotePath("nope")) }
        #expect(missing?.code == .noSuchKey && missing?.message == "No such folder: nope/")
        let file = #expect(throws: PailError.self) { try api.folderUsage(user: "alice", folder: RemotePath("docs/b.txt")) }
        #expect(file?.code == .invalidArgument, "\(String(describing: file))")
        #expect(try api.folderUsage(user: "bob", folder: nil).total == .zero, "an empty vault holds nothing, and is no error")
    }

    @Test("a listing carries its sub-folders' totals")
    func listingsCarryTotals() throws {
        let vault = try TestVault()
        for (name, size) in [("docs/b.txt", 10), ("docs/sub/c.txt", 100), ("pics/p", 7), ("top.txt", 3)] {
            try vault.upload(name, bytes(size))
        }
        try vault.engine.waitUntilIdle()
        let top = try vault.engine.api.listFolder(user: "alice", folder: nil)
        #expect(top.folderTotals == ["docs": FolderTotal(files: 2, bytes: 110), "pics": FolderTotal(files: 1, bytes: 7)])
        let docs = try vault.engine.api.listFolder(user: "alice", folder: RemotePath("docs"))
        #expect(docs.folderTotals == ["sub": FolderTotal(files: 1, bytes: 100)])
    }

    @Test("a root made before folder totals gets them from its inventory when a newer Pail opens it")
    func migrationComputesTotals() throws {
        let vault = try TestVault()
        for (name, size) in [("a.txt", 1), ("docs/b.txt", 10), ("docs/sub/c.txt", 100)] { try vault.upload(name, bytes(size)) }
        try vault.upload("x", bytes(4), user: "bob")
        try vault.engine.waitUntilIdle()
        // What a root made before v7 looks like: no table, no record of the migration.
        try vault.engine.write { db in
            try db.executeScript("DROP TABLE folder_totals; DELETE FROM grdb_migrations WHERE identifier = 'v7 folder totals'")
        }
        let reopened = try vault.reopen()
        defer { reopened.close() }
        #expect(try reopened.read { try FolderTotals.all($0, pk: "alice") }.count == 3)
        #expect(try totals(vault) == ["": "3/111", "docs/": "2/110", "docs/sub/": "1/100"])
        #expect(try totals(vault, "bob") == ["": "1/4"])
        #expect(try vault.check().isEmpty)
    }

    @Test("check reports a folder total that is off, missing or left over, by folder")
    func checkFindsTamperedTotals() throws {
        let vault = try TestVault()
        for (name, size) in [("docs/b.txt", 10), ("docs/sub/c.txt", 100)] { try vault.upload(name, bytes(size)) }
        try vault.engine.waitUntilIdle()
        try vault.engine.write { db in
            try db.execute("UPDATE folder_totals SET bytes = bytes + 5 WHERE folder = 'alice/docs/'")
            try db.execute("DELETE FROM folder_totals WHERE folder = 'alice/docs/sub/'")
            try db.execute("INSERT INTO folder_totals VALUES ('alice', 'alice/gone/', 1, 9)")
        }
        #expect(
            try vault.check() == [
                "alice/docs/: the folder total says 2 files, 115 bytes; the files under it add up to 2 files, 110 bytes",
                "alice/docs/sub/: the folder total says nothing; the files under it add up to 1 file, 100 bytes",
                "alice/gone/: the folder total says 1 file, 9 bytes; the files under it add up to nothing",
            ])
    }

    @Test("a run that fails leaves no folder change behind; a batch writes each folder once")
    func ledgerFoldsFolderChanges() throws {
        struct Boom: Error {}
        let database = try PailDatabase.inMemory()
        try database.write { db in
            let ledger = UsageLedger(inventory: Inventory())
            ledger.applying { ledger.addToFolders(ofKey: "alice/docs/a.txt", files: 1, bytes: 10) }
            #expect(throws: Boom.self) {
                try ledger.applying {
                    ledger.addToFolders(ofKey: "alice/docs/b.txt", files: 1, bytes: 1_000)
                    throw Boom()
                }
            }
            ledger.applying { ledger.addToFolders(ofKey: "alice/docs/sub/c.txt", files: 1, bytes: 5) }
            #expect(try FolderTotals.all(db, pk: "alice").isEmpty, "nothing is written before the batch ends")
            try ledger.write(db)
            #expect(
                try FolderTotals.all(db, pk: "alice") == [
                    "alice/": FolderTotal(files: 2, bytes: 15), "alice/docs/": FolderTotal(files: 2, bytes: 15),
                    "alice/docs/sub/": FolderTotal(files: 1, bytes: 5),
                ])
        }
    }

    @Test("a folder's sub-folder totals take one seek each: a thousand cost ten times what a hundred do")
    func subfolderTotalsAreReadInLinearTime() throws {
        /// SQLite's virtual-machine steps for reading the totals of `count` sub-folders (each with one deeper).
        func steps(_ count: Int) throws -> Int32 {
            let dbQueue = try DatabaseQueue()
            return try dbQueue.write { db in
                try FolderTotals.createSchema(db)
                for index in 0..<count {
                    for folder in [String(format: "alice/d%04d/", index), String(format: "alice/d%04d/deeper/", index)] {
                        try db.execute(sql: "INSERT INTO folder_totals VALUES ('alice', ?, 1, 1)", arguments: [folder])
                    }
                }
                var sql: String?
                db.trace { event in
                    if case .statement(let statement) = event { sql = statement.sql }
                }
                #expect(try FolderTotals.subfolders(db, pk: "alice", of: "alice/").count == count)
                db.trace(options: .statement, nil)
                return sqlite3_stmt_status(try db.cachedStatement(sql: try #require(sql)).sqliteStatement, SQLITE_STMTSTATUS_VM_STEP, 0)
            }
        }
        let (hundred, thousand) = (try steps(100), try steps(1_000))
        #expect(thousand <= hundred * 12, "1,000 folders took \(thousand) steps, 100 took \(hundred)")
    }
}
