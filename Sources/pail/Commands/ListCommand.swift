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
        let engine = try global.openEngineForReading()
        var listing = FileListing(json: global.json)
        defer { listing.flush() }
        try engine.api.forEachFile(user: global.userName, prefix: try RemotePath.argument(prefix)) { listing.print($0) }
        listing.finish()
    }
}
