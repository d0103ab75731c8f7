import Foundation
import Testing

/// `pail mv` and `pail rm` say what they did, as `pail cp` does: not just an event id.
@Suite("What mv and rm print")
struct MoveAndRemoveOutputTests {
    @Test("mv and rm say what they moved or deleted, or that it is not applied yet; -q prints nothing; --json adds fields")
    func moveAndRemoveOutput() throws {
        let pail = try PailRunner()
        for name in ["a.txt", "c.txt", "e.txt", "docs/x", "docs/y"] {
            try pail.success("upload", try pail.makeFile(name, size: 10, seed: 1), name)
        }
        #expect(try pail.success("mv", "a.txt", "b.txt").stdout == "moved a.txt → b.txt\n")
        #expect(try pail.success("mv", "docs", "archive/").stdout == "moved docs/ → archive/docs/\n")
        #expect(try pail.success("rm", "b.txt").stdout == "deleted b.txt\n")
        #expect(try pail.success("rm", "-r", "archive").stdout == "deleted archive/ and everything in it\n")
        let quiet = try pail.success("mv", "-q", "c.txt", "d.txt")
        #expect(quiet.stdout.isEmpty && quiet.stderr.isEmpty, "\(quiet)")
        let quietRemoval = try pail.success("rm", "-q", "d.txt")
        #expect(quietRemoval.stdout.isEmpty && quietRemoval.stderr.isEmpty, "\(quietRemoval)")

        let delayed = ["PAIL_DELAY_MS": "60000"]
        let held = try pail.success(["mv", "e.txt", "f.txt"], env: delayed).stdout
        #expect(held.hasPrefix("moving e.txt → f.txt: accepted, not applied yet (held on the bus"), "\(held)")
        try pail.wait()
        let heldRemoval = try pail.success(["rm", "f.txt"], env: delayed).stdout
        #expect(heldRemoval.hasPrefix("deleting f.txt: accepted, not applied yet (held on the bus"), "\(heldRemoval)")
        try pail.wait()
        #expect(try pail.ls().isEmpty)

        try pail.success("upload", try pail.makeFile("g.txt", size: 10, seed: 1), "g.txt")
        let moved = try pail.json(AcceptedCommand.self, ["mv", "g.txt", "h.txt"])
        #expect(moved.accepted && moved.applied && moved.source == "g.txt" && moved.destination == "h.txt" && moved.path == nil)
        let removed = try pail.json(AcceptedCommand.self, ["rm", "h.txt"])
        #expect(removed.accepted && removed.applied && removed.path == "h.txt" && removed.source == nil)
        #expect(UUID(uuidString: removed.eventId) != nil)
    }
}
