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
    /// The window a folder is read with unless the screen needs another: its first files, unfiltered.
    static let firstPage = FileWindow(start: 0, limit: page)

    /// Every row in order, open folders inline, folders before files, each group in byte order. The files of
    /// a folder read through a window (a big one) stay one part: only the window's rows are made.
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
        for name in folderNames.sorted(by: Self.byteOrder) {
            let path = folder + name + "/"
            let open = expanded.contains(path)
            let items = listings[path].map { $0.folders.count + $0.fileCount }
            parts.append(
                .row(
                    TreeRow(
                        path: path, name: name, depth: depth, kind: .folder(expanded: open, items: items), mark: marks.mark(of: path),
                        total: listing?.folderTotals[name])))
            if open { append(folder: path, depth: depth + 1, to: &parts) }
        }
        guard let listing else { return }
        // A window shows the files the inventory lists; one still arriving shows once listed (its mark
        // is on the listed row already if it replaces a file).
        guard listing.isWhole else { return parts.append(.files(FileRun(listing: listing, depth: depth, marks: marks))) }
        // Listings come in byte order already; only files still arriving need sorting in.
        let files = listing.files.map { TreeRow(file: $0, depth: depth, mark: marks.mark(of: $0.path)) }
        if arriving.isEmpty {
            parts += files.map(TreePart.row)
        } else {
            let rows =
                files
                + arriving.map {
                    TreeRow(
                        path: $0, name: $0.lastKeySegment ?? $0, depth: depth, kind: .arriving(size: marks.uploadSizes[$0]),
                        mark: .uploading)
                }
            parts += rows.sorted { Self.byteOrder($0.path, $1.path) }.map(TreePart.row)
        }
    }

    static func byteOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}
