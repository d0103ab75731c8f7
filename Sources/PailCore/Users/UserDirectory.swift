import Foundation
import GRDB

/// A Pail user: the name that is their partition, how many bytes they may store, and how long
/// their old versions are kept.
public struct User: Sendable, Codable, Equatable {
    public let name: String
    public let quotaLimit: Int64
    public let created: Date
    /// Seconds an old version or deleted file is kept; nil follows the vault's default.
    public let retention: Int?

    enum CodingKeys: String, CodingKey {
        case name
        case quotaLimit = "quota_limit"
        case created
        case retention = "retention_seconds"
    }
}

/// The users of a data root and their quota limits.
public struct UserDirectory: Sendable {
    /// The limit a user gets when nobody said otherwise: 10 GB.
    public static let defaultQuota: Int64 = 10_000_000_000
    /// How long old versions are kept when nobody said otherwise: 30 days.
    public static let defaultRetention = 30 * 86_400

    static func createSchema(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE users (
                    name TEXT PRIMARY KEY NOT NULL,
                    quota_limit INTEGER NOT NULL,
                    created REAL NOT NULL
                )
                """)
    }

    /// Per-user retention, and the vault's settings (the default retention).
    static func addRetention(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE users ADD COLUMN retention INTEGER;
                CREATE TABLE vault_settings (name TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL) WITHOUT ROWID;
                """)
    }

    let clock: PailClock

    /// Checks that a user name can be a partition: one path segment of safe characters.
    public static func validate(name: String) throws {
        func allowed(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default: false
            }
        }
        guard !name.isEmpty, name.utf8.count <= 64, name.utf8.allSatisfy(allowed), name != ".", name != ".." else {
            throw PailError(
                .invalidArgument,
                "Not a valid user name: '\(name)' (use 1 to 64 letters, digits, '.', '_' or '-')")
        }
    }

    public func get(_ db: Database, _ name: String) throws -> User? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT name, quota_limit, created, retention FROM users WHERE name = ?"), arguments: [name]
        )
        .map(Self.user)
    }

    /// Adds a user; `UserAlreadyExists` if the name is taken.
    @discardableResult
    public func add(_ db: Database, _ name: String, quota: Int64 = defaultQuota, retention: Int? = nil) throws -> User {
        try Self.validate(name: name)
        guard try get(db, name) == nil else {
            throw PailError(.userAlreadyExists, "User '\(name)' already exists")
        }
        let user = User(name: name, quotaLimit: quota, created: clock.now(), retention: retention)
        try db.cachedStatement(sql: "INSERT INTO users (name, quota_limit, created, retention) VALUES (?, ?, ?, ?)").execute(arguments: [
            name, quota, user.created.timeIntervalSince1970, retention,
        ])
        try AccessKeyTable.issue(db, user: name, now: user.created)
        return user
    }

    /// Changes a user's limit.
    public func setQuota(_ db: Database, _ name: String, quota: Int64) throws -> User {
        try db.cachedStatement(sql: "UPDATE users SET quota_limit = ? WHERE name = ?").execute(arguments: [quota, name])
        guard db.changesCount > 0, let user = try get(db, name) else {
            throw PailError(.noSuchUser, "No user '\(name)' (add one with `pail users add \(name)`)")
        }
        return user
    }

    /// Changes how long a user's old versions are kept (nil: the vault's default).
    public func setRetention(_ db: Database, _ name: String, seconds: Int?) throws -> User {
        try db.cachedStatement(sql: "UPDATE users SET retention = ? WHERE name = ?").execute(arguments: [seconds, name])
        guard db.changesCount > 0, let user = try get(db, name) else {
            throw PailError(.noSuchUser, "No user '\(name)' (add one with `pail users add \(name)`)")
        }
        return user
    }

    /// How long old versions are kept for users who did not choose: `defaultRetention` unless the vault says otherwise.
    public func defaultRetention(_ db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT value FROM vault_settings WHERE name = 'retention'")) ?? Self.defaultRetention
    }

    public func setDefaultRetention(_ db: Database, seconds: Int) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO vault_settings (name, value) VALUES ('retention', ?)").execute(arguments: [
            seconds
        ])
    }

    /// Seconds `name`'s old versions are kept (0: none are kept).
    func retention(_ db: Database, _ name: String) throws -> Int {
        if let seconds = try Int.fetchOne(db.cachedStatement(sql: "SELECT retention FROM users WHERE name = ?"), arguments: [name]) {
            return seconds
        }
        return try defaultRetention(db)
    }

    /// The shortest retention any user has (what the lifecycle sweep must look back to).
    func shortestRetention(_ db: Database) throws -> Int {
        min(try defaultRetention(db), try Int.fetchOne(db, sql: "SELECT min(retention) FROM users") ?? Int.max)
    }

    /// The user, created with the default quota on first use.
    public func getOrCreate(_ db: Database, _ name: String) throws -> User {
        if let user = try get(db, name) { return user }
        return try add(db, name)
    }

    /// Removes a user and their key pair (requests and URLs signed with it are refused from now on).
    func remove(_ db: Database, _ name: String) throws {
        try require(db, name)
        try db.cachedStatement(sql: "DELETE FROM access_keys WHERE user = ?").execute(arguments: [name])
        try db.cachedStatement(sql: "DELETE FROM users WHERE name = ?").execute(arguments: [name])
    }

    /// The user, or `NoSuchUser`.
    @discardableResult
    public func require(_ db: Database, _ name: String) throws -> User {
        guard let user = try get(db, name) else {
            throw PailError(.noSuchUser, "No user '\(name)' (add one with `pail users add \(name)`)")
        }
        return user
    }

    /// The user's own key pair (every user has one from their creation on).
    public func accessKey(_ db: Database, _ name: String) throws -> AccessKey {
        try require(db, name)
        guard let key = try AccessKeyTable.key(db, user: name) else {
            throw PailError(.internalError, "User '\(name)' has no key pair")
        }
        return key
    }

    /// Replaces the user's key pair: requests and URLs signed with the old one are refused from now on.
    public func rotateKey(_ db: Database, _ name: String) throws -> AccessKey {
        try require(db, name)
        return try AccessKeyTable.issue(db, user: name, now: clock.now())
    }

    public func list(_ db: Database) throws -> [User] {
        try Row.fetchAll(db, sql: "SELECT name, quota_limit, created, retention FROM users ORDER BY name").map(Self.user)
    }

    private static func user(_ row: Row) -> User {
        User(
            name: row["name"], quotaLimit: row["quota_limit"], created: Date(timeIntervalSince1970: row["created"]),
            retention: row["retention"])
    }
}
