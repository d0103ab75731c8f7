import Foundation
import Testing

/// A process stopped (Ctrl-Z, SIGSTOP) while it holds the vault's write lock does not stall everyone else
/// for half a minute: they fail at once with `RootBusy`, naming it; resumed, it finishes its work.
@Suite("A stopped writer")
struct RootBusyTests {
    @Test("a pail wait stopped while it delivers: a writer fails within seconds with RootBusy naming it; resumed, all completes")
    func stoppedWaitIsNamed() throws {
        let pail = try PailRunner()
        for index in 0..<2000 { try pail.makeFile("many/f\(index).txt", size: 10 + index % 7, seed: UInt64(index + 1)) }
        try pail.makeFile("probe.txt", size: 5)
        var caught: PailResult?
        var probes = 0
        for round in 0..<5 where caught == nil {
            // Events held for a day: only `pail wait` delivers them, batch after batch, each in a transaction.
            try pail.success(["upload", "-q", "many", "round-\(round)/"], env: ["PAIL_DELAY_MS": "86400000"])
            let waiter = try pail.start(["wait", "--timeout", "120"])
            Thread.sleep(forTimeInterval: 0.3)
            // Stop it again and again until it is caught inside a transaction: a writer that gets through
            // found it between two.
            while caught == nil, waiter.isRunning {
                waiter.kill(SIGSTOP)
                let started = Date()
                let probe = try pail.run(["upload", "probe.txt", "probe-\(probes).txt"])
                probes += 1
                if !probe.succeeded {
                    caught = probe
                    #expect(Date().timeIntervalSince(started) < 5, "RootBusy took \(Date().timeIntervalSince(started)) s")
                    #expect(
                        probe.stderr.hasSuffix(
                            "error: RootBusy: process \(waiter.processIdentifier) (pail wait --timeout 120) holds the vault and is stopped: resume it (fg) or end it\n"
                        ),
                        "\(probe)")
                    // A reader is not held up.
                    #expect(try pail.run(["ls", "--json"]).succeeded)
                }
                waiter.kill(SIGCONT)
                Thread.sleep(forTimeInterval: 0.02)
            }
            let waited = try waiter.waitForExit(timeout: PailRunner.timeout)
            #expect(waited.succeeded, "\(waited)")
        }
        try #require(caught != nil, "pail wait was never caught inside a transaction in \(probes) tries")
        try pail.wait()
        let listed = try pail.ls()
        #expect(listed.filter { $0.path.hasPrefix("probe-") }.count == probes - 1)
        #expect(listed.count == probes - 1 + 2000 * listed.filter { $0.path.hasSuffix("/f0.txt") }.count)
        try pail.check()
    }
}
