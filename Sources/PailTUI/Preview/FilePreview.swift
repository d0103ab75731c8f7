/// What the preview pane shows for one entry: a few facts ("text, 1.2 kB", "PNG image, 640×480",
/// "binary, 1.2 MB") and a body. Made off the UI thread from the head of a file or a folder's listing;
/// every line in it is safe to draw (no control character, so no escape sequence, can reach the terminal).
struct FilePreview: Sendable, Equatable {
    enum Body: Sendable, Equatable {
        /// Lines of text, tabs expanded and control characters shown as symbols (`␛`).
        case text([String])
        /// The first bytes of a binary file, drawn as a hex dump as wide as the pane allows.
        case hex([UInt8])
        /// The first names a folder holds (folders ending in `/`).
        case names([String])
        case none
    }

    var facts: [String]
    var body: Body

    /// A preview that says why there is none (the file is gone, the read failed).
    static func unavailable(_ reason: String) -> FilePreview { FilePreview(facts: [reason], body: .none) }
}

/// What the preview pane asks the engine worker for: an entry as the tree shows it now. Two requests for
/// the same entry differ when it changed (another ETag, another item count), so the preview follows.
struct PreviewRequest: Sendable, Equatable {
    let path: String
    let isFolder: Bool
    /// The file's ETag or the folder's item count: what changes when the entry does.
    let version: String
    let size: Int64

    /// The request for a tree row; nil for a file still arriving (nothing to read yet).
    init?(row: TreeRow) {
        path = row.path
        switch row.kind {
        case .file(let entry):
            (isFolder, version, size) = (false, entry.etag, entry.size)
        case .folder(_, let items):
            (isFolder, version, size) = (true, items.map(String.init) ?? "", 0)
        case .arriving:
            return nil
        }
    }

    init(path: String, isFolder: Bool, version: String, size: Int64) {
        (self.path, self.isFolder, self.version, self.size) = (path, isFolder, version, size)
    }
}
