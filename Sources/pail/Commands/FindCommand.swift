import ArgumentParser
import PailCore

struct FindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: "Find your files whose paths match a pattern, in path order as the inventory yields them.",
        discussion: """
            PATTERN is looked for anywhere in each file's path, ignoring case (with --fuzzy: its characters in \
            order, anything between them). PREFIX is a folder to search in; without it, the whole vault. \
            Prints one path a line (--json: the files as `pail ls --json` does); nothing, and exit 0, when \
            nothing matches.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The text to look for in paths.") var pattern: String
    @Argument(help: "A folder of your vault to search in.") var prefix: String?
    @Flag(help: "Match the pattern's characters in order with anything between them, as fzf does.") var fuzzy = false
    @Option(parsing: .unconditional, help: "Print at most this many files.") var limit: Int?

    func run() throws {
        if let limit, limit < 1 { throw PailError(.invalidArgument, "The limit must be 1 or more files, not \(limit)") }
        let pattern = try SearchPattern(pattern, fuzzy: fuzzy)
        let folder = try RemotePath.argument(prefix)
        let engine = try global.openEngineForReading()
        var listing = FileListing(json: global.json, pathsOnly: true)
        defer { listing.flush() }
        try engine.api.forEachMatchingFile(user: global.userName, pattern: pattern, under: folder) { entry in
            listing.print(entry)
            return listing.count < limit ?? .max
        }
        listing.finish()
    }
}
