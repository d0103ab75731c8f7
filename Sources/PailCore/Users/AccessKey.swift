import Foundation

/// A SigV4 key pair: the root's (the administrator's, `user == nil`, may act anywhere) or a user's,
/// which may act only under `user/`.
///
/// ```swift
/// let key = try engine.read { try engine.users.accessKey($0, user: "alice") }
/// key.allows(key: "alice/docs/a.txt")   // true
/// key.allows(key: "bob/x")              // false
/// ```
public struct AccessKey: Sendable, Equatable {
    public let accessKeyId: String
    public let secretAccessKey: String
    /// The user the key belongs to; nil for the root's key.
    public let user: String?

    public init(accessKeyId: String, secretAccessKey: String, user: String?) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.user = user
    }

    /// Whether the key may act on the store key `objectKey` (`user/path`).
    public func allows(key objectKey: String) -> Bool {
        guard let user else { return true }
        return objectKey.utf8.count > user.utf8.count && objectKey.hasKeyPrefix(user + "/")
    }

    /// Whether the key may list under `prefix`: a user's key inside their partition, or with a prefix of
    /// it (`""`, `"al"`), which then lists their partition only.
    public func allows(prefix: String) -> Bool {
        guard let user else { return true }
        return prefix.hasKeyPrefix(user + "/") || (user + "/").hasKeyPrefix(prefix)
    }

    /// A new random pair, in the shape AWS gives them (20-character id, 40-character secret).
    static func generate(user: String?) -> AccessKey {
        AccessKey(
            accessKeyId: "AKPAIL" + random(14, from: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
            secretAccessKey: random(40, from: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
            user: user)
    }

    private static func random(_ count: Int, from alphabet: String) -> String {
        let characters = Array(alphabet)
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in characters[Int(generator.next(upperBound: UInt(characters.count)))] })
    }
}

/// The users' key pairs, one per user, in the private database (mode 0600, like `credentials.json`).
struct AccessKeyTable: Sendable {
    static func createSchema(_ db: any SQL) throws {
        try db.executeScript(
            """
            CREATE TABLE access_keys (
                access_key_id TEXT PRIMARY KEY NOT NULL,
                user TEXT NOT NULL UNIQUE,
                secret TEXT NOT NULL,
                created REAL NOT NULL
            ) WITHOUT ROWID;
            """)
        // Users of a root made before keys existed get theirs now.
        for user in try db.fetchAll(String.self, "SELECT name FROM users") {
            try insert(db, AccessKey.generate(user: user), now: Date())
        }
    }

    /// Gives `user` a new key pair, replacing the one they had: what was signed with the old one stops working.
    @discardableResult
    static func issue(_ db: any SQL, user: String, now: Date) throws -> AccessKey {
        try db.execute("DELETE FROM access_keys WHERE user = ?", [user])
        let key = AccessKey.generate(user: user)
        try insert(db, key, now: now)
        return key
    }

    static func key(_ db: any SQL, user: String) throws -> AccessKey? {
        try db.fetchOne("SELECT * FROM access_keys WHERE user = ?", [user], accessKey)
    }

    static func key(_ db: any SQL, id: String) throws -> AccessKey? {
        try db.fetchOne("SELECT * FROM access_keys WHERE access_key_id = ?", [id], accessKey)
    }

    private static func insert(_ db: any SQL, _ key: AccessKey, now: Date) throws {
        try db.execute(
            "INSERT INTO access_keys (access_key_id, user, secret, created) VALUES (?, ?, ?, ?)",
            [key.accessKeyId, key.user, key.secretAccessKey, now.timeIntervalSince1970])
    }

    private static func accessKey(_ row: any SQLRow) -> AccessKey {
        AccessKey(accessKeyId: row["access_key_id"], secretAccessKey: row["secret"], user: row["user"])
    }
}
