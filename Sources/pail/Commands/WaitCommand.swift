import ArgumentParser
import Foundation
import PailCore

struct WaitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait",
        abstract: "Deliver every pending event now and return when idle (non-zero on timeout, or if events are dead-lettered).")

    @OptionGroup var global: GlobalOptions
    @Option(parsing: .unconditional, help: "Give up after this many seconds.") var timeout: Double = 300

    func run() throws {
        let engine = try global.openEngine()
        let started = Date()
        let deadBefore = try engine.deadLetterCount()
        let delivered = try engine.waitUntilIdle(timeout: timeout)
        let seconds = Date().timeIntervalSince(started)
        let dead = try engine.deadLetterCount()
        if dead > 0 {
            let now = dead > deadBefore ? " (\(dead - deadBefore) of them during this wait)" : ""
            throw PailError(
                .deadLettered,
                "\(Plural.count(dead, "event")) failed too often and \(dead == 1 ? "is" : "are") dead-lettered\(now), never applied: see why with `pail events`, send them again with `pail events --redrive`"
            )
        }
        if global.json { return Output.json(WaitResult(delivered: delivered, seconds: seconds)) }
        print("idle: \(Plural.count(delivered, "event")) delivered in \(String(format: "%.3f", seconds)) s")
    }
}

struct WaitResult: Encodable {
    let delivered: Int
    let seconds: Double
}
