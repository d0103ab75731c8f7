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

    @Test("wait exits DeadLettered when events it delivered, or events already there, are dead-lettered; redriven, they are applied")
    func waitReportsDeadLetters() throws {
        let pail = try PailRunner()
        let chaos = ["PAIL_CHAOS": "fail=1,seed=1"]
        try pail.success(["upload", try pail.makeFile("a.txt", size: 1234), "a.txt"], env: chaos)

        // Every delivery fails: after its last attempt the event is dead-lettered, and wait says so.
        let message = try pail.failure("DeadLettered", ["wait", "--timeout", "60"], env: chaos)
        #expect(message.hasPrefix("1 event(s) failed too often and are dead-lettered (1 of them during this wait)"), "\(message)")
        #expect(message.contains("`pail events --redrive`"), "\(message)")
        #expect(try pail.events().map(\.state) == ["dead"])

        // A later wait, without chaos, still reports the dead letter it found.
        let again = try pail.failure("DeadLettered", ["wait", "--timeout", "60"])
        #expect(again.hasPrefix("1 event(s) failed too often and are dead-lettered, never applied"), "\(again)")
        #expect(try pail.ls().isEmpty)

        try pail.success("events", "--redrive")
        try pail.wait()
        #expect(try pail.ls().map(\.path) == ["a.txt"])
        try pail.check()
    }
}
