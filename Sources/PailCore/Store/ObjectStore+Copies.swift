extension ObjectStore {
    /// Refuses (`QuotaExceeded`) copies of `sources` to their targets that would take `user` over their
    /// limit, all of them together: they store their sources' sizes on top of `reserved` bytes (copies
    /// accepted but not applied yet), and the objects they replace free their bytes only if the user keeps
    /// no old versions. Checked before a folder is copied, so that it is copied whole or not at all;
    /// `what` names the copy in the refusal (`docs/`).
    func checkRoom(
        _ db: any SQL, user: String, copying copies: [(source: ObjectMetadata, target: String)], reserved: Int64 = 0, what: String
    ) throws {
        let replaced = try copies.compactMap { try head(db, key: $0.target) }
        let size = copies.reduce(Int64(0)) { $0 + $1.source.size }
        let files = copies.count == 1 ? "" : "\(copies.count) files, "
        try checkQuota(
            db, user: user, storing: size, replacing: replaced, reserved: reserved,
            what: "Copying \(what) (\(files)\(ByteSize.format(size)))")
    }
}
