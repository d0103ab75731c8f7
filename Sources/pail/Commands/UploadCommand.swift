import ArgumentParser
import PailCore

struct UploadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Upload a file, or a folder's whole tree (Put flow: presign, then stream to the store).",
        discussion: "REMOTE defaults to the local name; a REMOTE ending in / receives the local name.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The local file or folder.") var local: String
    @Argument(help: "Where it goes in your vault.") var remote: String?
    @OptionGroup var conflict: TransferConflictOptions
    @Flag(
        name: .shortAndLong,
        help: "Print nothing on success: no progress bar, no summary, no notes (links and special files left out are still named).")
    var quiet = false
    @Flag(name: .shortAndLong, help: "List each file uploaded, then the summary.") var verbose = false

    func validate() throws {
        if quiet && verbose { throw PailError(.invalidArgument, "Choose one of --quiet and --verbose") }
    }

    func run() throws {
        let engine = try global.openEngine()
        let bar = ProgressBar(quiet: quiet || global.json)
        let report = try TransferClient(engine: engine).upload(
            user: global.userName, local: local, remote: try RemotePath.argument(remote), onConflict: conflict.policy, progress: bar.update)
        bar.finish()
        engine.deliverDueEvents()
        let user = global.userName
        let results = report.stored.map {
            UploadResult(path: RemotePath.path(ofKey: $0.key, user: user) ?? $0.key, size: $0.size, etag: $0.etag)
        }
        // A left-out entry is a warning, said even with -q (as rsync does).
        for entry in report.skipped { Output.note("skipped \(entry)") }
        if global.json { return Output.json(results) }
        guard !quiet else { return }
        for path in report.leftExisting { Output.note("left \(path) as it was: it exists (--skip-existing)") }
        if report.stored.isEmpty && report.leftExisting.isEmpty { return Output.note("nothing to upload: \(local) has no files") }
        if verbose || results.count == 1 {
            for result in results { print(result.line) }
        }
        if results.count != 1 {
            let bytes = results.reduce(Int64(0)) { $0 + $1.size }
            print("uploaded \(Plural.count(results.count, "file")), \(ByteSize.format(bytes))")
        }
    }
}

struct UploadResult: Encodable {
    let path: String
    let size: Int64
    let etag: String

    /// How `-v` (and an upload of one file) names it.
    var line: String { "uploaded \(path)  \(ByteSize.format(size))  \(etag)" }
}
