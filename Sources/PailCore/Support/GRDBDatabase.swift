import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// SQLite through GRDB: a pool (or one connection) of the root's database, as `PailDatabase` opens it.
public struct GRDBDatabase: SQLDatabase {
    let writer: any DatabaseWriter
    private let watcher: ChangeWatcher

    public init(_ writer: any DatabaseWriter) {
        self.writer = writer
        watcher = ChangeWatcher(path: writer.path)
    }

    public var description: String { "sqlite \(writer.path)" }

    /// A transaction under the root's write lock (`pailWrite`).
    public func write<T>(_ body: (any SQL) throws -> T) throws -> T {
        try writer.pailWrite { try body($0) }
    }

    /// A WAL snapshot (`pailRead`).
    public func read<T>(_ body: (any SQL) throws -> T) throws -> T {
        try writer.pailRead { try body($0) }
    }

    /// SQLite's "database or disk is full" and "disk I/O error" (any of its kinds).
    public func isTransient(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_FULL || error.resultCode == .SQLITE_IOERR
    }

    /// `PRAGMA data_version` of a connection that never writes: SQLite moves it on a connection whenever another
    /// one commits (the pool's writer, another process's).
    public func changeVersion() throws -> Int64 {
        try watcher.version()
    }
}

/// The read-only connection `GRDBDatabase.changeVersion` asks, opened when first asked.
final class ChangeWatcher: Sendable {
    private let path: String
    private let connection = Mutex<DatabaseQueue?>(nil)

    init(path: String) {
        self.path = path
    }

    func version() throws -> Int64 {
        let connection = try self.connection.withLock { connection in
            if let connection { return connection }
            do {
                let opened = try DatabaseQueue(path: path, configuration: PailDatabase.readOnlyConfiguration)
                connection = opened
                return opened
            } catch let error as DatabaseError {
                throw PailError(.storageError, "Cannot open the database \(path): \(error.message ?? error.description)")
            }
        }
        return try connection.pailRead { try $0.fetchOne(Int64.self, "PRAGMA data_version") } ?? 0
    }
}

/// A GRDB connection is the `SQL` of its transaction: statements go through its statement cache
/// (`cachedStatement`), arguments are bound in place with SQLite's bind functions, and rows are read in place
/// from SQLite's statement.
extension Database: SQL {
    public func execute(_ sql: String, _ arguments: [any SQLBindable]) throws {
        let statement = try cachedStatement(sql: sql)
        try Self.binding(arguments, to: statement) { try statement.execute() }
    }

    public func forEachRow(_ sql: String, _ arguments: [any SQLBindable], _ visit: (any SQLRow) throws -> Bool) throws {
        let statement = try cachedStatement(sql: sql)
        try Self.binding(arguments, to: statement) {
            // The cursor steps the statement; the row reads the statement's current row through SQLite's column functions.
            let rows = try Row.fetchCursor(statement)
            let row: any SQLRow = GRDBRow(statement: statement)
            while try rows.next() != nil {
                guard try visit(row) else { return }
            }
        }
    }

    public func executeScript(_ sql: String) throws {
        try execute(sql: sql)
    }

    public var changes: Int { changesCount }

    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        try inPreparedSavepoint(body)
    }

    /// Runs `body` with `arguments` bound to the statement's placeholders, in order (`?NNN` is the NNN-th).
    /// Strings and blobs are bound where they are, without a copy, so the bindings are cleared when `body`
    /// returns. GRDB is told the statement has its arguments (none of its own), so it steps it as bound.
    static func binding<T>(_ arguments: [any SQLBindable], to statement: Statement, _ body: () throws -> T) throws -> T {
        let handle = statement.sqliteStatement
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard arguments.count == expected else {
            throw DatabaseError(
                resultCode: .SQLITE_MISUSE, message: "wrong number of statement arguments: \(arguments.count), not \(expected)",
                sql: statement.sql)
        }
        statement.setUncheckedArguments(StatementArguments())  // resets the statement and clears its bindings
        defer { sqlite3_clear_bindings(handle) }
        return try bind(arguments[...], to: handle, at: 1, body)
    }

    /// Binds the first of `arguments` at `index`, then the rest (each string or blob inside the call that
    /// lends its bytes), then runs `body`.
    private static func bind<T>(
        _ arguments: ArraySlice<any SQLBindable>, to handle: SQLiteStatement, at index: Int32, _ body: () throws -> T
    ) throws -> T {
        guard let argument = arguments.first else { return try body() }
        let rest = arguments.dropFirst()
        switch argument.sqlValue {
        case .null:
            try check(sqlite3_bind_null(handle, index))
        case .int(let value):
            try check(sqlite3_bind_int64(handle, index, value))
        case .double(let value):
            try check(sqlite3_bind_double(handle, index, value))
        case .text(var text):
            return try text.withUTF8 { bytes in
                // A NULL pointer would bind NULL: the empty string is bound as SQLite's copy of "".
                let start = UnsafeRawPointer(bytes.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }
                if let start, !bytes.isEmpty {
                    try check(sqlite3_bind_text64(handle, index, start, UInt64(bytes.count), nil, UInt8(SQLITE_UTF8)))
                } else {
                    try check(
                        sqlite3_bind_text(
                            handle, index, "", 0, unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)))
                }
                return try bind(rest, to: handle, at: index + 1, body)
            }
        case .blob(let data):
            return try data.withUnsafeBytes { bytes in
                if let start = bytes.baseAddress, !bytes.isEmpty {
                    try check(sqlite3_bind_blob64(handle, index, start, UInt64(bytes.count), nil))
                } else {
                    try check(sqlite3_bind_zeroblob(handle, index, 0))
                }
                return try bind(rest, to: handle, at: index + 1, body)
            }
        }
        return try bind(rest, to: handle, at: index + 1, body)
    }

    /// Throws the error of a bind function that failed (a string or blob over SQLite's length limit).
    private static func check(_ code: Int32) throws {
        guard code != SQLITE_OK else { return }
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errstr(code)))
    }
}

/// The row a GRDB statement is on, read with SQLite's column functions (no `Row` values, no copies for `withBytes`).
struct GRDBRow: SQLRow {
    let statement: Statement

    private var handle: SQLiteStatement { statement.sqliteStatement }

    func isNull(at index: Int) -> Bool {
        sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL
    }

    func value(at index: Int) -> SQLValue {
        switch sqlite3_column_type(handle, Int32(index)) {
        case SQLITE_INTEGER: .int(int64(at: index))
        case SQLITE_FLOAT: .double(double(at: index))
        case SQLITE_TEXT: .text(text(at: index))
        case SQLITE_BLOB: .blob(Data.decode(self, at: index))
        default: .null
        }
    }

    func int64(at index: Int) -> Int64 {
        sqlite3_column_int64(handle, Int32(index))
    }

    func double(at index: Int) -> Double {
        sqlite3_column_double(handle, Int32(index))
    }

    func text(at index: Int) -> String {
        guard let text = sqlite3_column_text(handle, Int32(index)) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, Int32(index)))), as: UTF8.self)
    }

    func withBytes<T>(at index: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        // sqlite3_column_blob before sqlite3_column_bytes: the documented order (the first may convert the value).
        let start = sqlite3_column_blob(handle, Int32(index))
        return try body(UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(handle, Int32(index)))))
    }

    func index(ofColumn name: String) -> Int? {
        // The exact name first, as GRDB's own rows do: the case-insensitive look-up lowercases the name each time.
        statement.columnNames.firstIndex(of: name) ?? statement.index(ofColumn: name)
    }
}
