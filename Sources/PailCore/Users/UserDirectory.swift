import Foundation

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

    static func createSchema(_ db: any SQL) throws {
        try db.executeScript(
            """
            CREATE TABLE users (
                name TEXT PRIMARY KEY NOT NULL,
                quota_limit INTEGER NOT NULL,
                created REAL NOT NULL
            )
            """)
    }

    /// Per-user retention, and the vault's settings (the default retention).
    static func addRetention(_ db: any SQL) throws {
        try db.executeScript(
            """
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

    public func get(_ db: any SQL, _ name: String) throws -> User? {
        try db.fetchOne("SELECT name, quota_limit, created, retention FROM users WHERE name = ?", [name], Self.user)
    }

    /// Adds a user; `UserAlreadyExists` if the name is taken.
    @discardableResult
    public func add(_ db: any SQL, _ name: String, quota: Int64 = defaultQuota, retention: Int? = nil) throws -> User {
        try Self.validate(name: name)
        guard try get(db, name) == nil else {
            throw PailError(.userAlreadyExists, "User '\(name)' already exists")
        }
        let user = User(name: name, quotaLimit: quota, created: clock.now(), retention: retention)
        try db.execute(
            "INSERT INTO users (name, quota_limit, created, retention) VALUES (?, ?, ?, ?)",
            [
                name, quota, user.created.timeIntervalSince1970, retention,
            ])
        try AccessKeyTable.issue(db, user: name, now: user.created)
        return user
    }

    /// Changes a user's limit.
    public func setQuota(_ db: any SQL, _ name: String, quota: Int64) throws -> User {
        try db.execute("UPDATE users SET quota_limit = ? WHERE name = ?", [quota, name])
        guard db.changes > 0, let user = try get(db, name) else {
            throw PailError(.noSuchUser, "No user '\(name)' (add one with `pail users add \(name)`)")
        }
        return user
    }

    /// Changes how long a user's old versions are kept (nil: the vault's default).
    public func setRetention(_ db: any SQL, _ name: String, seconds: Int?) throws -> User {
        try db.execute("UPDATE users SET retention = ? WHERE name = ?", [seconds, name])
        guard db.changes > 0, let user = try get(db, name) else {
            throw PailError(.noSuchUser, "No user '\(name)' (add one with `pail users add \(name)`)")
        }
        return user
    }

    /// How long old versions are kept for users who did not choose: `defaultRetention` unless the vault says otherwise.
    public func defaultRetention(_ db: any SQL) throws -> Int {
        try db.fetchOne(Int.self, "SELECT value FROM vault_settings WHERE name = 'retention'") ?? Self.defaultRetention
    }

    public func setDefaultRetention(_ db: any SQL, seconds: Int) throws {
        try db.execute(
            "INSERT OR REPLACE INTO vault_settings (name, value) VALUES ('retention', ?)",
            [
                seconds
            ])
    }

    /// Seconds `name`'s old versions are kept (0: none are kept).
    func retention(_ db: any SQL, _ name: String) throws -> Int {
        if let seconds = try db.fetchOne(Int.self, "SELECT retention FROM users WHERE name = ?", [name]) {
            return seconds
        }
        return try defaultRetention(db)
    }

    /// The shortest retention any user has (what the lifecycle sweep must look back to).
    func shortestRetention(_ db: any SQL) throws -> Int {
        min(try defaultRetention(db), try db.fetchOne(Int.self, "SELECT min(retention) FROM users") ?? Int.max)
    }

    /// The user, created with the default quota on first use.
    public func getOrCreate(_ db: any SQL, _ name: String) throws -> User {
        if let user = try get(db, name) { return user }
        return try add(db, name)
    }

    /// Removes a user and their key pair (requests and URLs signed with it are refused from now on).
    func remove(_ db: any SQL, _ name: String) throws {
        try require(db, name)
        try db.execute("DELETE FROM access_keys WHERE user = ?", [name])
        try db.execute("DELETE FROM users WHERE name = ?", [name])
    }

    /// The user, or `NoSuchUser`.
    @discardableResult
    public func require(_ db: any SQL, _ name: String) throws -> User {
        guard let user = try get(db, name) else {
            throw PailError(.noSuchUser, "No user '\(name)' (add one with `pail users add \(name)`)")
        }
        return user
    }

    /// The user's own key pair (every user has one from their creation on).
    public func accessKey(_ db: any SQL, _ name: String) throws -> AccessKey {
        try require(db, name)
        guard let key = try AccessKeyTable.key(db, user: name) else {
            throw PailError(.internalError, "User '\(name)' has no key pair")
        }
        return key
    }

    /// Replaces the user's key pair: requests and URLs signed with the old one are refused from now on.
    public func rotateKey(_ db: any SQL, _ name: String) throws -> AccessKey {
        try require(db, name)
        return try AccessKeyTable.issue(db, user: name, now: clock.now())
    }

    public func list(_ db: any SQL) throws -> [User] {
        try db.fetchAll("SELECT name, quota_limit, created, retention FROM users ORDER BY name", [], Self.user)
    }

    private static func user(_ row: any SQLRow) -> User {
        User(
            name: row["name"], quotaLimit: row["quota_limit"], created: Date(timeIntervalSince1970: row["created"]),
            retention: row["retention"])
    }
}
