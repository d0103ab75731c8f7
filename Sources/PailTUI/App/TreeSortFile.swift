import Foundation
import PailCore

/// Where the tree's order is remembered: `tree-sort.json` in the data root, one `TreeSort` a vault (user),
/// so every UI on the root opens each vault in the order last chosen there. It is changed under a lock and
/// replaced atomically (`SettingsFile`): two UIs saving at once both keep their order, a crash never tears it.
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
        return try decode(FileManager.default.contents(atPath: path), path: path)
    }

    /// Remembers `sort` for `user`, keeping the other users' orders (a damaged file is replaced by this one order).
    static func save(_ sort: TreeSort, user: String, root: String) throws {
        let path = path(root: root)
        do {
            try SettingsFile(path: path).update { data in
                var sorts = (try? decode(data, path: path)) ?? [:]
                sorts[user] = sort
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                return try encoder.encode(sorts)
            }
        } catch {
            let error = PailError.wrapping(error)
            throw PailError(error.code, "Cannot remember the tree's order in \(path): \(error.message)")
        }
    }

    private static func decode(_ data: Data?, path: String) throws -> [String: TreeSort] {
        guard let data else { throw PailError(.invalidArgument, "Cannot read the tree's order from \(path) (the tree is sorted by name)") }
        guard !data.isEmpty else { return [:] }
        do {
            return try JSONDecoder().decode([String: TreeSort].self, from: data)
        } catch {
            throw PailError(
                .invalidArgument,
                "\(path) is damaged, the tree is sorted by name (S then a key writes it anew): \(error.localizedDescription)")
        }
    }
}
