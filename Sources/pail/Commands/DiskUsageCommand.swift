import ArgumentParser
import PailCore

struct DiskUsageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "du",
        abstract: "Show what each sub-folder of a folder holds, and the folder's total (from the folder totals: nothing is scanned).",
        discussion: """
            PATH is a folder (docs or docs/); without it, the whole vault. Every file under a folder counts, however deep. \
            Sizes are in decimal units (--bytes: exact bytes). Eventually consistent, like `pail ls`.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A folder in your vault.") var path: String?
    @Flag(help: "Sizes in bytes instead of kB, MB, GB.") var bytes = false

    func run() throws {
        let engine = try global.openEngineForReading()
        let usage = try engine.api.folderUsage(user: global.userName, folder: try RemotePath.argument(path))
        if global.json { return Output.json(FolderUsageJSON(usage)) }
        func row(_ total: FolderTotal, _ label: String) -> [String] {
            [bytes ? String(total.bytes) : ByteSize.format(total.bytes), String(total.files), label]
        }
        var rows = usage.subfolders.map { row($0.total, $0.path) }
        let here = usage.filesHere
        if here.files > 0, !usage.subfolders.isEmpty { rows.append(row(here, "(files in no sub-folder)")) }
        rows.append(row(usage.total, usage.folder.isEmpty ? "(total)" : "\(usage.folder) (total)"))
        Output.table(["SIZE", "FILES", "PATH"], rows, rightAligned: [0, 1])
    }
}

/// `pail du --json`: the folder's total, and each sub-folder's.
struct FolderUsageJSON: Encodable {
    struct Folder: Encodable {
        let path: String
        let files: Int
        let bytes: Int64
    }

    let path: String
    let files: Int
    let bytes: Int64
    let folders: [Folder]

    init(_ usage: FolderUsage) {
        path = usage.folder
        files = usage.total.files
        bytes = usage.total.bytes
        folders = usage.subfolders.map { Folder(path: $0.path, files: $0.total.files, bytes: $0.total.bytes) }
    }
}
