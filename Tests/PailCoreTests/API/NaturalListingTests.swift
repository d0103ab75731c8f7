import Foundation
import GRDB
import Testing

@testable import PailCore

@Suite("Folder listing in natural order")
struct NaturalListingTests {
    /// `big/file_1` … `big/file_12` and `big/File_13`, sub-folders `file_2/` and `file_9x/` among them, `big0/` beside.
    func vault() throws -> TestVault {
        let vault = try TestVault()
        for index in 1...12 { try vault.upload("big/file_\(index)", bytes(1)) }
        for path in ["big/File_13", "big/file_2/inner", "big/file_9x/deep/er", "big0/other", "big/file_10.txt"] {
            try vault.upload(path, bytes(1))
        }
        try vault.engine.waitUntilIdle()
        return vault
    }

    let names = (1...10).map { "big/file_\($0)" } + ["big/file_10.txt", "big/file_11", "big/file_12", "big/File_13"]

    @Test("windows by position count files in natural order across the sub-folders, which are all found")
    func windowsByPosition() throws {
        let vault = try vault()
        func read(_ start: Int?, _ limit: Int, _ order: ListingOrder = .natural, count: Bool = true) throws -> FolderListing {
            try vault.engine.api.listFolder(
                user: "alice", folder: RemotePath("big"), window: FileWindow(start: start, limit: limit, order: order), count: count)
        }
        let whole = try read(0, 100)
        #expect(whole.isWhole && whole.order == .natural)
        #expect(whole.files.map(\.path) == names)
        #expect(whole.folders == ["file_2", "file_9x"])
        let across = try read(1, 8)
        #expect(across.firstFileIndex == 1 && across.files.map(\.path) == Array(names[1..<9]), "file_2 … file_9, past both sub-folders")
        #expect(across.fileCount == names.count && across.folders == ["file_2", "file_9x"])
        let last = try read(nil, 3)
        #expect(last.firstFileIndex == names.count - 3 && last.files.map(\.path) == Array(names.suffix(3)))
        let quick = try read(0, 3, count: false)
        #expect(!quick.isCounted && quick.files.map(\.path) == Array(names[0..<3]) && quick.folders == ["file_2"])
        let backwards = try read(0, 4, .naturalDescending)
        #expect(backwards.files.map(\.path) == Array(names.reversed()[0..<4]) && backwards.fileCount == names.count)
        #expect(backwards.folders == ["file_9x", "file_2"])
        let backwardsAcross = try read(9, 5, .naturalDescending)
        #expect(backwardsAcross.files.map(\.path) == Array(names.reversed()[9..<14]))
        let bytes = try read(0, 100, .bytes)
        #expect(bytes.files.map(\.path) == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, "byte order where asked")
        let filtered = try vault.engine.api.listFolder(
            user: "alice", folder: RemotePath("big"), window: FileWindow(start: 1, limit: 2, matching: "FILE_1", order: .natural))
        #expect(filtered.fileCount == 6 && filtered.files.map(\.path) == ["big/file_10", "big/file_10.txt"])
    }

    @Test("a root made before the natural keys gets them when it is opened: its folders list in natural order")
    func migration() throws {
        let database = try DatabaseQueue()
        try PailDatabase.migrator.migrate(database, upTo: "v6 execution records")
        let keys = ["alice/d/f10", "alice/d/f9", "alice/d/F1", "alice/d/sub/x", "alice/top", "bob/d/f2"]
        try database.write { db in
            for key in keys {
                let user = String(key.prefix { $0 != "/" })
                // The row as a root before v8 holds it: no natural key.
                let item = ItemJSON.encode(["PK": .s(user), "SK": .s(key), "Size": .n(1)])
                try db.execute(sql: "INSERT INTO inventory(pk, sk, item) VALUES (?, ?, ?)", arguments: [user, key, item])
            }
        }
        try PailDatabase.migrator.migrate(database)
        let level = try database.read { db in
            try Inventory().folderLevel(db, pk: "alice", prefix: "alice/d/", window: FileWindow(start: 0, limit: 10, order: .natural))
        }
        #expect(level.windowKeys == ["alice/d/F1", "alice/d/f9", "alice/d/f10"])
        #expect(level.folders == ["sub"] && level.fileCount == 3)
        let missing = try database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM inventory WHERE nk IS NULL") }
        #expect(missing == 0)
    }
}
