import ArgumentParser
import PailCore

/// `--overwrite` / `--keep-both`: what a command does when its target name is taken (refuse by default).
struct ConflictOptions: ParsableArguments {
    @Flag(help: "Replace what is there (in the vault, the replaced file is kept as an old version).")
    var overwrite = false

    @Flag(name: .customLong("keep-both"), help: "Keep both: the newcomer takes the name 'name (2).ext'.")
    var keepBoth = false

    func validate() throws {
        guard !(overwrite && keepBoth) else { throw ValidationError("--overwrite and --keep-both exclude each other") }
    }

    var choice: ConflictChoice { overwrite ? .overwrite : keepBoth ? .keepBoth : .refuse }
}
