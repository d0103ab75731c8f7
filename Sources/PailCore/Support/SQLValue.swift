import Foundation

/// A value bound to a statement's placeholder.
public enum SQLValue: Sendable, Equatable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case blob(Data)
}

/// A Swift value that can be bound to a placeholder: integers, `Bool` (0 or 1), `Double`, `String`, `Data` (a blob)
/// and optionals of them (nil is NULL).
public protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

extension SQLValue: SQLBindable {
    public var sqlValue: SQLValue { self }
}

extension Int: SQLBindable {
    public var sqlValue: SQLValue { .int(Int64(self)) }
}

extension Int64: SQLBindable {
    public var sqlValue: SQLValue { .int(self) }
}

extension Int32: SQLBindable {
    public var sqlValue: SQLValue { .int(Int64(self)) }
}

extension Bool: SQLBindable {
    public var sqlValue: SQLValue { .int(self ? 1 : 0) }
}

extension Double: SQLBindable {
    public var sqlValue: SQLValue { .double(self) }
}

extension String: SQLBindable {
    public var sqlValue: SQLValue { .text(self) }
}

extension Substring: SQLBindable {
    public var sqlValue: SQLValue { .text(String(self)) }
}

extension Data: SQLBindable {
    public var sqlValue: SQLValue { .blob(self) }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}
