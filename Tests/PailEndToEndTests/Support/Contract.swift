import Foundation

// The JSON that `pail … --json` prints, as docs/DESIGN.md's contract describes it, decoded independently of
// PailCore's own types (so a change to either side that breaks the contract fails here).

/// An entry of `pail ls --json`: `{path,size,etag,modified}`.
struct ListedFile: Codable, Equatable, Sendable {
    let path: String
    let size: Int64
    let etag: String
    let modified: Date
}

/// `pail quota --json`: `{user,used,limit}`.
struct QuotaReport: Decodable, Equatable, Sendable {
    let user: String
    let used: Int64
    let limit: Int64
}

/// An entry of `pail events --json`.
struct PendingEvent: Decodable, Sendable {
    let id: Int64
    let state: String
    let bus: String
    let detailType: String
    let key: String?
    let event: Envelope

    enum CodingKeys: String, CodingKey {
        case id, state, bus, key, event
        case detailType = "detail_type"
    }
}

/// An EventBridge envelope (the fields the tests look at).
struct Envelope: Decodable, Sendable {
    let version: String
    let id: String
    let detailType: String
    let source: String
    let time: String
    let resources: [String]
    let detail: Detail

    struct Detail: Decodable, Sendable {
        let object: StoreObject?
        let reason: String?
        let key: String?
    }

    struct StoreObject: Decodable, Sendable {
        let key: String
        let size: Int64?
        let etag: String?
        let sequencer: String?
    }

    enum CodingKeys: String, CodingKey {
        case version, id, source, time, resources, detail
        case detailType = "detail-type"
    }
}

/// `pail rm --json` / `pail mv --json`: `path` for rm, `source` and `destination` for mv.
struct AcceptedCommand: Decodable, Sendable {
    let accepted: Bool
    let eventId: String
    let applied: Bool
    let path: String?
    let source: String?
    let destination: String?

    enum CodingKeys: String, CodingKey {
        case accepted, applied, path, source, destination
        case eventId = "event_id"
    }
}

/// `pail cp --json`: the accepted `CopyFile` command, what goes where, and whether `cp` saw it applied.
struct AcceptedCopy: Decodable, Sendable {
    let accepted: Bool
    let eventId: String
    let source: String
    let destination: String
    let files: Int
    let bytes: Int64
    let applied: Bool

    enum CodingKeys: String, CodingKey {
        case accepted, source, destination, files, bytes, applied
        case eventId = "event_id"
    }
}

/// An entry of `pail upload --json`.
struct UploadedFile: Decodable, Sendable {
    let path: String
    let size: Int64
    let etag: String
}

/// `pail presign … --json`.
struct PresignedURL: Decodable, Sendable {
    let url: String
    let method: String
    let path: String
    let expires: Date
}

/// An entry of `pail users list --json`.
struct UserEntry: Decodable, Sendable {
    let name: String
    let quotaLimit: Int64

    enum CodingKeys: String, CodingKey {
        case name
        case quotaLimit = "quota_limit"
    }
}

/// `pail check --json`.
struct CheckReport: Decodable, Sendable {
    let consistent: Bool
    let differences: [String]
}

/// `pail credentials`.
struct PailCredentials: Codable, Sendable {
    let accessKeyId: String
    let secretAccessKey: String
    let region: String
    let endpoint: String
    let bucket: String

    enum CodingKeys: String, CodingKey {
        case accessKeyId = "access_key_id"
        case secretAccessKey = "secret_access_key"
        case region, endpoint, bucket
    }
}

/// An error as `--json` prints it on stderr: `{"error":{"code":…,"message":…}}`.
struct JSONError: Decodable, Sendable {
    struct Body: Decodable, Sendable {
        let code: String
        let message: String
    }

    let error: Body
}

/// An entry of `pail versions PATH --json`: `{version_id,size,etag,modified,current,delete_marker}`.
struct ListedVersion: Decodable, Equatable, Sendable {
    let versionId: String
    let size: Int64
    let etag: String
    let modified: Date
    let current: Bool
    let deleteMarker: Bool

    enum CodingKeys: String, CodingKey {
        case size, etag, modified, current
        case versionId = "version_id"
        case deleteMarker = "delete_marker"
    }
}

/// An entry of `pail trash --json`: `{path,version_id,size,deleted}`.
struct TrashedFile: Decodable, Equatable, Sendable {
    let path: String
    let versionId: String
    let size: Int64
    let deleted: Date

    enum CodingKeys: String, CodingKey {
        case path, size, deleted
        case versionId = "version_id"
    }
}
