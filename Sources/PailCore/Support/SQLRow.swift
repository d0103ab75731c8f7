import Foundation

/// One row of a result, read in place: valid only during the call that hands it out. Columns are counted from 0.
/// Reading a column as another type converts it as SQLite does (NULL reads as 0, "" or empty bytes).
public protocol SQLRow {
    func isNull(at index: Int) -> Bool
    /// The column as the database holds it (its own type).
    func value(at index: Int) -> SQLValue
    func int64(at index: Int) -> Int64
    func double(at index: Int) -> Double
    func text(at index: Int) -> String
    /// Hands the column's bytes (a blob, or text as UTF-8) to `body` as the database holds them, without a copy.
    func withBytes<T>(at index: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T
    /// The index of the column named `name` (case-insensitive), or nil.
    func index(ofColumn name: String) -> Int?
}

extension SQLRow {
    /// The column at `index` as `T`.
    public subscript<T: SQLDecodable>(_ index: Int) -> T {
        T.decode(self, at: index)
    }

    /// The column named `name` as `T`; the column must be in the result.
    public subscript<T: SQLDecodable>(_ name: String) -> T {
        guard let index = index(ofColumn: name) else { preconditionFailure("No column \(name) in the row") }
        return T.decode(self, at: index)
    }
}

/// A Swift value a column can be read as.
public protocol SQLDecodable {
    static func decode(_ row: some SQLRow, at index: Int) -> Self
}

extension Int: SQLDecodable {
    public static func decode(_ row: some SQLRow, at index: Int) -> Int { Int(row.int64(at: index)) }
}

extension Int64: SQLDecodable {
    public static func decode(_ row: some SQLRow, at index: Int) -> Int64 { row.int64(at: index) }
}

extension Int32: SQLDecodable {
    public static func decode(_ row: some SQLRow, at index: Int) -> Int32 { Int32(truncatingIfNeeded: row.int64(at: index)) }
}

extension Bool: SQLDecodable {
    public static func decode(_ row: some SQLRow, at index: Int) -> Bool { row.int64(at: index) != 0 }
}

extension Double: SQLDecodable {
    public static func decode(_ row: some SQLRow, at index: Int) -> Double { row.double(at: index) }
}

extension String: SQLDecodable {
    public static func decode(_ row: some SQLRow, at index: Int) -> String { row.text(at: index) }
}

extension Data: SQLDecodable {
    public static func decode(_ row: some SQLRow, at index: Int) -> Data { row.withBytes(at: index) { Data($0) } }
}

extension Optional: SQLDecodable where Wrapped: SQLDecodable {
    public static func decode(_ row: some SQLRow, at index: Int) -> Wrapped? {
        row.isNull(at: index) ? nil : Wrapped.decode(row, at: index)
    }
}

extension SQLValue: SQLDecodable {
    public static func decode(_ row: some SQLRow, at index: Int) -> SQLValue { row.value(at: index) }
}
