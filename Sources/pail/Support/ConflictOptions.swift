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

/// `ConflictOptions` for transfers, which may also leave taken names alone: `--skip-existing`.
struct TransferConflictOptions: ParsableArguments {
    @OptionGroup var conflict: ConflictOptions

    @Flag(name: .customLong("skip-existing"), help: "Leave files whose names are taken, and transfer the rest.")
    var skipExisting = false

    func validate() throws {
        guard !(skipExisting && conflict.choice != .refuse) else {
            throw ValidationError("--skip-existing excludes --overwrite and --keep-both")
        }
    }

    var policy: ConflictPolicy { .always(skipExisting ? .skip : conflict.choice) }
}
