import ArgumentParser
import Foundation
import PailCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Deliver pending events, then reconcile store, inventory, quotas and blob files (non-zero if they disagree).",
        discussion: """
            With --deep, every blob is read again and its size and MD5 compared with the ETag of each file and old \
            version it holds: bit rot, a truncated or overwritten blob file, is reported by path.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(parsing: .unconditional, help: "Seconds to wait for pending events first.") var timeout: Double = 300
    @Flag(help: "Also read every blob again and compare its bytes with the ETags (takes as long as reading the vault).")
    var deep = false

    func run() throws {
        let engine = try global.openEngine()
        try engine.waitUntilIdle(timeout: timeout)
        let check = ConsistencyCheck(engine: engine)
        var differences = try check.run()
        if deep { differences += try verifyBlobs(check) }
        if global.json {
            Output.json(CheckResult(consistent: differences.isEmpty, differences: differences))
        } else if differences.isEmpty {
            print("consistent: store, inventory, quotas and blob files agree")
        } else {
            for difference in differences { print(difference) }
        }
        if !differences.isEmpty {
            throw PailError(.inconsistent, "\(differences.count) difference(s) between the store, the inventory, the quotas and the blob files")
        }
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
            Output.note("read \(verification.blobs) blob(s), \(ByteSize.format(verification.bytes)), in \(String(format: "%.2f", seconds)) s: \(rate)")
        }
        return verification.differences
    }
}

struct CheckResult: Encodable {
    let consistent: Bool
    let differences: [String]
}

struct CredentialsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credentials",
        abstract: "Print what a SigV4 client needs to sign URLs Pail accepts (keep it secret).")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        Output.json(try global.openEngine().credentials)
    }
}
