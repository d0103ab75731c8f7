import ArgumentParser
import Foundation
import PailCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract:
            "Deliver pending events, then reconcile store, inventory, quotas, folder totals and blob files (non-zero if they disagree).",
        discussion: """
            With --deep, every blob is read again and its size and MD5 compared with the ETag of each file and old \
            version it holds: bit rot, a truncated or overwritten blob file, is reported by path.

            With --rebuild, a root whose database is lost or damaged (CorruptRoot) is recovered: the database is set \
            aside as pail.sqlite.damaged-TIME, a new one is started, and every blob comes back as a file of yours at \
            recovered/<blob id>, with its size and ETag measured again. The names and folders of the files cannot \
            be recovered: blobs are stored by id, and only the lost database knew their names.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(parsing: .unconditional, help: "Seconds to wait for pending events first.") var timeout: Double = 300
    @Flag(help: "Also read every blob again and compare its bytes with the ETags (takes as long as reading the vault).")
    var deep = false
    @Flag(help: "Recover a root whose database is lost or damaged: its files come back as recovered/<blob id>, without their names.")
    var rebuild = false

    func run() throws {
        let engine = rebuild ? try rebuildRoot() : try global.openEngine()
        try engine.waitUntilIdle(timeout: timeout)
        let check = ConsistencyCheck(engine: engine)
        var differences = try check.run()
        if deep { differences += try verifyBlobs(check) }
        if global.json {
            Output.json(CheckResult(consistent: differences.isEmpty, differences: differences))
        } else if differences.isEmpty {
            print("consistent: store, inventory, quotas, folder totals and blob files agree")
        } else {
            for difference in differences { print(difference) }
        }
        if !differences.isEmpty {
            throw PailError(
                .inconsistent,
                "\(Plural.count(differences.count, "difference")) between the store, the inventory, the quotas, the folder totals and the blob files"
            )
        }
    }

    /// Rebuilds the root and says what it did (on stderr with --json: standard output carries the check).
    private func rebuildRoot() throws -> Engine {
        let (engine, report) = try Engine.rebuild(
            root: global.rootPath, user: global.userName, options: try global.engineOptions(deliverInBackground: false))
        let say = global.json ? Output.note : { Swift.print($0) }
        say(report.setAside.map { "set the damaged database aside as \($0)" } ?? "the database was missing")
        let bytes = report.recovered.reduce(Int64(0)) { $0 + $1.size }
        say(
            "recovered \(Plural.count(report.recovered.count, "file")), \(ByteSize.format(bytes)), as \(global.userName)/\(Engine.recoveredFolder)<blob id> (their names and folders cannot be recovered)"
        )
        return engine
    }

    /// Reads every blob again, with a progress bar, and says how fast on stderr.
    private func verifyBlobs(_ check: ConsistencyCheck) throws -> [String] {
        let bar = ProgressBar(quiet: global.json)
        let started = Date()
        let verification = try check.verifyBlobs(progress: bar.update)
        bar.finish()
        let seconds = max(Date().timeIntervalSince(started), 0.001)
        if !global.json {
            let rate = String(format: "%.1f MB/s", Double(verification.bytes) / 1e6 / seconds)
            Output.note(
                "read \(Plural.count(verification.blobs, "blob")), \(ByteSize.format(verification.bytes)), in \(String(format: "%.2f", seconds)) s: \(rate)"
            )
        }
        return verification.differences
    }
}

struct CheckResult: Encodable {
    let consistent: Bool
    let differences: [String]
}
