import Foundation

/// One level of a folder as the inventory lists it: its files and the names of its sub-folders.
///
/// ```swift
/// let top = try api.listFolder(user: "alice", folder: nil)
/// top.folders   // ["docs", "photos"]
/// top.files     // [FileEntry(path: "notes.txt", …)]
/// ```
public struct FolderListing: Sendable, Equatable {
    /// The folder's path (`docs/`), or "" for the top of the vault.
    public let folder: String
    /// Names of the sub-folders, in byte order.
    public var folders: [String]
    /// The files directly in the folder, in path order.
    public var files: [FileEntry]

    public init(folder: String, folders: [String], files: [FileEntry]) {
        self.folder = folder
        self.folders = folders
        self.files = files
    }
}

extension FileAPI {
    /// Lists one level of `folder` (nil for the top) without reading what lies deeper: files are read in
    /// one pass, and each sub-folder costs one index seek past all of its contents (nothing in it is decoded).
    public func listFolder(user: String, folder: RemotePath?) throws -> FolderListing {
        try ensureUser(user)
        let folderPath = folder?.asFolder.value ?? ""
        let prefix = "\(user)/\(folderPath)"
        return try database.pailRead { db in
            var listing = FolderListing(folder: folderPath, folders: [], files: [])
            var from: Data? = Data(prefix.utf8)
            while let start = from {
                from = nil
                try inventory.scan(db, pk: user, skBeginsWith: prefix, from: start) { sk, item in
                    let rest = sk.removingKeyPrefix(prefix) ?? ""
                    guard let slash = rest.utf8.firstIndex(of: UInt8(ascii: "/")) else {
                        if let entry = FileEntry(item: try item()) { listing.files.append(entry) }
                        return true
                    }
                    // A sub-folder: note its name, and start again past everything in it.
                    let name = String(decoding: rest.utf8[..<slash], as: UTF8.self)
                    listing.folders.append(name)
                    from = PrefixRange.upperBound(of: prefix + name + "/")
                    return false
                }
            }
            return listing
        }
    }
}
