import ArgumentParser
import PailCore

struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cp",
        abstract: "Copy a file, or a folder with -r, inside your vault (Copy flow: server-side copies, applied by a workflow).",
        discussion: """
            A DST ending in / is a folder to copy into (cp -r photos archive/ gives archive/photos/); otherwise DST is the new name. \
            A copy shares the stored bytes (nothing is uploaded again) but counts in your quota: a copy that does not fit is \
            refused before anything is copied. An existing DST is never replaced unasked: --overwrite (the replaced file is kept \
            as an old version), --keep-both, and --merge for folders; cp --keep-both X X makes a copy beside X. \
            Where SRC is both a file and a folder, cp SRC copies the file and cp -r SRC/ the folder.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The file or folder to copy.") var source: String
    @Argument(help: "Where the copy goes.") var destination: String
    @Flag(name: .shortAndLong, help: "Copy a folder and everything in it.") var recursive = false
    @OptionGroup var conflict: ConflictOptions
    @Flag(help: "Copy a folder's files into an existing folder (same-named files need --overwrite or --keep-both).")
    var merge = false
    @Flag(name: .shortAndLong, help: "Print nothing on success.") var quiet = false

    func run() throws {
        let engine = try global.openEngine()
        let path = try RemotePath(source)
        let both = try engine.api.isFileAndFolder(user: global.userName, path: path)
        let copy = try engine.api.copy(
            user: global.userName, from: path, to: try RemotePath(destination), recursive: recursive, onConflict: conflict.choice,
            merge: merge)
        engine.deliverDueEvents()
        let pending = try engine.api.pendingCommand(eventId: copy.eventId)
        if global.json {
            return Output.json(
                AcceptedCommand(
                    eventId: copy.eventId, applied: pending == nil, source: copy.source.value, destination: copy.destination.value,
                    files: copy.files, bytes: copy.bytes))
        }
        guard !quiet else { return }
        if both { Output.noteFolderLeft(path, how: "`pail cp -r \(path.asFolder) DST` copies it") }
        let what =
            copy.source.isFolder
            ? "\(Plural.count(copy.files, "file")) (\(ByteSize.format(copy.bytes))) from \(copy.source) to \(copy.destination)"
            : "\(copy.source) → \(copy.destination)"
        Output.commandOutcome(done: "copied \(what)", doing: "copying \(what)", pending: pending)
    }
}
