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

    var isFolder: Bool { if case .folder = kind { return true } else { return false } }

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

    /// Every row, open folders inline, folders before files, each group in byte order.
    func rows() -> [TreeRow] {
        var rows: [TreeRow] = []
        append(folder: "", depth: 0, to: &rows)
        return rows
    }

    private func append(folder: String, depth: Int, to rows: inout [TreeRow]) {
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
            let items = listings[path].map { $0.folders.count + $0.files.count }
            rows.append(
                TreeRow(path: path, name: name, depth: depth, kind: .folder(expanded: open, items: items), mark: marks.mark(of: path)))
            if open { append(folder: path, depth: depth + 1, to: &rows) }
        }
        // Listings come in byte order already; only files still arriving need sorting in.
        let files = (listing?.files ?? []).map {
            TreeRow(path: $0.path, name: $0.path.lastKeySegment ?? $0.path, depth: depth, kind: .file($0), mark: marks.mark(of: $0.path))
        }
        if arriving.isEmpty {
            rows += files
        } else {
            rows +=
                (files
                + arriving.map {
                    TreeRow(
                        path: $0, name: $0.lastKeySegment ?? $0, depth: depth, kind: .arriving(size: marks.uploadSizes[$0]),
                        mark: .uploading)
                })
                .sorted { Self.byteOrder($0.path, $1.path) }
        }
    }

    private static func byteOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}

/// The rows the user sees: all of them, or those matching the filter (with the folders that lead to them).
struct VisibleRows: Sendable {
    let rows: [TreeRow]
    /// How many rows match the filter (nil without a filter).
    let matches: Int?

    init(all: [TreeRow], filter: String) {
        guard !filter.isEmpty else {
            rows = all
            matches = nil
            return
        }
        var keptFolders = Set<String>()
        var matching = Set<Int>()
        for (index, row) in all.enumerated() where row.name.localizedCaseInsensitiveContains(filter) {
            matching.insert(index)
            var ancestor = ""
            for segment in row.parent.keySegments where !segment.isEmpty {
                ancestor += segment + "/"
                keptFolders.insert(ancestor)
            }
        }
        rows = all.enumerated().compactMap { index, row in
            matching.contains(index) || (row.isFolder && keptFolders.contains(row.path)) ? row : nil
        }
        matches = matching.count
    }
}
