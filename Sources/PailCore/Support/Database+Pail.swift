import Foundation
import GRDB

/// Opens the root's SQLite database the way every Pail process must: WAL, full sync, busy waits, schema.
public enum PailDatabase {
    /// How long a writer waits for another process's transaction before giving up.
    static let busyTimeout: TimeInterval = 30
    /// The writer connection's page cache, in KiB.
    static let writerCacheKiB = 16_384

    /// Opens and migrates the database at `path`.
    ///
    /// Several processes may open a new root at once; GRDB's migrator is not safe across processes (each
    /// can find the schema missing and create it: "table users already exists"), so opening and migrating
    /// run under an exclusive lock on `<path>.lock`.
    public static func open(at path: String) throws -> DatabasePool {
        try withExclusiveLock(path + ".lock") {
            try createPrivately(path)
            return try pool(at: path) { pool in
                try migrator.migrate(pool)
                return pool
            }
        }
    }

    /// Opens the database at `path` as it is, for a command that only reads: one read-only connection, without
    /// the writer's set-up (no pool, no WAL or sync settings, no lock, no migration); nil if the file is missing
    /// or its schema is not the current one (`open` creates or migrates it).
    public static func openReadOnly(at path: String) throws -> DatabaseQueue? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try reportingErrors(of: path) {
            let queue = try DatabaseQueue(path: path, configuration: readOnlyConfiguration)
            return try queue.read(migrator.hasCompletedMigrations) ? queue : nil
        }
    }

    /// A connection that only reads and waits for writers as the writer's connections do.
    static var readOnlyConfiguration: Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        return configuration
    }

    /// Makes the pool of the database at `path` and hands it to `body`.
    private static func pool<T>(at path: String, _ body: (DatabasePool) throws -> T) throws -> T {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        return try reportingErrors(of: path) {
            let pool = try DatabasePool(path: path, configuration: configuration)
            // FULL: a committed upload or event survives power loss, not just a crash of the process.
            // Set on the writer once the pool is made: GRDB's WAL setup sets NORMAL when it opens the writer.
            // Temporary files in memory: each delivery of a batch runs in a savepoint, whose journal SQLite would
            // spill to a file in /var/tmp past 64 KiB (every page it changes written twice). A bigger page cache: a
            // batch dirties more pages (items and their four indexes, executions) than the default 2 MiB holds.
            try pool.writeWithoutTransaction {
                try $0.execute(sql: "PRAGMA synchronous = FULL; PRAGMA cache_size = -\(writerCacheKiB); PRAGMA temp_store = MEMORY")
            }
            return try body(pool)
        }
    }

    /// Runs `body`, which opens the database at `path`, with SQLite's errors as Pail's: a file that is not a
    /// database is a damaged root.
    private static func reportingErrors<T>(of path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            throw RootDamage.unreadable(path, error.message ?? error.description)
        } catch let error as DatabaseError {
            if let full = DiskSpace.fullDiskError(error, databasePath: path) { throw full }
            throw PailError(.storageError, "Cannot open the database \(path): \(error.message ?? error.description)")
        }
    }

    /// Creates the database file, empty, readable by its owner only, if it is missing: SQLite would make it
    /// 0644 (less the umask), and gives its `-wal` and `-shm` files the database's mode.
    private static func createPrivately(_ path: String) throws {
        let fd = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw PailError(.storageError, "Cannot create the database \(path): \(String(cString: strerror(errno)))")
        }
        close(fd)
    }

    /// Runs `body` while holding an exclusive `flock` on `lockPath` (created if needed; released on return,
    /// or by the kernel if the process dies).
    static func withExclusiveLock<T>(_ lockPath: String, _ body: () throws -> T) throws -> T {
        let fd = Glibc.open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw PailError(.storageError, "Cannot open the lock file \(lockPath): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw PailError(.storageError, "Cannot lock \(lockPath): \(String(cString: strerror(errno)))")
            }
        }
        return try body()
    }

    /// An in-memory database with the same schema, for tests of single components.
    static func inMemory() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try migrator.migrate(queue)
        return queue
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try UserDirectory.createSchema(db)
            try ObjectStore.createSchema(db)
            try Inventory.createSchema(db)
            try EventBus.createSchema(db)
            try ExecutionLog.createSchema(db)
        }
        migrator.registerMigration("v2 versions") { db in
            try ObjectStore.addVersions(db)
            try VersionTable.createSchema(db)
            try UserDirectory.addRetention(db)
            try EventBus.indexTargets(db)
        }
        migrator.registerMigration("v3 serve") { db in
            try AccessKeyTable.createSchema(db)
            try ServedEndpoint.createSchema(db)
            try ObjectStore.addContentTypes(db)
        }
        migrator.registerMigration("v4 multipart") { db in
            try MultipartUploads.createSchema(db)
        }
        migrator.registerMigration("v5 object headers") { db in
            try ObjectHeaders.addColumn(db)
        }
        migrator.registerMigration("v6 execution records") { db in
            try ExecutionLog.slimRecords(db)
        }
        migrator.registerMigration("v7 folder totals") { db in
            try FolderTotals.createFromInventory(db)
        }
        migrator.registerMigration("v8 natural order") { db in
            try Inventory.addNaturalKeys(db)
        }
        migrator.registerMigration("v9 file orders") { db in
            try FileOrderColumns.add(db)
        }
        return migrator
    }
}

extension DatabaseWriter {
    /// Runs a write transaction under the root's write lock (see `WriterLock`), turning SQLite errors into
    /// `StorageError` so callers see one error type.
    func pailWrite<T>(_ updates: (Database) throws -> T) throws -> T {
        do {
            let lock = try WriterLock.of(databasePath: path)
            return try writeWithoutTransaction { db in
                try lock?.acquire(timeout: PailDatabase.busyTimeout)
                defer { lock?.release() }
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try updates(db)
                    return .commit
                }
                return result!
            }
        } catch let error as DatabaseError {
            if let full = DiskSpace.fullDiskError(error, databasePath: path) { throw full }
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
            if let full = DiskSpace.fullDiskError(error, databasePath: path) { throw full }
            throw PailError(.storageError, "Database read failed: \(error.message ?? error.description)")
        }
    }
}

extension Database {
    /// Runs `body` in a savepoint of the current transaction: its changes are kept if it returns and
    /// rolled back if it throws. Like GRDB's `inSavepoint`, but its statements are prepared once per
    /// connection (the deliverer opens one per event, and preparing them cost 8 % of `pail wait`).
    func inPreparedSavepoint<T>(_ body: () throws -> T) throws -> T {
        try cachedStatement(sql: "SAVEPOINT pail").execute()
        do {
            let value = try body()
            try cachedStatement(sql: "RELEASE SAVEPOINT pail").execute()
            return value
        } catch {
            try cachedStatement(sql: "ROLLBACK TO SAVEPOINT pail").execute()
            try cachedStatement(sql: "RELEASE SAVEPOINT pail").execute()
            throw error
        }
    }
}
