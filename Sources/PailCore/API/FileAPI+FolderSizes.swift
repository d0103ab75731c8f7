import Foundation

/// What a folder holds, everything under it counted, and what each of its sub-folders holds: `pail du`.
public struct FolderUsage: Sendable, Equatable {
    /// A sub-folder and its total.
    public struct Subfolder: Sendable, Equatable {
        /// Its path in the vault (`docs/bash/`).
        public let path: String
        public let total: FolderTotal
    }

    /// The folder's path (`docs/`), or "" for the top of the vault.
    public let folder: String
    public let total: FolderTotal
    /// The sub-folders directly in it, in byte order.
    public let subfolders: [Subfolder]

    /// The files directly in the folder, in none of its sub-folders: the total less theirs.
    public var filesHere: FolderTotal {
        subfolders.reduce(total) { FolderTotal(files: $0.files - $1.total.files, bytes: $0.bytes - $1.total.bytes) }
    }
}

extension FileAPI {
    /// The totals of `folder` (nil for the top of the vault) and of its sub-folders, read from the folder
    /// totals the workflows keep (eventually consistent, like a listing): nothing under the folder is read.
    /// `NoSuchKey` if the inventory holds nothing under it; `InvalidArgument` if it names a file.
    public func folderUsage(user: String, folder: RemotePath?) throws -> FolderUsage {
        try ensureUser(user)
        let folderPath = folder?.asFolder.value ?? ""
        let prefix = "\(user)/\(folderPath)"
        return try database.read { db in
            let total = try FolderTotals.total(db, pk: user, folder: prefix)
            if total == nil, let folder {
                if !folder.isFolder, try inventory.getItem(db, ItemKey(pk: user, sk: folder.key(for: user))) != nil {
                    throw PailError(.invalidArgument, "\(folder) is a file, not a folder (`pail ls \(folder)` shows its size)")
                }
                throw PailError(.noSuchKey, "No such folder: \(folderPath)")
            }
            let subfolders = try FolderTotals.subfolders(db, pk: user, of: prefix).map {
                FolderUsage.Subfolder(path: folderPath + $0.name + "/", total: $0.total)
            }
            return FolderUsage(folder: folderPath, total: total ?? .zero, subfolders: subfolders)
        }
    }
}
