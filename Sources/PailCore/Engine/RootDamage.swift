import Foundation

/// A data root that has lost its database: `pail.sqlite` missing or empty while blobs are stored, or not
/// a database at all. Opening it would show an empty vault (and the next write would start a new one over
/// the old files), so every command refuses it with `CorruptRoot` until `pail check --rebuild`.
enum RootDamage {
    static let hint =
        "`pail check --rebuild` sets it aside and recovers every file from its blob as recovered/<blob id> "
        + "(names and folders cannot be recovered: blobs are stored by id)"

    /// Refuses a root whose database is missing or empty while its blob store holds files.
    static func refuseLostDatabase(_ databasePath: String, blobs: any BlobStore) throws {
        var status = stat()
        let missing = stat(databasePath, &status) != 0 && errno == ENOENT
        guard missing || status.st_size == 0, try !blobs.list().isEmpty else { return }
        throw PailError(
            .corruptRoot, "The database \(databasePath) is \(missing ? "missing" : "empty") but the root holds files: \(hint)")
    }

    /// The error for a database SQLite cannot read.
    static func unreadable(_ databasePath: String, _ reason: String) -> PailError {
        PailError(.corruptRoot, "The database \(databasePath) cannot be read (\(reason)): \(hint)")
    }
}
