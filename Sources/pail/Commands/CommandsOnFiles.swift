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
    @Flag(name: .shortAndLong, help: "Print nothing on success.") var quiet = false

    func run() throws {
        let engine = try global.openEngine()
        let path = try RemotePath(remote)
        let both = try engine.api.isFileAndFolder(user: global.userName, path: path)
        let deletion = try engine.api.delete(user: global.userName, path: path, recursive: recursive)
        if both && !quiet { Output.noteFolderLeft(path, how: "`pail rm -r \(path.asFolder)` deletes it") }
        engine.deliverDueEvents()
        let pending = try engine.api.pendingCommand(eventId: deletion.eventId)
        if global.json {
            return Output.json(AcceptedCommand(eventId: deletion.eventId, applied: pending == nil, path: deletion.path.value))
        }
        guard !quiet else { return }
        let what = deletion.path.isFolder ? "\(deletion.path) and everything in it" : "\(deletion.path)"
        Output.commandOutcome(done: "deleted \(what)", doing: "deleting \(what)", pending: pending)
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
    @Flag(name: .shortAndLong, help: "Print nothing on success.") var quiet = false

    func run() throws {
        let engine = try global.openEngine()
        let path = try RemotePath(source)
        let both = try engine.api.isFileAndFolder(user: global.userName, path: path)
        let move = try engine.api.move(
            user: global.userName, from: path, to: try RemotePath(destination), onConflict: conflict.choice, merge: merge)
        if both && !quiet { Output.noteFolderLeft(path, how: "`pail mv \(path.asFolder) DST` moves it") }
        engine.deliverDueEvents()
        let pending = try engine.api.pendingCommand(eventId: move.eventId)
        if global.json {
            return Output.json(
                AcceptedCommand(
                    eventId: move.eventId, applied: pending == nil, source: move.source.value, destination: move.destination.value))
        }
        guard !quiet else { return }
        let what = "\(move.source) → \(move.destination)"
        Output.commandOutcome(done: "moved \(what)", doing: "moving \(what)", pending: pending)
    }
}

extension Output {
    /// After a command took the file `path` where a folder `path/` exists too: says on stderr that the
    /// folder was left as it is, and `how` to act on it.
    static func noteFolderLeft(_ path: RemotePath, how: String) {
        note("note: \(path.asFolder) is a folder too and was left as it is: \(how)")
    }

    /// What `rm`, `mv` or `cp` did: `done` once its command was applied (`moved a.txt → b.txt`), or `doing`
    /// (`moving a.txt → b.txt`) accepted but not applied yet, with why (held for the delay, or retrying).
    static func commandOutcome(done: String, doing: String, pending: Delivery?) {
        guard let pending else { return print(done) }
        let state = pending.lastError.map { "retrying after: \($0)" } ?? "held on the bus for the consistency delay"
        print("\(doing): accepted, not applied yet (\(state); `pail wait` applies it)")
    }
}

/// `pail rm --json`, `pail mv --json` and `pail cp --json`: the accepted command, what it acts on (`path` for
/// rm, `source` and `destination` for mv and cp, with the `files` and `bytes` cp copies), and whether it was
/// applied before the command ended. Fields a command has no value for are left out.
struct AcceptedCommand: Encodable {
    let accepted = true
    let eventId: String
    let applied: Bool
    var path: String? = nil
    var source: String? = nil
    var destination: String? = nil
    var files: Int? = nil
    var bytes: Int64? = nil

    enum CodingKeys: String, CodingKey {
        case accepted, applied, path, source, destination, files, bytes
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
