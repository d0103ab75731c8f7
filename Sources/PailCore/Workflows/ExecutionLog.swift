import Foundation

/// The kept executions of every workflow, newest first: the latest 10,000 successful and the latest
/// 10,000 failed ones (so a burst of successes never pushes out the failures a user came to read),
/// give or take the `pruneInterval` saved since the last prune.
public struct ExecutionLog: Sendable {
    /// Executions kept of each status.
    public static let keptPerStatus = 10_000

    static func createSchema(_ db: any SQL) throws {
        try db.executeScript(
            """
            CREATE TABLE executions (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                status TEXT NOT NULL,
                started REAL NOT NULL,
                document TEXT NOT NULL
            );
            CREATE INDEX executions_status ON executions(status, seq);
            """)
    }

    /// The record of v6 (`v6 execution records`): no unique index on the execution's id and no `started`
    /// column (nothing looked executions up by either: each cost the deliverer a b-tree insert, the id's at a
    /// random place), and the input (the event) in a column of its own, as the bus kept its text, so it is
    /// not encoded again. Old records move over with their input taken out of their document.
    static func slimRecords(_ db: any SQL) throws {
        try db.executeScript(
            """
            CREATE TABLE execution_records (
                seq INTEGER PRIMARY KEY,
                status TEXT NOT NULL,
                input TEXT NOT NULL,
                document TEXT NOT NULL
            );
            INSERT INTO execution_records (seq, status, input, document)
                SELECT seq, status, coalesce(document -> '$.input', 'null'), json_remove(document, '$.input')
                FROM executions ORDER BY seq;
            DROP TABLE executions;
            ALTER TABLE execution_records RENAME TO executions;
            CREATE INDEX executions_status ON executions(status, seq);
            """)
    }

    /// Executions saved between two prunes: pruning walks the kept rows, so it runs once every this
    /// many saves rather than once a batch (at most this many more than `keptPerStatus` are kept).
    static let pruneInterval: Int64 = 1_000

    /// Saves an execution. `input` is its input as JSON text when the caller has it (the deliverer has the
    /// event's text from the bus); without it, `execution.input` is written.
    func save(_ db: any SQL, _ execution: Execution, input: String? = nil) throws {
        try db.execute(
            "INSERT INTO executions (status, input, document) VALUES (?, ?, ?)",
            [
                execution.status.rawValue, input ?? execution.input.jsonString(sortedKeys: false),
                execution.document.jsonString(sortedKeys: false),
            ])
        if db.lastInsertedRowID % Self.pruneInterval == 0 { try prune(db) }
    }

    /// Drops the oldest executions beyond `keptPerStatus` of each status.
    func prune(_ db: any SQL) throws {
        for status in [Execution.Status.succeeded, .failed] {
            try db.execute(
                """
                DELETE FROM executions WHERE status = ?1 AND seq <= (
                    SELECT seq FROM executions WHERE status = ?1 ORDER BY seq DESC LIMIT 1 OFFSET ?2)
                """, [status.rawValue, Self.keptPerStatus])
        }
    }

    /// The newest executions first; only failed ones if asked.
    public func list(_ db: any SQL, failedOnly: Bool = false, limit: Int = 100) throws -> [Execution] {
        let sql =
            failedOnly
            ? "SELECT input, document FROM executions WHERE status = 'FAILED' ORDER BY seq DESC LIMIT ?"
            : "SELECT input, document FROM executions ORDER BY seq DESC LIMIT ?"
        return try db.fetchAll(sql, [limit]) { row in
            try Execution(document: JSONValue.parse(row[1]), input: JSONValue.parse(row[0]))
        }
    }
}
