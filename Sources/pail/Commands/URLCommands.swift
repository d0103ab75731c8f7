import ArgumentParser
import PailCore

struct PutURLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "put-url", abstract: "Upload a local file with a presigned PUT URL, as any client would.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The presigned URL.") var url: String
    @Argument(help: "The local file.") var local: String
    @Flag(name: .shortAndLong, help: "No progress bar.") var quiet = false

    func run() throws {
        let engine = try global.openEngine()
        let bar = ProgressBar(quiet: quiet || global.json)
        let object = try TransferClient(engine: engine).putURL(url, local: local, progress: bar.update)
        bar.finish()
        engine.deliverDueEvents()
        if global.json { return Output.json(UploadResult(path: object.key, size: object.size, etag: object.etag)) }
        print("stored \(object.key)  \(ByteSize.format(object.size))  \(object.etag)")
    }
}

struct GetURLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get-url", abstract: "Download with a presigned GET URL (or share link) into a local file.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The presigned URL.") var url: String
    @Argument(help: "The local file, a folder (an existing one, or a path ending in /), or - for standard output.")
    var local: String
    @OptionGroup var conflict: TransferConflictOptions
    @Flag(name: .shortAndLong, help: "No progress bar.") var quiet = false

    func run() throws {
        let engine = try global.openEngine()
        let bar = ProgressBar(quiet: quiet || global.json)
        let file = try TransferClient(engine: engine).getURL(url, local: local, onConflict: conflict.policy, progress: bar.update)
        bar.finish()
        guard let file else { return Output.note("skipped: \(local) exists (--skip-existing)") }
        Output.downloads([DownloadResult(file, path: file.object.key)], json: global.json, verb: "downloaded")
    }
}

struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch", abstract: "Download a file of your vault (Fetch flow: the inventory must list it), or a whole folder.",
        discussion: "A folder's tree lands in LOCAL/<folder name>/.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The file or folder in your vault.") var remote: String
    @Argument(
        help: "The local file, a folder (an existing one, or a path ending in /), or - for standard output (default: the current folder).")
    var local = "."
    @OptionGroup var conflict: TransferConflictOptions
    @Flag(name: .shortAndLong, help: "No progress bar.") var quiet = false

    func run() throws {
        let engine = try global.openEngine()
        let bar = ProgressBar(quiet: quiet || global.json)
        let user = global.userName
        let files = try TransferClient(engine: engine).fetch(
            user: user, remote: try RemotePath(remote), local: local, onConflict: conflict.policy, progress: bar.update)
        bar.finish()
        let results = files.map { DownloadResult($0, path: RemotePath.path(ofKey: $0.object.key, user: user) ?? $0.object.key) }
        Output.downloads(results, json: global.json, verb: "fetched")
    }
}

struct ShareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "share", abstract: "Print a share link: a presigned GET URL for someone without an account.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The file in your vault.") var remote: String
    @Option(parsing: .unconditional, help: "How long the link works: seconds, or 30m, 12h, 7d (at most 7 days).") var expires = "24h"

    func run() throws {
        let engine = try global.openEngine()
        let link = try engine.api.share(user: global.userName, path: try RemotePath(remote), expires: try Duration.seconds(expires))
        if global.json { return Output.json(link) }
        print(link.url)
        Output.note("valid until \(Output.date(link.expires))")
    }
}

/// A download as `fetch` and `get-url` report it: what was downloaded and where it went (`-`: standard output).
struct DownloadResult: Encodable {
    let path: String
    let size: Int64
    let etag: String
    let local: String

    init(_ file: DownloadedFile, path: String) {
        self.path = path
        size = file.object.size
        etag = file.object.etag
        local = file.local
    }
}

extension Output {
    /// Reports downloads; when the bytes went to standard output, the report goes to stderr (or nowhere).
    static func downloads(_ results: [DownloadResult], json: Bool, verb: String) {
        if results.contains(where: { $0.local == "-" }) {
            if !json { for result in results { note("\(verb) \(result.path)  \(ByteSize.format(result.size))  \(result.etag)") } }
            return
        }
        if json { return Output.json(results) }
        for result in results { print("\(verb) \(result.path)  \(ByteSize.format(result.size))  \(result.etag)  → \(result.local)") }
    }
}
