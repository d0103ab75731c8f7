import Foundation
import Testing

/// `PAIL_CHAOS` turns on fault injection in any `pail` process.
@Suite("Chaos from PAIL_CHAOS")
struct ChaosTests {
    @Test("failing workflow steps retry with their error shown; a calm wait then delivers; a bad PAIL_CHAOS says why")
    func failingStepsRetryAndAreDeliveredLater() throws {
        let pail = try PailRunner()
        let chaos = ["PAIL_CHAOS": "step=1,seed=1"]
        try pail.success(["upload", try pail.makeFile("a.txt", size: 1234), "a.txt"], env: chaos)

        // Every step fails: the event stays on its bus, retrying, and says why.
        let events = try pail.json([PendingEvent].self, ["events"], env: chaos)
        #expect(events.map(\.state) == ["retrying"], "\(events)")
        let table = try pail.success(["events"], env: chaos).stdout
        #expect(table.contains("chaos: step GetItem failed"), "\(table)")
        #expect(try pail.json([ListedFile].self, ["ls"], env: chaos).isEmpty)

        // Without chaos the next delivery succeeds.
        try pail.wait()
        #expect(try pail.ls().map(\.path) == ["a.txt"])
        #expect(try pail.quota().used == 1234)
        try pail.check()

        let message = try pail.failure("InvalidArgument", ["ls"], env: ["PAIL_CHAOS": "dup=2"])
        #expect(message.contains("PAIL_CHAOS") && message.contains("dup"), "\(message)")
    }
}
