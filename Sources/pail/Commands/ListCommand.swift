import ArgumentParser
import PailCore

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List your files from the inventory (List flow: eventually consistent).",
        discussion: "PREFIX is a folder (docs or docs/) or a file; without it, everything is listed.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A folder or file in your vault.") var prefix: String?

    func run() throws {
        let engine = try global.openEngine()
        let entries = try engine.api.list(user: global.userName, prefix: try RemotePath.argument(prefix))
        if global.json { return Output.json(entries) }
        guard !entries.isEmpty else { return Output.note("no files") }
        Output.table(
            ["SIZE", "MODIFIED", "ETAG", "PATH"],
            entries.map { [ByteSize.format($0.size), Output.date($0.modified), $0.etag, $0.path] },
            rightAligned: [0])
    }
}
