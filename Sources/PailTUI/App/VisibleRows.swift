import PailCore

/// A piece of the flattened tree: one row, or the files of a folder read through a window.
enum TreePart: Sendable {
    case row(TreeRow)
    case files(FileRun)
}

/// The files of a big folder: `listing.fileCount` rows, of which only the window's are at hand (none while
/// the listing is in another order than the tree's: `inOrder` false).
struct FileRun: Sendable {
    let listing: FolderListing
    let depth: Int
    let marks: PendingMarks
    var inOrder = true

    var count: Int { listing.fileCount }

    /// The row at `position` among the folder's files, or nil if it is outside the window.
    func row(at position: Int) -> TreeRow? {
        let index = position - listing.firstFileIndex
        guard inOrder, listing.files.indices.contains(index) else { return nil }
        let file = listing.files[index]
        return TreeRow(file: file, depth: depth, mark: marks.mark(of: file.path))
    }

    /// The position of the file at `path` if the window holds it.
    func position(of path: String) -> Int? {
        guard inOrder, path.parentFolder == listing.folder else { return nil }
        let files = listing.files
        guard listing.order.isByName else {
            // By size, time or extension a name does not tell the place: the window is looked through.
            return files.firstIndex { $0.path == path }.map { listing.firstFileIndex + $0 }
        }
        var (low, high) = (0, files.count)
        while low < high {
            let middle = (low + high) / 2
            if listing.order.precedes(files[middle].path, path) { low = middle + 1 } else { high = middle }
        }
        return low < files.count && files[low].path == path ? listing.firstFileIndex + low : nil
    }
}

/// The rows the user sees: all of them, or those matching the filter (with the folders that lead to them).
/// Rows are addressed by index; a big folder's rows outside its window are counted but not at hand (nil).
struct VisibleRows: Sendable {
    private let parts: [TreePart]
    /// Where each part starts.
    private let starts: [Int]
    /// How many rows there are.
    let count: Int
    /// How many rows match the filter (nil without a filter).
    let matches: Int?

    /// The rows of `all` that `filter` keeps. A big folder is filtered by the inventory: its part is kept
    /// once read with this filter, and left out while a listing read with another one is all there is.
    init(all: [TreePart], filter: String) {
        var kept: [TreePart]
        if filter.isEmpty {
            kept = all.filter { if case .files(let run) = $0 { return run.listing.matching.isEmpty } else { return true } }
            matches = nil
        } else {
            var keptFolders = Set<String>()
            var matching = Set<Int>()
            var matchCount = 0
            for (index, part) in all.enumerated() {
                let folder: String
                switch part {
                case .row(let row):
                    guard NameFilter.matches(row.name, filter) else { continue }
                    matchCount += 1
                    folder = row.parent
                case .files(let run):
                    guard run.listing.matching == filter, run.count > 0 else { continue }
                    matchCount += run.count
                    folder = run.listing.folder
                }
                matching.insert(index)
                var ancestor = ""
                for segment in folder.keySegments where !segment.isEmpty {
                    ancestor += segment + "/"
                    keptFolders.insert(ancestor)
                }
            }
            kept = all.enumerated().compactMap { index, part in
                if matching.contains(index) { return part }
                if case .row(let row) = part, row.isFolder, keptFolders.contains(row.path) { return part }
                return nil
            }
            matches = matchCount
        }
        parts = kept
        var starts: [Int] = []
        var total = 0
        for part in kept {
            starts.append(total)
            if case .files(let run) = part { total += run.count } else { total += 1 }
        }
        self.starts = starts
        count = total
    }

    var isEmpty: Bool { count == 0 }

    /// The row at `index`, or nil if it is past the end or in a big folder's part not read yet.
    subscript(index: Int) -> TreeRow? {
        guard let (part, offset) = locate(index) else { return nil }
        switch parts[part] {
        case .row(let row): return row
        case .files(let run): return run.row(at: offset)
        }
    }

    /// The index of the row of `path`, if it is at hand.
    func index(of path: String) -> Int? {
        for (part, start) in zip(parts, starts) {
            switch part {
            case .row(let row): if row.path == path { return start }
            case .files(let run): if let position = run.position(of: path) { return start + position }
            }
        }
        return nil
    }

    /// The big folders' parts, with the index of their first row.
    var fileRuns: [(start: Int, run: FileRun)] {
        zip(starts, parts).compactMap { start, part in
            if case .files(let run) = part { return (start, run) } else { return nil }
        }
    }

    /// The part holding `index` and the offset in it.
    private func locate(_ index: Int) -> (part: Int, offset: Int)? {
        guard index >= 0, index < count else { return nil }
        var (low, high) = (0, starts.count - 1)
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return (low, index - starts[low])
    }
}
