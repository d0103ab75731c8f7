import Foundation

/// A presigned URL the API handed out, with what it is for.
public struct PresignedURL: Sendable, Codable, Equatable {
    public let url: String
    public let method: String
    public let path: String
    public let expires: Date
    /// For uploads: the most bytes the URL lets the client store.
    public let maxBytes: Int64?

    enum CodingKeys: String, CodingKey {
        case url, method, path, expires
        case maxBytes = "max_bytes"
    }
}

/// A user's storage: bytes used (from the inventory's `Quota` item) and their limit.
public struct QuotaReport: Sendable, Codable, Equatable {
    public let user: String
    /// What the user's current files hold (the inventory's total).
    public let used: Int64
    public let limit: Int64
    /// What their kept old versions and deleted files hold; it counts against the limit too.
    public let oldVersions: Int64

    public init(user: String, used: Int64, limit: Int64, oldVersions: Int64 = 0) {
        self.user = user
        self.used = used
        self.limit = limit
        self.oldVersions = oldVersions
    }

    enum CodingKeys: String, CodingKey {
        case user, used, limit
        case oldVersions = "old_versions"
    }
}
