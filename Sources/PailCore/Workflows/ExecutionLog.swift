import Foundation
import GRDB

/// The kept executions of every workflow, newest first: the latest 10,000 successful and the latest
/// 10,000 failed ones (so a burst of successes never pushes out the failures a user came to read),
/// give or take the `pruneInterval` saved since the last prune.
public struct ExecutionLog: Sendable {
    /// Executions kept of each status.
    public static let keptPerStatus = 10_000

    static func createSchema(_ db: Database) throws {
        try db.execute(
            sql: """
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

    /// Executions saved between two prunes: pruning walks the kept rows, so it runs once every this
    /// many saves rather than once a batch (at most this many more than `keptPerStatus` are kept).
    static let pruneInterval: Int64 = 1_000

    func save(_ db: Database, _ execution: Execution) throws {
        try db.cachedStatement(sql: "INSERT INTO executions (id, status, started, document) VALUES (?, ?, ?, ?)").execute(arguments: [
            execution.id, execution.status.rawValue, execution.started.timeIntervalSince1970,
            execution.document.jsonString(sortedKeys: false),
        ])
        if db.lastInsertedRowID % Self.pruneInterval == 0 { try prune(db) }
    }

    /// Drops the oldest executions beyond `keptPerStatus` of each status.
    func prune(_ db: Database) throws {
        for status in [Execution.Status.succeeded, .failed] {
            try db.cachedStatement(
                sql: """
                    DELETE FROM executions WHERE status = ?1 AND seq <= (
                        SELECT seq FROM executions WHERE status = ?1 ORDER BY seq DESC LIMIT 1 OFFSET ?2)
                    """
            ).execute(arguments: [status.rawValue, Self.keptPerStatus])
        }
    }

    /// The newest executions first; only failed ones if asked.
    public func list(_ db: Database, failedOnly: Bool = false, limit: Int = 100) throws -> [Execution] {
        let sql =
            failedOnly
            ? "SELECT document FROM executions WHERE status = 'FAILED' ORDER BY seq DESC LIMIT ?"
            : "SELECT document FROM executions ORDER BY seq DESC LIMIT ?"
        return try String.fetchAll(db, sql: sql, arguments: [limit]).map { document in
            try Execution(document: JSONValue.parse(document))
        }
    }
}
