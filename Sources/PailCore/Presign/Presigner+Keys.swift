extension Presigner {
    /// The endpoint URLs name now: where `pail serve` last said it answers, else the credentials'.
    func currentEndpoint(_ db: any SQL) throws -> String {
        try ServedEndpoint.get(db) ?? credentials.endpoint
    }

    /// The key pair of an access key id: the root's, or a user's; nil if no such key exists (any more).
    func accessKey(_ db: any SQL, id: String) throws -> AccessKey? {
        id == credentials.accessKeyId ? credentials.accessKey : try AccessKeyTable.key(db, id: id)
    }
}
