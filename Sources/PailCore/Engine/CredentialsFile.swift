import Foundation

/// The root's own key pair (the administrator's), its region and bucket, created once with mode 0600 and
/// read by every process. Its `endpoint` is where URLs point until `pail serve` records another.
enum CredentialsFile {
    static let name = "credentials.json"

    static func loadOrCreate(root: String) throws -> Credentials {
        let path = "\(root)/\(name)"
        if let existing = try load(path) { return existing }
        let key = AccessKey.generate(user: nil)
        let fresh = Credentials(
            accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, region: "us-east-1",
            endpoint: Endpoint.defaultURL, bucket: "pail")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(fresh)
        // Written under a private name, then linked into place: two processes creating a root at once
        // agree on one secret, and the file is never readable by others, not even for a moment.
        let temporary = "\(path).\(UUID().uuidString)"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LocalFile.error(errno, path: temporary, doing: "create", owner: .store) }
        defer { unlink(temporary) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == data.count, synced else { throw LocalFile.error(errno, path: temporary, doing: "write", owner: .store) }
        if link(temporary, path) != 0 && errno != EEXIST { throw LocalFile.error(errno, path: path, doing: "create", owner: .store) }
        try FileIO.syncDirectory(root, owner: .store)
        guard let credentials = try load(path) else {
            throw PailError(.storageError, "Cannot read \(path) after creating it")
        }
        return credentials
    }

    private static func load(_ path: String) throws -> Credentials? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            var credentials = try JSONDecoder().decode(Credentials.self, from: data)
            credentials.endpoint = try Endpoint(credentials.endpoint).description
            return credentials
        } catch {
            throw PailError(.storageError, "\(path) is damaged: \(error.localizedDescription)")
        }
    }
}
