/// A database the engine keeps its tables in (metadata and outbox alike: an event commits in the same transaction
/// as the change it announces). `GRDBDatabase` is SQLite's.
public protocol SQLDatabase: Sendable {
    /// Where the database is, for messages: "sqlite /root/pail.sqlite".
    var description: String { get }
    /// Runs `body` in a write transaction, which commits if it returns and rolls back if it throws.
    func write<T>(_ body: (any SQL) throws -> T) throws -> T
    /// Runs `body` in a read transaction: one consistent snapshot, whatever commits meanwhile.
    func read<T>(_ body: (any SQL) throws -> T) throws -> T
    /// Whether `error`, thrown by one of this database's statements, is the database itself failing (a full
    /// disk, an I/O error) rather than the statement: the transaction is worth running again later, unchanged.
    func isTransient(_ error: any Error) -> Bool
    /// A number that moves whenever a transaction commits to the database, in this process or another: two equal
    /// answers mean nothing changed between them (the change feed and the access-key cache ask it).
    func changeVersion() throws -> Int64
}
