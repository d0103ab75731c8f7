import Foundation

extension Engine {
    /// What a SigV4 client needs to act as `user` (`pail credentials`): their own key pair, scoped to
    /// `user/`, and the endpoint URLs currently name.
    public func credentials(user: String) throws -> Credentials {
        let (key, endpoint) = try api.signing(user: user)
        return Credentials(
            accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, region: credentials.region,
            endpoint: endpoint, bucket: credentials.bucket)
    }

    /// The root's own key pair, which may act on every user's files (`pail credentials --admin`).
    public func adminCredentials() throws -> Credentials {
        var admin = credentials
        admin.endpoint = try database.read(store.presigner.currentEndpoint)
        return admin
    }

    /// Gives `user` a new key pair; what was signed with the old one stops working.
    public func rotateKey(user: String) throws -> Credentials {
        _ = try database.write { try users.rotateKey($0, user) }
        return try credentials(user: user)
    }

    /// Records where `pail serve` answers, so the URLs every process prints from now on name it.
    public func recordEndpoint(_ endpoint: Endpoint) throws {
        try database.write { try ServedEndpoint.set($0, endpoint) }
    }
}
