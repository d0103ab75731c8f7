import ArgumentParser
import Foundation
import PailCore

struct WaitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait", abstract: "Deliver every pending event now and return when idle (non-zero on timeout).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Give up after this many seconds.") var timeout: Double = 300

    func run() throws {
        let engine = try global.openEngine()
        let started = Date()
        let delivered = try engine.waitUntilIdle(timeout: timeout)
        let seconds = Date().timeIntervalSince(started)
        if global.json { return Output.json(WaitResult(delivered: delivered, seconds: seconds)) }
        print("idle: \(delivered) event(s) delivered in \(String(format: "%.3f", seconds)) s")
    }
}

struct WaitResult: Encodable {
    let delivered: Int
    let seconds: Double
}
