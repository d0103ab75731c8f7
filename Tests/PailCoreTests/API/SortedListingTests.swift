import Foundation
import GRDB
import Testing

@testable import PailCore

/// A folder listed by size, modified time or extension from the inventory's indexes, a window at a time:
/// files of equal value by name (natural order), either way up; sub-folders found beside; a file's place
/// counted in these orders too.
@Suite("Folder listing by size, time and extension")
struct SortedListingTests {
    /// `big/` holds these files (name: size, seconds), `big/sub/x` and `big/zz/deep/y` below it, `big0/other` beside.
    static let files: [(name: String, size: Int64, seconds: TimeInterval)] = [
        ("a.txt", 5, 100), ("b.JPG", 1, 300), ("c.jpg", 5, 200), ("d", 3, 100), ("e.txt", 5, 50), ("f_10.txt", 2, 300),
        ("f_9.txt", 2, 300), (".bashrc", 0, 10),
    ]
    static let bySize = [".bashrc", "b.JPG", "f_9.txt", "f_10.txt", "d", "a.txt", "c.jpg", "e.txt"]
    static let byTime = [".bashrc", "e.txt", "a.txt", "d", "c.jpg", "b.JPG", "f_9.txt", "f_10.txt"]
    static let byExtension = [".bashrc", "d", "b.JPG", "c.jpg", "a.txt", "e.txt", "f_9.txt", "f_10.txt"]

    /// An item as the UpdateInventory workflow writes a file's.
    static func item(_ user: String, _ path: String, size: Int64, seconds: TimeInterval) -> Item {
        [
            "PK": .s(user), "SK": .s("\(user)/\(path)"), "Path": .s(path), "Size": .n(size), "ETag": .s("e"),
            "Modified": .s(Timestamps.iso8601(Date(timeIntervalSince1970: 1_700_000_000 + seconds))),
        ]
    }

    func vault() throws -> TestVault {
        let vault = try TestVault()
        try vault.engine.write { db in
            var items = Self.files.map { Self.item("alice", "big/" + $0.name, size: $0.size, seconds: $0.seconds) }
            items += ["big/sub/x", "big/zz/deep/y", "big0/other"].map { Self.item("alice", $0, size: 1_000, seconds: 0) }
            items.append(Self.item("bob", "big/other", size: 0, seconds: 0))
            for item in items { try vault.engine.inventory.putItem(db, item) }
        }
        return vault
    }

    func read(
        _ vault: TestVault, _ start: Int?, _ limit: Int, _ order: ListingOrder, matching: String = "", count: Bool = true
    ) throws
        -> FolderListing
    {
        try vault.engine.api.listFolder(
            user: "alice", folder: RemotePath("big"), window: FileWindow(start: start, limit: limit, matching: matching, order: order),
            count: count)
    }

    @Test("windows by position, across their boundaries, list the files in each order with ties by name, either way up")
    func windowsInEachOrder() throws {
        let vault = try vault()
        for (key, expected) in [(FileSortKey.size, Self.bySize), (.modified, Self.byTime), (.extension, Self.byExtension)] {
            for descending in [false, true] {
                let order = ListingOrder.by(key, descending: descending)
                let names = descending ? Array(expected.reversed()) : expected
                let windows = try [(0, 3), (3, 3), (6, 2)].map { try read(vault, $0.0, $0.1, order) }
                #expect(windows.flatMap(\.files).map { $0.path.lastKeySegment! } == names, "\(order)")
                #expect(windows.map(\.firstFileIndex) == [0, 3, 6] && windows.allSatisfy { $0.fileCount == 8 && $0.isCounted })
                #expect(windows[0].folders == (descending ? ["zz", "sub"] : ["sub", "zz"]), "\(order)")
                #expect(windows[0].order == order)
                let last = try read(vault, nil, 3, order)
                #expect(last.firstFileIndex == 5 && last.files.map { $0.path.lastKeySegment! } == Array(names.suffix(3)))
                let past = try read(vault, 7, 3, order)
                #expect(past.firstFileIndex == 5 && past.files.count == 3, "a window past the end ends on the last file")
            }
        }
    }

    @Test("unless counted, a window is read up to its end; with a filter, only matching names count")
    func quickAndFiltered() throws {
        let vault = try vault()
        let order = ListingOrder.by(.size, descending: false)
        let quick = try read(vault, 2, 3, order, count: false)
        #expect(!quick.isCounted && quick.files.map { $0.path.lastKeySegment! } == ["f_9.txt", "f_10.txt", "d"])
        #expect(quick.firstFileIndex == 2 && quick.folders == ["sub", "zz"])
        let end = try read(vault, 6, 3, order, count: false)
        #expect(end.isCounted && end.fileCount == 8 && end.firstFileIndex == 5, "a window reaching the end is counted")
        let filtered = try read(vault, 1, 2, order, matching: "TXT")
        #expect(filtered.fileCount == 4 && filtered.files.map { $0.path.lastKeySegment! } == ["f_10.txt", "a.txt"])
        let lastMatching = try read(vault, nil, 3, .by(.modified, descending: true), matching: "txt")
        #expect(lastMatching.firstFileIndex == 1 && lastMatching.files.map { $0.path.lastKeySegment! } == ["f_9.txt", "a.txt", "e.txt"])
    }

    @Test("a file's place is counted in each order, and follows its item when it changes")
    func locateInEachOrder() throws {
        let vault = try vault()
        let api = vault.engine.api
        for (key, expected) in [(FileSortKey.size, Self.bySize), (.modified, Self.byTime), (.extension, Self.byExtension)] {
            for (position, name) in expected.enumerated() {
                let path = try RemotePath("big/" + name)
                #expect(
                    try api.locate(user: "alice", path: path, order: .by(key, descending: false))?.position == position, "\(key) \(name)")
                #expect(
                    try api.locate(user: "alice", path: path, order: .by(key, descending: true))?.position == expected.count - 1 - position,
                    "\(key) \(name) descending")
            }
        }
        try vault.engine.write { db in try vault.engine.inventory.putItem(db, Self.item("alice", "big/d", size: 9, seconds: 100)) }
        #expect(try api.locate(user: "alice", path: RemotePath("big/d"), order: .by(.size, descending: false))?.position == 7)
        #expect(try read(vault, nil, 1, .by(.size, descending: false)).files.map(\.path) == ["big/d"])
    }

    @Test("a root made before these orders gets their columns and indexes when it is opened")
    func migration() throws {
        let database = try DatabaseQueue()
        try PailDatabase.migrator.migrate(database, upTo: "v8 natural order")
        try database.write { db in
            for file in Self.files + [(name: "sub/x", size: 1, seconds: 0)] {
                let item = Self.item("alice", "d/" + file.name, size: file.size, seconds: file.seconds)
                // The row as a root at v8 holds it: a natural key, none of the new columns.
                try db.execute(
                    sql: "INSERT INTO inventory(pk, sk, nk, item) VALUES (?, ?, ?, ?)",
                    arguments: ["alice", "alice/d/" + file.name, Data(NaturalKey.of("alice/d/" + file.name)), ItemJSON.encode(item)])
            }
            try db.execute(
                sql: "INSERT INTO inventory(pk, sk, nk, item) VALUES ('alice', 'Quota', ?, '{\"TotalSize\":{\"N\":\"1\"}}')",
                arguments: [Data()])
        }
        try PailDatabase.migrator.migrate(database)
        for (key, expected) in [(FileSortKey.size, Self.bySize), (.modified, Self.byTime), (.extension, Self.byExtension)] {
            let level = try database.read { db in
                try Inventory().folderLevel(
                    db, pk: "alice", prefix: "alice/d/", window: FileWindow(start: 0, limit: 10, order: .by(key, descending: false)))
            }
            #expect(level.windowKeys == expected.map { "alice/d/" + $0 } && level.folders == ["sub"] && level.fileCount == 8, "\(key)")
        }
        let missing = try database.read {
            try Int.fetchOne(
                $0,
                sql:
                    "SELECT count(*) FROM inventory WHERE sk LIKE 'alice/%' AND (folder IS NULL OR size IS NULL OR modified IS NULL OR ext IS NULL)"
            )
        }
        #expect(missing == 0)
        let quota = try #require(try database.read { try Row.fetchOne($0, sql: "SELECT folder, size FROM inventory WHERE sk = 'Quota'") })
        #expect((quota[0] as String?) == nil && (quota[1] as Int64?) == nil, "the quota is no file")
    }
}
