import ArgumentParser
import Foundation
import PailCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Deliver pending events, then reconcile store, inventory, quotas and blob files (non-zero if they disagree).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Seconds to wait for pending events first.") var timeout: Double = 300

    func run() throws {
        let engine = try global.openEngine()
        try engine.waitUntilIdle(timeout: timeout)
        let differences = try ConsistencyCheck(engine: engine).run()
        if global.json {
            Output.json(CheckResult(consistent: differences.isEmpty, differences: differences))
        } else if differences.isEmpty {
            print("consistent: store, inventory, quotas and blob files agree")
        } else {
            for difference in differences { print(difference) }
        }
        if !differences.isEmpty {
            throw PailError(.inconsistent, "\(differences.count) difference(s) between store and inventory")
        }
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
