import Foundation
import PailCore

/// One row of the tree on screen.
struct TreeRow: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A folder; `items` is how many entries it holds once loaded.
        case folder(expanded: Bool, items: Int?)
        /// A file the inventory lists.
        case file(FileEntry)
        /// A file whose upload the inventory has not seen yet, with the size its event gives.
        case arriving(size: Int64?)
    }

    /// The path in the vault: `docs/` for a folder, `docs/a.txt` for a file.
    let path: String
    let name: String
    let depth: Int
    let kind: Kind
    let mark: PendingMark?
    /// A folder's total, everything under it counted, as the folder totals had it when its parent was listed
    /// (nil for files, and for folders the inventory does not hold yet).
    let total: FolderTotal?

    var isFolder: Bool { if case .folder = kind { return true } else { return false } }

    init(path: String, name: String, depth: Int, kind: Kind, mark: PendingMark?, total: FolderTotal? = nil) {
        self.path = path
        self.name = name
        self.depth = depth
        self.kind = kind
        self.mark = mark
        self.total = total
    }

    /// The row of a listed file.
    init(file: FileEntry, depth: Int, mark: PendingMark?) {
        self.init(path: file.path, name: file.path.lastKeySegment ?? file.path, depth: depth, kind: .file(file), mark: mark)
    }

    /// The folder this row belongs to (`docs/` for `docs/a.txt`, "" at the top).
    var parent: String { path.parentFolder }
}

extension String {
    /// The folder a vault path is in: `docs/` for `docs/a.txt`, `docs/sub`, or `docs/sub/`; "" at the top.
    var parentFolder: String {
        let segments = keySegments.filter { !$0.isEmpty }
        return segments.dropLast().map { $0 + "/" }.joined()
    }
}

/// The user's tree as far as it is loaded: folder listings from the inventory, which folders are open,
/// pending marks, and folders made in this session that hold no file yet. Flattens into rows.
struct TreeModel: Sendable, Equatable {
    /// Listings by folder path ("" for the top).
    var listings: [String: FolderListing] = [:]
    /// Open folders (paths ending in `/`).
    var expanded: Set<String> = []
    var marks = PendingMarks()
    /// Folders made with `n` that the inventory does not know yet (they exist once a file is put in them).
    var newFolders: Set<String> = []
    /// The order of each folder's entries (`S`).
    var sort = TreeSort()

    /// The folders whose listings the screen needs: the top and every open folder.
    var visibleFolders: [String] { [""] + expanded.sorted() }

    /// Forgets the folders made with `n` that the listings now show: they hold a file, they are real.
    mutating func forgetListedNewFolders() {
        newFolders = newFolders.filter { folder in
            !(listings[folder.parentFolder]?.folders.contains(folder.lastKeySegment ?? "") ?? false)
        }
    }

    /// How many files a window of a big folder reads: several screens, so scrolling seldom waits for one.
    static let page = 1000
    /// The window a folder is read with unless the screen needs another: its first files in `order`, unfiltered.
    static func firstPage(_ order: ListingOrder) -> FileWindow { FileWindow(start: 0, limit: page, order: order) }

    /// Every row in order, open folders inline, in the tree's `sort`. The files of a folder read through a
    /// window (a big one) stay one part, in the order the inventory lists them (the sort's `listingOrder`):
    /// only the window's rows are made, after the sub-folders.
    func rows() -> [TreePart] {
        var parts: [TreePart] = []
        append(folder: "", depth: 0, to: &parts)
        return parts
    }

    private func append(folder: String, depth: Int, to parts: inout [TreePart]) {
        let listing = listings[folder]
        var folderNames = Set(listing?.folders ?? [])
        var arriving: [String] = []
        let pending = (marks.uploads + newFolders).filter { $0.hasKeyPrefix(folder) && $0 != folder }
        if !pending.isEmpty {
            let fileNames = Set((listing?.files ?? []).map(\.path))
            for path in pending {
                let segments = (path.removingKeyPrefix(folder) ?? "").keySegments
                if segments.count > 1 {
                    if !segments[0].isEmpty { folderNames.insert(segments[0]) }
                } else if !fileNames.contains(path) {
                    arriving.append(path)
                }
            }
        }
        let folderRows = folderNames.map { name in
            let path = folder + name + "/"
            let items = listings[path].map { $0.folders.count + $0.fileCount }
            return TreeRow(
                path: path, name: name, depth: depth, kind: .folder(expanded: expanded.contains(path), items: items),
                mark: marks.mark(of: path), total: listing?.folderTotals[name])
        }
        guard let listing, listing.isWhole else {
            // A big folder's files come in the inventory's order, the tree's: its sub-folders go first, by name.
            let folderOrder = listing == nil ? sort : sort.byName
            for row in folderOrder.sorted(folderRows) { append(row, to: &parts) }
            // A window shows the files the inventory lists; one still arriving shows once listed (its mark
            // is on the listed row already if it replaces a file). One read in another order shows as
            // loading until it is read again in this one.
            if let listing {
                parts.append(.files(FileRun(listing: listing, depth: depth, marks: marks, inOrder: listing.order == sort.listingOrder)))
            }
            return
        }
        let files =
            listing.files.map { TreeRow(file: $0, depth: depth, mark: marks.mark(of: $0.path)) }
            + arriving.map {
                TreeRow(
                    path: $0, name: $0.lastKeySegment ?? $0, depth: depth, kind: .arriving(size: marks.uploadSizes[$0]), mark: .uploading)
            }
        let rows = sort.foldersFirst ? sort.sorted(folderRows) + sort.sorted(files) : sort.sorted(folderRows + files)
        for row in rows { append(row, to: &parts) }
    }

    /// A row, and the rows of the folder it opens.
    private func append(_ row: TreeRow, to parts: inout [TreePart]) {
        parts.append(.row(row))
        if case .folder(expanded: true, _) = row.kind { append(folder: row.path, depth: row.depth + 1, to: &parts) }
    }
}
