import Foundation
import GRDB

/// Opens the root's SQLite database the way every Pail process must: WAL, full sync, busy waits, schema.
enum PailDatabase {
    /// How long a writer waits for another process's transaction before giving up.
    static let busyTimeout: TimeInterval = 30

    static func open(at path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            // FULL: a committed upload or event survives power loss, not just a crash of the process.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw PailError(.storageError, "Cannot open the database \(path): \(error.message ?? error.description)")
        }
        return pool
    }

    /// An in-memory database with the same schema, for tests of single components.
    static func inMemory() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try migrator.migrate(queue)
        return queue
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try UserDirectory.createSchema(db)
            try ObjectStore.createSchema(db)
            try Inventory.createSchema(db)
            try EventBus.createSchema(db)
            try ExecutionLog.createSchema(db)
        }
        return migrator
    }
}

extension DatabaseWriter {
    /// Runs a write transaction, turning SQLite errors into `StorageError` so callers see one error type.
    func pailWrite<T>(_ updates: (Database) throws -> T) throws -> T {
        do {
            return try write(updates)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
            throw PailError(.insufficientStorage, "The disk is full: the database could not grow")
        } catch let error as DatabaseError {
            throw PailError(.storageError, "Database write failed: \(error.message ?? error.description)")
        }
    }
}

extension DatabaseReader {
    /// Runs a read, turning SQLite errors into `StorageError`.
    func pailRead<T>(_ value: (Database) throws -> T) throws -> T {
        do {
            return try read(value)
        } catch let error as DatabaseError {
            throw PailError(.storageError, "Database read failed: \(error.message ?? error.description)")
        }
    }
}
