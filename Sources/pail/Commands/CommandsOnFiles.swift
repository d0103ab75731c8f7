import ArgumentParser
import PailCore

struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Delete a file, or a folder with -r (Delete flow: answered at once, applied by a workflow).",
        discussion: "Where X is both a file and a folder, rm X deletes the file and rm -r X/ the folder.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The file or folder in your vault.") var remote: String
    @Flag(name: .shortAndLong, help: "Delete a folder and everything in it.") var recursive = false

    func run() throws {
        let engine = try global.openEngine()
        let path = try RemotePath(remote)
        let both = try engine.api.isFileAndFolder(user: global.userName, path: path)
        let id = try engine.api.delete(user: global.userName, path: path, recursive: recursive)
        if both { Output.noteFolderLeft(path, how: "`pail rm -r \(path.asFolder)` deletes it") }
        engine.deliverDueEvents()
        if global.json { return Output.json(AcceptedCommand(accepted: true, eventId: id)) }
        print(id)
    }
}

struct MoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mv",
        abstract: "Move or rename a file or a whole folder (Move flow: copy, then delete).",
        discussion: """
            A DST ending in / is a folder to move into (mv photos archive/ gives archive/photos/); otherwise DST is the new name. \
            An existing DST is never replaced unasked: --overwrite, --keep-both, and --merge for folders. \
            Where SRC is both a file and a folder, mv SRC moves the file and mv SRC/ the folder.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The file or folder to move.") var source: String
    @Argument(help: "Where it goes.") var destination: String
    @OptionGroup var conflict: ConflictOptions
    @Flag(help: "Move a folder's files into an existing folder (same-named files need --overwrite or --keep-both).")
    var merge = false

    func run() throws {
        let engine = try global.openEngine()
        let path = try RemotePath(source)
        let both = try engine.api.isFileAndFolder(user: global.userName, path: path)
        let id = try engine.api.move(
            user: global.userName, from: path, to: try RemotePath(destination), onConflict: conflict.choice, merge: merge
        ).eventId
        if both { Output.noteFolderLeft(path, how: "`pail mv \(path.asFolder) DST` moves it") }
        engine.deliverDueEvents()
        if global.json { return Output.json(AcceptedCommand(accepted: true, eventId: id)) }
        print(id)
    }
}

extension Output {
    /// After a command took the file `path` where a folder `path/` exists too: says on stderr that the
    /// folder was left as it is, and `how` to act on it.
    static func noteFolderLeft(_ path: RemotePath, how: String) {
        note("note: \(path.asFolder) is a folder too and was left as it is: \(how)")
    }
}

struct AcceptedCommand: Encodable {
    let accepted: Bool
    let eventId: String

    enum CodingKeys: String, CodingKey {
        case accepted
        case eventId = "event_id"
    }
}

struct QuotaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quota", abstract: "Show the bytes you use (from the inventory) and your limit.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let report = try global.openEngineForReading().api.quota(user: global.userName)
        if global.json { return Output.json(report) }
        let percent = report.limit > 0 ? Double(report.used + report.oldVersions) * 100 / Double(report.limit) : 100
        let old = report.oldVersions > 0 ? ", \(ByteSize.format(report.oldVersions)) of it in old versions" : ""
        print(
            "\(report.user): \(ByteSize.format(report.used + report.oldVersions)) of \(ByteSize.format(report.limit)) (\(String(format: "%.1f", percent))%\(old))"
        )
    }
}
