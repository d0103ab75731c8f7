import Foundation
import GRDB
import GRDBSQLite
import PailTestSupport
import Testing

@testable import PailCore

@Suite("SQL seam (GRDB)")
struct SQLSeamTests {
    /// An in-memory database with one table of every storage class.
    func database() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { try $0.executeScript("CREATE TABLE t (id INTEGER PRIMARY KEY, v); CREATE TABLE n (x INTEGER)") }
        return queue
    }

    @Test("each value type binds as its SQLite type and reads back as it was, NULL and blobs included")
    func bindsAndDecodesEveryType() throws {
        let blob = Data([0, 1, 0xFF, 0x2F, 0])
        let values: [(any SQLBindable, String)] = [
            (Int(-7), "integer"), (Int64.max, "integer"), (Int32(42), "integer"), (true, "integer"), (false, "integer"),
            (2.5, "real"), ("é/z", "text"), (Substring("sub"), "text"), (blob, "blob"), (Data(), "blob"),
            (String?.none, "null"), (Int?.some(3), "integer"), (SQLValue.null, "null"), ("", "text"), ("a\u{0}b", "text"),
        ]
        try database().write { db in
            for (id, (value, type)) in values.enumerated() {
                try db.execute("INSERT INTO t (id, v) VALUES (?, ?)", [id, value])
                #expect(try db.fetchOne(String.self, "SELECT typeof(v) FROM t WHERE id = ?", [id]) == type)
            }
            func read<T: SQLDecodable>(_ id: Int, as type: T.Type) throws -> T? {
                try db.fetchOne("SELECT v FROM t WHERE id = ?", [id]) { row -> T in row[0] }
            }
            #expect(try read(0, as: Int.self) == -7)
            #expect(try read(1, as: Int64.self) == .max)
            #expect(try read(2, as: Int32.self) == 42)
            #expect(try read(3, as: Bool.self) == true)
            #expect(try read(4, as: Bool.self) == false)
            #expect(try read(5, as: Double.self) == 2.5)
            #expect(try read(6, as: String.self) == "é/z")
            #expect(try read(7, as: String.self) == "sub")
            #expect(try read(8, as: Data.self) == blob)
            #expect(try read(9, as: Data.self) == Data())
            #expect(try read(10, as: String?.self) == .some(nil))
            #expect(try read(11, as: Int?.self) == .some(3))
            #expect(try read(13, as: String.self) == "")
            #expect(try read(14, as: String.self) == "a\u{0}b", "a string is bound with its length, NUL included")
            #expect(try read(1, as: SQLValue.self) == .int(.max), "a value read as SQLValue keeps its type")
            #expect(try read(5, as: SQLValue.self) == .double(2.5))
            #expect(try read(6, as: SQLValue.self) == .text("é/z"))
            #expect(try read(8, as: SQLValue.self) == .blob(blob))
            #expect(try read(10, as: SQLValue.self) == .null)
            #expect(try db.fetchOne(Int.self, "SELECT v FROM t WHERE id = 10") == nil, "a NULL value fetches as nil")
            #expect(try db.fetchOne(Int.self, "SELECT v FROM t WHERE id = 99") == nil, "no row fetches as nil")
        }
    }

    @Test("arguments are bound for the run only, and a wrong number of them is refused before anything runs")
    func argumentsAreBoundForTheRunOnly() throws {
        try database().write { db in
            let sql = "INSERT INTO t (id, v) VALUES (?, ?)"
            try db.execute(sql, [1, "kept in the row, not in the statement"])
            // SQLite's statement shows its bindings: none is left pointing at the Swift string.
            let expanded = try #require(sqlite3_expanded_sql(try db.cachedStatement(sql: sql).sqliteStatement))
            defer { sqlite3_free(expanded) }
            #expect(String(cString: expanded) == "INSERT INTO t (id, v) VALUES (NULL, NULL)")
            for arguments: [any SQLBindable] in [[2], [2, "b", "c"]] {
                let error = #expect(throws: DatabaseError.self) { try db.execute(sql, arguments) }
                #expect(error?.resultCode == .SQLITE_MISUSE)
                #expect(error?.message?.contains("wrong number of statement arguments: \(arguments.count), not 2") == true)
            }
            #expect(try db.fetchAll(Int.self, "SELECT id FROM t") == [1])
        }
    }

    @Test("columns are found by name, whatever their case")
    func columnsByName() throws {
        try database().write { db in
            try db.execute("INSERT INTO t (id, v) VALUES (?, ?)", [1, "one"])
            let row = try db.fetchOne("SELECT id, v AS Value FROM t") { row in
                (row["ID"] as Int, row["value"] as String, row.index(ofColumn: "none"))
            }
            #expect(row?.0 == 1)
            #expect(row?.1 == "one")
            #expect(row?.2 == nil)
        }
    }

    @Test("withBytes hands SQLite's own buffer of the column, not a copy")
    func bytesAreNotCopied() throws {
        try database().write { db in
            try db.execute("INSERT INTO t (id, v) VALUES (1, ?)", [Data(repeating: 7, count: 1_000)])
            let statement = try db.makeStatement(sql: "SELECT v FROM t")
            let rows = try Row.fetchCursor(statement)
            _ = try #require(try rows.next())
            let sqlite = sqlite3_column_blob(statement.sqliteStatement, 0)
            let (start, count) = GRDBRow(statement: statement).withBytes(at: 0) { ($0.baseAddress, $0.count) }
            #expect(start == sqlite)
            #expect(count == 1_000)
        }
    }

    @Test("forEachRow steps lazily, stops when asked, and the statement then runs again from the start")
    func forEachRowStops() throws {
        try database().write { db in
            for id in 1...5 { try db.execute("INSERT INTO t (id, v) VALUES (?, ?)", [id, "v\(id)"]) }
            var seen: [Int] = []
            try db.forEachRow("SELECT id FROM t WHERE id >= ? ORDER BY id", [2]) { row in
                seen.append(row[0])
                return seen.count < 2
            }
            #expect(seen == [2, 3])
            #expect(try db.fetchAll(Int.self, "SELECT id FROM t WHERE id >= ? ORDER BY id", [2]) == [2, 3, 4, 5])
            #expect(
                try db.fetchAll("SELECT id, v FROM t WHERE id <= ? ORDER BY id DESC", [2]) { "\($0[0] as Int)=\($0[1] as String)" } == [
                    "2=v2", "1=v1",
                ])
        }
    }

    @Test("a savepoint that throws rolls back its own changes and keeps the transaction's")
    func savepointRollbackKeepsOuterTransaction() throws {
        let queue = try database()
        try queue.write { db in
            try db.execute("INSERT INTO n (x) VALUES (1)")
            #expect(throws: PailError.self) {
                try db.savepoint {
                    try db.execute("INSERT INTO n (x) VALUES (2)")
                    throw PailError(.internalError, "inner failure")
                }
            }
            let kept = try db.savepoint {
                try db.execute("INSERT INTO n (x) VALUES (3)")
                return "kept"
            }
            #expect(kept == "kept")
        }
        #expect(try queue.read { try $0.fetchAll(Int.self, "SELECT x FROM n ORDER BY x") } == [1, 3])
    }

    @Test("changes counts the rows the last statement touched; lastInsertedRowID is the new row's id")
    func changesAndRowIDs() throws {
        try database().write { db in
            for x in [1, 2, 2, 2] { try db.execute("INSERT INTO n (x) VALUES (?)", [x]) }
            #expect(db.lastInsertedRowID == 4)
            try db.execute("UPDATE n SET x = 5 WHERE x = ?", [2])
            #expect(db.changes == 3)
            try db.execute("DELETE FROM n WHERE x = ?", [9])
            #expect(db.changes == 0)
        }
    }

    @Test("a statement is prepared once and reused: its text finds the cached one")
    func statementsAreCached() throws {
        try database().write { db in
            let sql = "INSERT INTO n (x) VALUES (?)"
            for x in 1...3 { try db.execute(sql, [x]) }
            _ = try db.fetchOne(Int.self, "SELECT count(*) FROM n WHERE x > ?", [0])
            _ = try db.fetchOne(Int.self, "SELECT count(*) FROM n WHERE x > ?", [1])
            // SQLite counts the runs of each prepared statement: all three inserts ran the cached one.
            let insert = try db.cachedStatement(sql: sql).sqliteStatement
            #expect(sqlite3_stmt_status(insert, SQLITE_STMTSTATUS_RUN, 0) == 3)
            let count = try db.cachedStatement(sql: "SELECT count(*) FROM n WHERE x > ?").sqliteStatement
            #expect(sqlite3_stmt_status(count, SQLITE_STMTSTATUS_RUN, 0) == 2)
        }
    }

    @Test("GRDBDatabase commits a write that returns, rolls back one that throws, and reads what was committed")
    func transactions() throws {
        let folder = try TemporaryFolder("pail-sql")
        defer { folder.remove() }
        let path = folder.path + "/pail.sqlite"
        let database = GRDBDatabase(try PailDatabase.open(at: path))
        #expect(database.description == "sqlite \(path)")
        try database.write { try $0.execute("INSERT INTO vault_settings (name, value) VALUES (?, ?)", ["a", 1]) }
        #expect(throws: PailError.self) {
            try database.write { db in
                try db.execute("INSERT INTO vault_settings (name, value) VALUES (?, ?)", ["b", 2])
                throw PailError(.internalError, "failed after the insert")
            }
        }
        #expect(try database.read { try $0.fetchAll(String.self, "SELECT name FROM vault_settings ORDER BY name") } == ["a"])
        #expect(throws: PailError.self) { try database.write { try $0.execute("INSERT INTO nowhere VALUES (1)") } }
    }

    @Test("a full database is transient (a delivery batch waits for a later try); a statement's own error is not")
    func fullDatabaseIsTransient() throws {
        let queue = try database()
        let database = GRDBDatabase(queue)
        try queue.inDatabase { db in
            try db.execute("INSERT INTO t (id, v) VALUES (1, 'one')")
            // No page beyond those it has: the next row that needs one fails with SQLITE_FULL.
            let pages = try #require(try db.fetchOne(Int.self, "PRAGMA page_count"))
            _ = try db.fetchOne(Int.self, "PRAGMA max_page_count = \(pages)")
            let full = #expect(throws: DatabaseError.self) { try db.execute("INSERT INTO t (id, v) VALUES (2, zeroblob(100000))") }
            #expect(full?.resultCode == .SQLITE_FULL)
            #expect(database.isTransient(try #require(full)))
            let duplicate = #expect(throws: DatabaseError.self) { try db.execute("INSERT INTO t (id, v) VALUES (1, 'again')") }
            #expect(duplicate?.resultCode == .SQLITE_CONSTRAINT)
            #expect(!database.isTransient(try #require(duplicate)))
        }
        #expect(!database.isTransient(PailError(.insufficientStorage, "a blob's write, not the database")))
    }

    @Test("the change version moves with every commit, this process's or another connection's, and only then")
    func changeVersionMovesWithCommits() throws {
        let folder = try TemporaryFolder("pail-sql")
        defer { folder.remove() }
        let path = folder.path + "/pail.sqlite"
        let database = GRDBDatabase(try PailDatabase.open(at: path))
        let first = try database.changeVersion()
        #expect(try database.changeVersion() == first)
        _ = try database.read { try $0.fetchAll(String.self, "SELECT name FROM vault_settings") }
        #expect(try database.changeVersion() == first, "a read changes nothing")
        try database.write { try $0.execute("INSERT INTO vault_settings (name, value) VALUES (?, ?)", ["a", 1]) }
        let second = try database.changeVersion()
        #expect(second != first)
        // Another pool on the same file, as another process opens it.
        let other = GRDBDatabase(try PailDatabase.open(at: path))
        try other.write { try $0.execute("UPDATE vault_settings SET value = ? WHERE name = ?", [2, "a"]) }
        #expect(try database.changeVersion() != second)
    }

    @Test("a change version that cannot be read is a StorageError naming the database")
    func changeVersionOfALostDatabase() throws {
        let folder = try TemporaryFolder("pail-sql")
        defer { folder.remove() }
        let path = folder.path + "/pail.sqlite"
        let database = GRDBDatabase(try PailDatabase.open(at: path))
        try FileManager.default.removeItem(atPath: path)
        let error = #expect(throws: PailError.self) { try database.changeVersion() }
        #expect(error?.code == .storageError)
        #expect(error?.message.contains(path) == true, "\(String(describing: error))")
    }
}
