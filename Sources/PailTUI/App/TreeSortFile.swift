import Foundation
import PailCore

/// Where the tree's order is remembered: `tree-sort.json` in the data root, one `TreeSort` a vault (user),
/// so every UI on the root opens each vault in the order last chosen there.
///
/// ```json
/// {"alice":{"key":"size","reversed":true,"foldersFirst":true}}
/// ```
enum TreeSortFile {
    static func path(root: String) -> String { root + "/tree-sort.json" }

    /// The orders chosen so far, by user; a missing file is none, an unreadable one is reported.
    static func load(root: String) throws -> [String: TreeSort] {
        let path = path(root: root)
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        do {
            return try JSONDecoder().decode([String: TreeSort].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw PailError(
                .invalidArgument, "Cannot read the tree's order from \(path) (the tree is sorted by name): \(error.localizedDescription)")
        }
    }

    /// Remembers `sort` for `user`, keeping the other users' orders; the file is replaced atomically.
    static func save(_ sort: TreeSort, user: String, root: String) throws {
        var sorts = (try? load(root: root)) ?? [:]
        sorts[user] = sort
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            try encoder.encode(sorts).write(to: URL(fileURLWithPath: path(root: root)), options: .atomic)
        } catch {
            throw PailError(.storageError, "Cannot remember the tree's order in \(path(root: root)): \(error.localizedDescription)")
        }
    }
}
