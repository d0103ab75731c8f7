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
    @Flag(name: .shortAndLong, help: "No progress bar.") var quiet = false

    func run() throws {
        let engine = try global.openEngine()
        let bar = ProgressBar(quiet: quiet || global.json)
        let report = try TransferClient(engine: engine).upload(
            user: global.userName, local: local, remote: try RemotePath.argument(remote), onConflict: conflict.policy, progress: bar.update)
        bar.finish()
        engine.deliverDueEvents()
        for path in report.skipped { Output.note("skipped \(path): not a regular file (links and special files are not uploaded)") }
        for path in report.leftExisting { Output.note("left \(path) as it was: it exists (--skip-existing)") }
        if report.stored.isEmpty && report.leftExisting.isEmpty && !global.json { Output.note("nothing to upload: \(local) has no files") }
        let user = global.userName
        let results = report.stored.map {
            UploadResult(path: RemotePath.path(ofKey: $0.key, user: user) ?? $0.key, size: $0.size, etag: $0.etag)
        }
        if global.json { return Output.json(results) }
        for result in results { print("uploaded \(result.path)  \(ByteSize.format(result.size))  \(result.etag)") }
    }
}

struct UploadResult: Encodable {
    let path: String
    let size: Int64
    let etag: String
}
