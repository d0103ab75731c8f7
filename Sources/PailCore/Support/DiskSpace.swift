import Foundation
import GRDB

/// Whether the file system holding the root has run out of space: then SQLite's "disk I/O error" (it could
/// not grow its `-shm` index or its WAL) means a full disk, and is reported as `InsufficientStorage`.
enum DiskSpace {
    /// Less free than this is a full disk to SQLite: it needs 32 KiB for its shared-memory index alone.
    static let nearlyFull: UInt64 = 256 << 10

    /// `InsufficientStorage` for an SQLite failure on the database at `databasePath` when it says the disk
    /// is full, or says disk I/O error while its file system has (almost) no space left; nil otherwise.
    static func fullDiskError(_ error: DatabaseError, databasePath: String) -> PailError? {
        let full = error.resultCode == .SQLITE_FULL || (error.resultCode == .SQLITE_IOERR && hasNoSpace(near: databasePath))
        guard full else { return nil }
        return PailError(
            .insufficientStorage,
            "The disk holding \(LocalPath.parent(of: databasePath)) is full: the database cannot work (\(error.message ?? "disk full")); free some space on it"
        )
    }

    private static func hasNoSpace(near path: String) -> Bool {
        var status = statvfs()
        guard statvfs(LocalPath.parent(of: path), &status) == 0 else { return false }
        return UInt64(status.f_bavail) * UInt64(status.f_frsize) < nearlyFull
    }
}
