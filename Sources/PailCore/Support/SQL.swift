import Foundation

/// What every engine function gets as `db`: a connection inside a transaction, whatever the database behind it
/// (`GRDBDatabase` for SQLite). Statements are written with `?` (or `?N`) placeholders and cached by their text,
/// so a statement run once a delivery is prepared once a connection.
public protocol SQL: AnyObject {
    /// Runs one statement with `arguments` bound to its placeholders.
    func execute(_ sql: String, _ arguments: [any SQLBindable]) throws
    /// Runs one statement and hands its rows to `visit`, one at a time, as they are stepped (nothing is
    /// collected), until `visit` returns false or the rows run out. A row is valid during its call only.
    func forEachRow(_ sql: String, _ arguments: [any SQLBindable], _ visit: (any SQLRow) throws -> Bool) throws
    /// Runs a script of statements separated by semicolons, uncached and without arguments (schemas).
    func executeScript(_ sql: String) throws
    /// Rows the last `execute` inserted, updated or deleted.
    var changes: Int { get }
    /// The row id of the last insert (SQLite's rowid: a table's `INTEGER PRIMARY KEY`).
    var lastInsertedRowID: Int64 { get }
    /// Runs `body` in a savepoint of the current transaction: its changes are kept if it returns and rolled
    /// back if it throws (the rest of the transaction stays as it was).
    func savepoint<T>(_ body: () throws -> T) throws -> T
}

extension SQL {
    /// Runs a statement without arguments.
    public func execute(_ sql: String) throws { try execute(sql, []) }

    /// The first column of the first row as `T`; nil if there is no row or the value is NULL.
    public func fetchOne<T: SQLDecodable>(_ type: T.Type, _ sql: String, _ arguments: [any SQLBindable] = []) throws -> T? {
        var value: T?
        try forEachRow(sql, arguments) { row in
            value = row.isNull(at: 0) ? nil : T.decode(row, at: 0)
            return false
        }
        return value
    }

    /// The first column of every row as `T`.
    public func fetchAll<T: SQLDecodable>(_ type: T.Type, _ sql: String, _ arguments: [any SQLBindable] = []) throws -> [T] {
        try fetchAll(sql, arguments) { T.decode($0, at: 0) }
    }

    /// What `decode` makes of the first row, or nil if there is none.
    public func fetchOne<T>(_ sql: String, _ arguments: [any SQLBindable] = [], _ decode: (any SQLRow) throws -> T) throws -> T? {
        var value: T?
        try forEachRow(sql, arguments) { row in
            value = try decode(row)
            return false
        }
        return value
    }

    /// What `decode` makes of every row.
    public func fetchAll<T>(_ sql: String, _ arguments: [any SQLBindable] = [], _ decode: (any SQLRow) throws -> T) throws -> [T] {
        var values: [T] = []
        try forEachRow(sql, arguments) { row in
            values.append(try decode(row))
            return true
        }
        return values
    }
}
