/// What a SigV4 client needs to sign requests and URLs that Pail accepts (`pail credentials` prints it as JSON).
///
/// ```swift
/// let credentials = Credentials(accessKeyId: "PAILKEY", secretAccessKey: secret,
///                               region: "us-east-1", endpoint: "http://localhost:9480", bucket: "pail")
/// let url = try Presigner(credentials: credentials).presign(method: .get, key: "alice/a.txt", expires: 3600, now: .now)
/// ```
public struct Credentials: Sendable, Codable, Equatable {
    public var accessKeyId: String
    public var secretAccessKey: String
    public var region: String
    /// The store's base URL, e.g. `http://localhost:9480` (what an SDK takes as its endpoint URL).
    public var endpoint: String
    public var bucket: String

    public init(accessKeyId: String, secretAccessKey: String, region: String, endpoint: String, bucket: String) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.region = region
        self.endpoint = endpoint
        self.bucket = bucket
    }

    /// The key pair alone; the root's key has no user.
    var accessKey: AccessKey { AccessKey(accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, user: nil) }

    enum CodingKeys: String, CodingKey {
        case accessKeyId = "access_key_id"
        case secretAccessKey = "secret_access_key"
        case region, endpoint, bucket
    }
}
