import Foundation
import PailCore

/// Tab completion of local paths, as a shell does it: the longest common continuation of the names
/// that start with what was typed, and the candidates when there is more than one.
enum LocalPathCompletion {
    struct Result: Equatable {
        /// The completed text.
        let text: String
        /// The names that still match (shown under the field when there are several).
        let candidates: [String]
    }

    /// Completes `text` (absolute, `~/…`, or relative to `directory`); `~` alone completes to `~/`.
    static func complete(_ typed: String, in directory: String, home: String) -> Result {
        let text = typed == "~" ? "~/" : typed
        let expanded = HomeFolder.expand(text, home: home)
        let slash = expanded.lastIndex(of: "/")
        let folderPart = slash.map { String(expanded[...$0]) } ?? ""
        let namePart = slash.map { String(expanded[expanded.index(after: $0)...]) } ?? expanded
        let folder = folderPart.hasPrefix("/") ? folderPart : directory + "/" + folderPart
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix(namePart) && (namePart.hasPrefix(".") || !$0.hasPrefix(".")) }
            .sorted()
        return completing(text, namePart: namePart, with: names) { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder + name, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    /// `text`, whose last segment is `namePart`, completed with `names` (those that start with it, sorted):
    /// their longest common beginning, and a `/` after the only one left if `isFolder` says it is a folder.
    static func completing(_ text: String, namePart: String, with names: [String], isFolder: (String) -> Bool) -> Result {
        guard !names.isEmpty else { return Result(text: text, candidates: []) }
        var common = names[0]
        for name in names.dropFirst() {
            common = String(zip(common, name).prefix { $0 == $1 }.map(\.0))
        }
        var completed = String(text.dropLast(namePart.count)) + common
        if names.count == 1, isFolder(names[0]) { completed += "/" }
        return Result(text: completed, candidates: names.count > 1 ? names : [])
    }
}
