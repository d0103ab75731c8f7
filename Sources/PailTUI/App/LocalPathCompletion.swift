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
        guard !names.isEmpty else { return Result(text: text, candidates: []) }
        var common = names[0]
        for name in names.dropFirst() {
            common = String(zip(common, name).prefix { $0 == $1 }.map(\.0))
        }
        var completed = String(text.dropLast(namePart.count)) + common
        if names.count == 1 {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + names[0], isDirectory: &isDirectory), isDirectory.boolValue {
                completed += "/"
            }
        }
        return Result(text: completed, candidates: names.count > 1 ? names : [])
    }
}
