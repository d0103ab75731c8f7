import Foundation

/// One level of a folder as the inventory lists it: the names of its sub-folders, and its files or a window
/// of them (`FileWindow`).
///
/// ```swift
/// let top = try api.listFolder(user: "alice", folder: nil)
/// top.folders   // ["docs", "photos"]
/// top.files     // [FileEntry(path: "notes.txt", …)]
/// let big = try api.listFolder(user: "alice", folder: RemotePath("big"), window: FileWindow(start: 1000, limit: 50))
/// big.firstFileIndex, big.fileCount   // 1000, 1000000
/// ```
public struct FolderListing: Sendable, Equatable {
    /// The folder's path (`docs/`), or "" for the top of the vault.
    public let folder: String
    /// Names of the sub-folders, in `order`.
    public var folders: [String]
    /// What each sub-folder holds, everything under it counted (`FolderTotals`), by name.
    public var folderTotals: [String: FolderTotal]
    /// The files read, in `order`: all of them, or the window asked for.
    public let files: [FileEntry]
    /// The position of `files[0]` among the folder's (matching) files.
    public var firstFileIndex: Int
    /// How many files the folder holds directly (those matching `matching`).
    public var fileCount: Int
    /// The name filter the files were read with ("" for none).
    public var matching: String
    /// False if the listing was read without counting (`listFolder(…, count: false)`) and the folder goes on
    /// past the window: `fileCount` and `folders` are then what was seen up to the window's end.
    public var isCounted: Bool
    /// The order the folder was read in (positions count in it).
    public var order: ListingOrder

    /// A listing of every file of the folder.
    public init(folder: String, folders: [String], files: [FileEntry]) {
        self.init(folder: folder, folders: folders, files: files, firstFileIndex: 0, fileCount: files.count, matching: "")
    }

    public init(
        folder: String, folders: [String], files: [FileEntry], firstFileIndex: Int, fileCount: Int, matching: String,
        isCounted: Bool = true,
        folderTotals: [String: FolderTotal] = [:], order: ListingOrder = .bytes
    ) {
        self.folder = folder
        self.folders = folders
        self.folderTotals = folderTotals
        self.files = files
        self.firstFileIndex = firstFileIndex
        self.fileCount = fileCount
        self.matching = matching
        self.isCounted = isCounted
        self.order = order
    }

    /// True if `files` is every file of the folder, unfiltered.
    public var isWhole: Bool { isCounted && matching.isEmpty && firstFileIndex == 0 && files.count == fileCount }
}

extension FileAPI {
    /// Lists one level of `folder` (nil for the top) without reading what lies deeper: one pass over the
    /// folder's keys finds the sub-folders (one index seek past each) and counts the files, and only the
    /// files in `window` are decoded; the sub-folders' totals are read from `FolderTotals` (one seek each). Without `count`, a window with a start is read in time proportional to
    /// its end rather than to the folder: the pass stops there (see `FolderListing.isCounted`).
    public func listFolder(user: String, folder: RemotePath?, window: FileWindow = .all, count: Bool = true) throws -> FolderListing {
        try ensureUser(user)
        let folderPath = folder?.asFolder.value ?? ""
        return try database.read { db in
            let prefix = "\(user)/\(folderPath)"
            let level = try inventory.folderLevel(db, pk: user, prefix: prefix, window: window, count: count)
            let files = try level.windowKeys.compactMap {
                try inventory.getItem(db, ItemKey(pk: user, sk: $0), as: FileEntry.init(itemJSON:))
            }
            let totals = try FolderTotals.subfolders(db, pk: user, of: prefix)
            return FolderListing(
                folder: folderPath, folders: level.folders, files: files,
                firstFileIndex: level.windowStart, fileCount: level.fileCount, matching: window.matching, isCounted: level.counted,
                folderTotals: Dictionary(totals.map { ($0.name, $0.total) }, uniquingKeysWith: { first, _ in first }),
                order: window.order)
        }
    }
}
