import PailCore

/// The entries chosen for a bulk operation (`space`, `v`, `*`), kept by path so they survive reloads.
///
/// A big folder (read through a window) chosen whole is kept as one entry, "every file of that folder",
/// which the engine job expands: choosing 100,000 files reads none of them on the UI thread.
///
/// ```swift
/// var chosen = Selection()
/// chosen.toggle(row)                       // a.txt in, and out again on the next toggle
/// chosen.chooseFiles(of: "big/", count: 100_000, matching: "")
/// chosen.contains("big/f-00042")           // true
/// ```
struct Selection: Sendable, Equatable {
    /// Every file directly in a folder, those matching `matching` (the filter when it was chosen).
    struct WholeFolder: Sendable, Equatable {
        let fileCount: Int
        let matching: String
    }

    /// Files chosen one by one, with their size as listed.
    private(set) var files: [String: Int64] = [:]
    /// Folders chosen (ending in `/`): each with everything it holds.
    private(set) var folders: Set<String> = []
    /// The chosen folders' totals (everything under them) as their rows showed them; none for a folder the
    /// inventory does not hold yet (made in this session: it holds no file).
    private(set) var folderTotals: [String: FolderTotal] = [:]
    /// Folders whose files are chosen whole, by folder path.
    private(set) var wholeFolders: [String: WholeFolder] = [:]
    /// Files of a whole folder taken out again.
    private(set) var excluded: Set<String> = []

    var isEmpty: Bool { files.isEmpty && folders.isEmpty && wholeFolders.isEmpty }

    /// How many entries are chosen.
    var count: Int { files.count + folders.count + wholeFolders.values.reduce(0) { $0 + $1.fileCount } - excluded.count }

    func contains(_ path: String) -> Bool {
        guard !isEmpty else { return false }
        if path.endsWithSlash { return folders.contains(path) }
        return files[path] != nil || (isCoveredWhole(path) && !excluded.contains(path))
    }

    /// Whether the file at `path` is one of a whole folder's.
    private func isCoveredWhole(_ path: String) -> Bool {
        guard !wholeFolders.isEmpty, let whole = wholeFolders[path.parentFolder] else { return false }
        return NameFilter.matches(path.lastKeySegment ?? "", whole.matching)
    }

    /// Chooses the row, or takes it out if it is chosen.
    mutating func toggle(_ row: TreeRow) {
        if contains(row.path) { remove(row.path) } else { insert(row) }
    }

    mutating func insert(_ row: TreeRow) {
        if row.isFolder {
            folders.insert(row.path)
            folderTotals[row.path] = row.total
        } else if isCoveredWhole(row.path) {
            excluded.remove(row.path)
        } else {
            files[row.path] = row.fileSize ?? 0
        }
    }

    mutating func remove(_ path: String) {
        if path.endsWithSlash {
            folders.remove(path)
            folderTotals[path] = nil
        } else if files.removeValue(forKey: path) == nil, isCoveredWhole(path) {
            excluded.insert(path)
        }
    }

    /// Chooses every file directly in `folder` (those matching `matching`) as one entry.
    mutating func chooseFiles(of folder: String, count: Int, matching: String) {
        files = files.filter { $0.key.parentFolder != folder || !NameFilter.matches($0.key.lastKeySegment ?? "", matching) }
        excluded = excluded.filter { $0.parentFolder != folder }
        wholeFolders[folder] = WholeFolder(fileCount: count, matching: matching)
    }

    mutating func clear() { self = Selection() }

    /// "3 selected, 12.4 MB": the count, and the size of the files and folders (by their totals) the tree
    /// showed, what a chosen folder holds counted once; files of a big folder not read yet are named apart
    /// (their size is counted when an operation runs).
    var summary: String {
        let inChosenFolder = { (path: String) in folders.contains { $0 != path && path.hasKeyPrefix($0) } }
        let known =
            files.filter { !inChosenFolder($0.key) }.values.reduce(Int64(0), +)
            + folders.filter { !inChosenFolder($0) }.reduce(Int64(0)) { $0 + (folderTotals[$1]?.bytes ?? 0) }
        let unread = wholeFolders.values.reduce(0) { $0 + $1.fileCount } - excluded.count
        var text = "\(count) selected, \(ByteSize.format(known))"
        if unread > 0 { text += " + \(Plural.count(unread, "file")) of big folders" }
        return text
    }

    /// Drops what the listings show is gone; keeps what they cannot tell (a folder not loaded, a file
    /// outside a big folder's window). A chosen file still listed takes its size from the listing.
    mutating func dropMissing(in tree: TreeModel) {
        for folder in folders {
            guard let listing = tree.listings[folder.parentFolder], listing.isCounted else { continue }
            if !listing.folders.contains(folder.lastKeySegment ?? ""), !tree.newFolders.contains(folder) {
                remove(folder)
            } else if let total = listing.folderTotals[folder.lastKeySegment ?? ""] {
                folderTotals[folder] = total
            }
        }
        for path in files.keys {
            guard let listing = tree.listings[path.parentFolder] else { continue }
            if let position = FileRun(listing: listing, depth: 0, marks: PendingMarks()).position(of: path) {
                files[path] = listing.files[position - listing.firstFileIndex].size
            } else if listing.isWhole || Self.windowCovers(listing, path) {
                files[path] = nil
            }
        }
        for (folder, whole) in wholeFolders {
            if let listing = tree.listings[folder], listing.isCounted, listing.matching == whole.matching, listing.fileCount == 0 {
                wholeFolders[folder] = nil
            }
        }
    }

    /// Whether a big folder's unfiltered window spans `path`'s place, so its absence there means it is gone.
    private static func windowCovers(_ listing: FolderListing, _ path: String) -> Bool {
        guard listing.matching.isEmpty, listing.order.isByName, let first = listing.files.first?.path, let last = listing.files.last?.path
        else { return false }
        return !listing.order.precedes(path, first) && !listing.order.precedes(last, path)
    }

    /// The chosen paths as the engine finds them (folders end in `/`), in byte order: big folders read in
    /// full, and what a chosen folder holds left out (it goes with the folder). Runs off the UI thread.
    func paths(api: FileAPI, user: String) throws -> [String] {
        var paths = Set(files.keys).union(folders)
        for (folder, whole) in wholeFolders {
            let listing = try api.listFolder(
                user: user, folder: folder.isEmpty ? nil : try RemotePath(folder),
                window: FileWindow(start: 0, limit: .max, matching: whole.matching))
            for file in listing.files where !excluded.contains(file.path) { paths.insert(file.path) }
        }
        let folders = paths.filter(\.endsWithSlash)
        return paths.filter { path in !folders.contains { $0 != path && path.hasKeyPrefix($0) } }.sorted(by: ListingOrder.bytes.precedes)
    }
}

extension TreeRow {
    /// The size the row shows for a file; nil for a folder or a file whose size is not known yet.
    var fileSize: Int64? {
        switch kind {
        case .file(let entry): return entry.size
        case .arriving(let size): return size
        case .folder: return nil
        }
    }
}
