import Foundation
import GRDB

/// A Pail user: the name that is their partition, and how many bytes they may store.
public struct User: Sendable, Codable, Equatable {
    public let name: String
    public let quotaLimit: Int64
    public let created: Date

    enum CodingKeys: String, CodingKey {
        case name
        case quotaLimit = "quota_limit"
        case created
    }
}

/// The users of a data root and their quota limits.
public struct UserDirectory: Sendable {
    /// The limit a user gets when nobody said otherwise: 10 GB.
    public static let defaultQuota: Int64 = 10_000_000_000

    static func createSchema(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE users (
                name TEXT PRIMARY KEY NOT NULL,
                quota_limit INTEGER NOT NULL,
                created REAL NOT NULL
            )
            """)
    }

    let clock: PailClock

    /// Checks that a user name can be a partition: one path segment of safe characters.
    public static func validate(name: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard !name.isEmpty, name.count <= 64, name.allSatisfy(allowed.contains), name != ".", name != ".." else {
            throw PailError(
                .invalidArgument,
                "Not a valid user name: '\(name)' (use 1 to 64 letters, digits, '.', '_' or '-')")
        }
    }

    public func get(_ db: Database, _ name: String) throws -> User? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT name, quota_limit, created FROM users WHERE name = ?"), arguments: [name])
            .map(Self.user)
    }

    /// Adds a user; `UserAlreadyExists` if the name is taken.
    @discardableResult
    public func add(_ db: Database, _ name: String, quota: Int64 = defaultQuota) throws -> User {
        try Self.validate(name: name)
        guard try get(db, name) == nil else {
            throw PailError(.userAlreadyExists, "User '\(name)' already exists")
        }
        let user = User(name: name, quotaLimit: quota, created: clock.now())
        try db.cachedStatement(sql: "INSERT INTO users (name, quota_limit, created) VALUES (?, ?, ?)").execute(arguments: [name, quota, user.created.timeIntervalSince1970])
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

    /// The user, created with the default quota on first use.
    public func getOrCreate(_ db: Database, _ name: String) throws -> User {
        if let user = try get(db, name) { return user }
        return try add(db, name)
    }

    /// The user, or `NoSuchUser`.
    public func require(_ db: Database, _ name: String) throws -> User {
        guard let user = try get(db, name) else {
            throw PailError(.noSuchUser, "No user '\(name)' (add one with `pail users add \(name)`)")
        }
        return user
    }

    public func list(_ db: Database) throws -> [User] {
        try Row.fetchAll(db, sql: "SELECT name, quota_limit, created FROM users ORDER BY name").map(Self.user)
    }

    private static func user(_ row: Row) -> User {
        User(name: row["name"], quotaLimit: row["quota_limit"], created: Date(timeIntervalSince1970: row["created"]))
    }
}
