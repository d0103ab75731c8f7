import Foundation
import GRDB
import GRDBSQLite
import Testing

@testable import PailCore

@Suite("Inventory query")
struct InventoryQueryTests {
    let inventory = Inventory()

    /// A database holding one file item per sort key in partition "alice".
    func database(_ sortKeys: [String]) throws -> DatabaseQueue {
        let dbQueue = try InventoryFixture.database()
        try dbQueue.write { db throws in
            for sk in sortKeys { try inventory.putItem(db, InventoryFixture.file("alice", sk)) }
        }
        return dbQueue
    }

    func sortKeys(_ page: QueryPage) -> [String] {
        page.items.compactMap { $0["SK"]?.stringValue }
    }

    /// Sort keys in UTF-8 byte order, as DynamoDB orders them.
    func byteOrdered(_ keys: [String]) -> [String] {
        keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    @Test("begins_with returns items in UTF-8 byte order of the sort key")
    func unicodeOrder() throws {
        let keys = ["a/日本", "a/z", "a/é", "a/Z", "a/😀", "a/e\u{301}", "a/", "b/a", "Quota"]
        let dbQueue = try database(keys)
        let expected = ["a/", "a/Z", "a/e\u{301}", "a/z", "a/é", "a/日本", "a/😀"]
        #expect(expected == byteOrdered(keys.filter { $0.utf8.starts(with: "a/".utf8) }))
        try dbQueue.read { db throws in
            #expect(try sortKeys(inventory.query(db, pk: "alice", skBeginsWith: "a/")) == expected)
            #expect(
                try sortKeys(inventory.query(db, pk: "alice", skBeginsWith: "a/", scanForward: false))
                    == expected.reversed())
            #expect(try sortKeys(inventory.query(db, pk: "alice", skBeginsWith: "a/é")) == ["a/é"])
            #expect(try sortKeys(inventory.query(db, pk: "alice", skBeginsWith: "a/e")) == ["a/e\u{301}"])
        }
    }

    @Test("a prefix may be a whole key; a multi-byte last character bounds the range by bytes")
    func prefixes() throws {
        let keys = ["doc", "docs", "docs/", "docs/a", "docs/b/c", "docsx", "dot", "é", "éa", "ê", "¿", "¿x", "À"]
        let dbQueue = try database(keys)
        try dbQueue.read { db throws in
            func query(_ prefix: String) throws -> [String] {
                try sortKeys(inventory.query(db, pk: "alice", skBeginsWith: prefix))
            }
            #expect(try query("docs") == ["docs", "docs/", "docs/a", "docs/b/c", "docsx"])
            #expect(try query("docs/") == ["docs/", "docs/a", "docs/b/c"])
            #expect(try query("docs/a") == ["docs/a"])
            #expect(try query("docs/b/c") == ["docs/b/c"])
            #expect(try query("docs/b/c/").isEmpty)
            #expect(try query("nothing").isEmpty)
            #expect(try query("é") == ["é", "éa"])  // upper bound C3 AA is "ê"
            #expect(try query("¿") == ["¿", "¿x"])  // upper bound C2 C0 is not valid UTF-8
        }
    }

    @Test("an empty prefix returns the whole partition")
    func emptyPrefix() throws {
        let keys = ["Quota", "alice/b", "alice/a", "alice/日"]
        let dbQueue = try database(keys)
        try dbQueue.read { db throws in
            let page = try inventory.query(db, pk: "alice")
            #expect(sortKeys(page) == byteOrdered(keys))
            #expect(page.lastEvaluatedKey == nil)
        }
    }

    @Test("partitions are isolated")
    func partitions() throws {
        let dbQueue = try InventoryFixture.database()
        try dbQueue.write { db throws in
            for pk in ["alice", "alicex", "alic", "bob"] {
                for sk in ["Quota", "\(pk)/a", "alice/shared"] {
                    try inventory.putItem(db, InventoryFixture.file(pk, sk))
                }
            }
        }
        try dbQueue.read { db throws in
            let page = try inventory.query(db, pk: "alice")
            #expect(page.items.allSatisfy { $0["PK"] == .s("alice") })
            #expect(sortKeys(page) == ["Quota", "alice/a", "alice/shared"])
            #expect(try sortKeys(inventory.query(db, pk: "bob", skBeginsWith: "alice")) == ["alice/shared"])
            #expect(try inventory.query(db, pk: "carol").items.isEmpty)
            InventoryFixture.expect(.validationException) {
                try inventory.query(db, pk: "alice", exclusiveStartKey: ItemKey(pk: "bob", sk: "bob/a"))
            }
        }
    }

    @Test("pagination reaches every item exactly once", arguments: [1, 2, 3, 7, 10, 11, 50])
    func pagination(limit: Int) throws {
        let inside = (0..<10).map { "p/\($0)" } + ["p/é", "p/日本"]
        let dbQueue = try database(inside + ["o/x", "q/x", "Quota"])
        try dbQueue.read { db throws in
            for scanForward in [true, false] {
                var seen: [String] = []
                var start: ItemKey?
                var pages = 0
                repeat {
                    let page = try inventory.query(
                        db, pk: "alice", skBeginsWith: "p/", limit: limit, exclusiveStartKey: start,
                        scanForward: scanForward)
                    #expect(page.items.count <= limit)
                    #expect(!page.items.isEmpty)
                    if let key = page.lastEvaluatedKey {
                        #expect(page.items.count == limit)
                        #expect(key == ItemKey(pk: "alice", sk: sortKeys(page).last!))
                    }
                    seen += sortKeys(page)
                    start = page.lastEvaluatedKey
                    pages += 1
                } while start != nil && pages <= inside.count
                let expected = byteOrdered(inside)
                #expect(seen == (scanForward ? expected : expected.reversed()))
                #expect(pages == (inside.count + limit - 1) / limit)
            }
        }
    }

    @Test("a page reads its own rows, not the pages before it", arguments: [true, false])
    func aLatePageCostsWhatTheFirstDoes(scanForward: Bool) throws {
        let keys = (0..<2_000).map { String(format: "p/%04d", $0) }
        let dbQueue = try database(keys + ["o/x", "q/x"])
        try dbQueue.read { db throws in
            // SQLite's count of virtual-machine steps for the statement a page ran: about one loop per row read.
            func steps(after start: ItemKey?) throws -> Int32 {
                var sql: String?
                db.trace { event in
                    if case .statement(let statement) = event { sql = statement.sql }
                }
                let page = try inventory.query(
                    db, pk: "alice", skBeginsWith: "p/", limit: 10, exclusiveStartKey: start, scanForward: scanForward)
                db.trace(options: .statement, nil)
                #expect(page.items.count == 10)
                let statement = try db.cachedStatement(sql: try #require(sql))
                return sqlite3_stmt_status(statement.sqliteStatement, SQLITE_STMTSTATUS_VM_STEP, 1)
            }
            let first = try steps(after: nil)
            let late = try steps(after: ItemKey(pk: "alice", sk: scanForward ? "p/1980" : "p/0019"))
            #expect(late <= first * 2, "the page after 1,980 rows took \(late) steps, the first \(first)")
        }
    }

    @Test("a limit below 1 is rejected")
    func invalidLimit() throws {
        let dbQueue = try database(["a"])
        try dbQueue.read { db throws in
            InventoryFixture.expect(.validationException) { try inventory.query(db, pk: "alice", limit: 0) }
            InventoryFixture.expect(.validationException) { try inventory.query(db, pk: "", skBeginsWith: "a") }
        }
    }

    @Test("queries search the primary key: no table scan, no sort")
    func queryPlan() throws {
        let dbQueue = try database(["a/1", "a/2", "b/1"])
        try dbQueue.read { db throws in
            var statements: [String] = []
            db.trace { event in
                if case .statement(let statement) = event { statements.append(statement.expandedSQL) }
            }
            let start = ItemKey(pk: "alice", sk: "a/1")
            _ = try inventory.query(db, pk: "alice", skBeginsWith: "a/")
            _ = try inventory.query(db, pk: "alice", skBeginsWith: "a/", scanForward: false)
            _ = try inventory.query(db, pk: "alice", skBeginsWith: "a/", limit: 1, exclusiveStartKey: start)
            _ = try inventory.query(
                db, pk: "alice", skBeginsWith: "¿", limit: 1, exclusiveStartKey: start,
                scanForward: false)
            _ = try inventory.query(db, pk: "alice")
            db.trace(options: .statement, nil)
            #expect(statements.count == 5)
            for (index, sql) in statements.enumerated() {
                let details = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)").map { $0["detail"] as String }
                let search =
                    index == 4
                    ? "SEARCH inventory USING PRIMARY KEY (pk=?)"
                    : "SEARCH inventory USING PRIMARY KEY (pk=? AND sk>? AND sk<?)"
                #expect(details == [search], "\(sql)")
            }
        }
    }

    @Test("100,000 items; a 1,000-item folder queried whole and by pages")
    func largeInventory() throws {
        let dbQueue = try InventoryFixture.database()
        try dbQueue.write { db throws in
            for folder in 0..<100 {
                for file in 0..<1000 {
                    let sk = String(format: "alice/dir%03d/file%04d.txt", folder, file)
                    try inventory.putItem(db, InventoryFixture.file("alice", sk, size: Int64(file)))
                }
            }
        }
        #expect(try InventoryFixture.rowCount(dbQueue) == 100_000)
        try dbQueue.read { db throws in
            let page = try inventory.query(db, pk: "alice", skBeginsWith: "alice/dir042/")
            #expect(page.items.count == 1000)
            #expect(page.lastEvaluatedKey == nil)
            #expect(page.items.first?["SK"] == .s("alice/dir042/file0000.txt"))
            #expect(page.items.last?["Size"] == .n(999))
            var count = 0
            var start: ItemKey?
            repeat {
                let page = try inventory.query(
                    db, pk: "alice", skBeginsWith: "alice/dir042/", limit: 100,
                    exclusiveStartKey: start)
                count += page.items.count
                start = page.lastEvaluatedKey
            } while start != nil
            #expect(count == 1000)
        }
    }
}
