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
        #expect(message.hasPrefix("1 event failed too often and is dead-lettered (1 of them during this wait)"), "\(message)")
        #expect(message.contains("`pail events --redrive`"), "\(message)")
        #expect(try pail.events().map(\.state) == ["dead"])

        // A later wait, without chaos, still reports the dead letter it found.
        let again = try pail.failure("DeadLettered", ["wait", "--timeout", "60"])
        #expect(again.hasPrefix("1 event failed too often and is dead-lettered, never applied"), "\(again)")
        #expect(try pail.ls().isEmpty)

        try pail.success("events", "--redrive")
        try pail.wait()
        #expect(try pail.ls().map(\.path) == ["a.txt"])
        try pail.check()
    }

    @Test("copies under PAIL_CHAOS (deliveries duplicated, reordered and failing, steps failing) land once, as their sources")
    func copiesUnderChaos() throws {
        let pail = try PailRunner()
        for (name, size) in [("docs/a", 1_000), ("docs/sub/b", 2_000)] {
            try pail.success("upload", try pail.makeFile(name, size: size, seed: UInt64(size)), name)
        }
        let chaos = ["PAIL_CHAOS": "dup=0.5,reorder=0.5,fail=0.3,step=0.3,seed=3"]
        try pail.success(["cp", "-r", "docs", "backup/"], env: chaos)
        try pail.success(["cp", "docs/a", "single"], env: chaos)
        try pail.success(["cp", "docs/sub/b", "other"], env: chaos)
        try pail.run(["wait", "--timeout", "60"], env: chaos)  // may leave dead letters: redriven below
        try pail.success("events", "--redrive")
        try pail.wait()

        let listed = Dictionary(uniqueKeysWithValues: try pail.ls().map { ($0.path, $0) })
        #expect(listed.keys.sorted() == ["backup/docs/a", "backup/docs/sub/b", "docs/a", "docs/sub/b", "other", "single"])
        for (copy, source) in [
            ("backup/docs/a", "docs/a"), ("backup/docs/sub/b", "docs/sub/b"), ("single", "docs/a"), ("other", "docs/sub/b"),
        ] {
            #expect(listed[copy]?.etag == listed[source]?.etag && listed[copy]?.size == listed[source]?.size, "\(copy)")
        }
        #expect(try pail.quota().used == 9_000)
        #expect(try pail.json([ListedVersion].self, ["versions", "single"]).count == 1, "copied once")
        let usage = try pail.json(FolderUsageReport.self, ["du"])
        #expect(usage.files == 6 && usage.bytes == 9_000, "\(usage)")
        #expect(usage.folders == [.init(path: "backup/", files: 2, bytes: 3_000), .init(path: "docs/", files: 2, bytes: 3_000)])
        try pail.check()
    }

    @Test("folder sizes stay exact under PAIL_CHAOS through uploads, overwrites, moves, copies and deletes")
    func folderSizesUnderChaos() throws {
        let pail = try PailRunner()
        let chaos = ["PAIL_CHAOS": "dup=0.5,reorder=0.5,fail=0.2,step=0.1,seed=5"]
        /// Delivers under chaos, then redrives what was dead-lettered and delivers it calmly, so the next step
        /// finds this one applied.
        func settle() throws {
            try pail.run(["wait", "--timeout", "60"], env: chaos)
            try pail.success("events", "--redrive")
            try pail.wait()
        }
        for (name, size) in [("a/x", 100), ("a/b/y", 200), ("a/b/c/z", 400), ("d/w", 800)] {
            try pail.success(["upload", try pail.makeFile(name, size: size, seed: UInt64(size)), name], env: chaos)
        }
        try settle()
        try pail.success(["upload", "--overwrite", try pail.makeFile("small", size: 50), "a/b/y"], env: chaos)
        try pail.success(["mv", "a/b", "d/"], env: chaos)
        try settle()
        try pail.success(["cp", "-r", "d/b/c", "e/"], env: chaos)
        try pail.success(["rm", "a/x"], env: chaos)
        try settle()

        #expect(try pail.ls().map(\.path).sorted() == ["d/b/c/z", "d/b/y", "d/w", "e/c/z"])
        let top = try pail.json(FolderUsageReport.self, ["du"])
        #expect(top.files == 4 && top.bytes == 1_650, "\(top)")
        #expect(top.folders == [.init(path: "d/", files: 3, bytes: 1_250), .init(path: "e/", files: 1, bytes: 400)], "a/ emptied: gone")
        let d = try pail.json(FolderUsageReport.self, ["du", "d"])
        #expect(d.folders == [.init(path: "d/b/", files: 2, bytes: 450)])
        try pail.failure("NoSuchKey", ["du", "a"])
        try pail.check()
    }
}
