import Foundation
import Testing

/// `pail cp`: copies inside the vault, through the `CopyFile` command and workflow, as a user runs them.
@Suite("Copy inside the vault")
struct CopyTests {
    /// The consistency delay for commands whose effect must stay pending until `pail wait`.
    let delayed = ["PAIL_DELAY_MS": "60000"]

    @Test("cp is accepted at once; after wait the copy is listed like its source, fetches byte for byte, and outlives it")
    func copyAFile() throws {
        let pail = try PailRunner()
        let file = try pail.makeFile("report.pdf", size: 150_000, seed: 7)
        try pail.success("upload", file, "docs/report.pdf")
        let source = try #require(try pail.ls().first)

        let copy = try pail.json(AcceptedCopy.self, ["cp", "docs/report.pdf", "backup/"], env: delayed)
        #expect(copy.accepted && !copy.applied && UUID(uuidString: copy.eventId) != nil)
        #expect(copy.source == "docs/report.pdf" && copy.destination == "backup/report.pdf")
        #expect(copy.files == 1 && copy.bytes == 150_000)
        let command = try pail.events().filter { $0.event.id == copy.eventId }
        #expect(command.map(\.detailType) == ["CopyFile"] && command.map(\.bus) == ["pail"])
        #expect(try pail.ls().map(\.path) == ["docs/report.pdf"], "a list right after the copy was accepted misses it")

        try pail.wait()
        let listed = try pail.ls()
        #expect(listed.map(\.path) == ["backup/report.pdf", "docs/report.pdf"])
        #expect(listed.first?.size == source.size && listed.first?.etag == source.etag)
        #expect(try pail.quota().used == 300_000)
        let fetched = pail.local("copy.pdf")
        try pail.success("fetch", "backup/report.pdf", fetched)
        #expect(FileManager.default.contents(atPath: fetched) == FileManager.default.contents(atPath: file))

        try pail.success("rm", "docs/report.pdf")
        try pail.wait()
        let again = pail.local("again.pdf")
        try pail.success("fetch", "backup/report.pdf", again)
        #expect(FileManager.default.contents(atPath: again) == FileManager.default.contents(atPath: file))
        #expect(try pail.ls().map(\.path) == ["backup/report.pdf"])
        #expect(try pail.quota().used == 150_000)
        try pail.check()
    }

    @Test("cp says what it copied (-q nothing); folders need -r and never go into themselves; conflicts as mv has them")
    func copyOutputFoldersAndConflicts() throws {
        let pail = try PailRunner()
        for (name, size) in [("a.txt", 100), ("docs/x", 10), ("docs/sub/y", 20)] {
            try pail.success("upload", try pail.makeFile(name, size: size, seed: UInt64(size)), name)
        }
        #expect(try pail.success("cp", "a.txt", "b.txt").stdout == "copied a.txt → b.txt\n")
        #expect(try pail.success("cp", "-r", "docs", "backup/").stdout == "copied 2 files (30 B) from docs/ to backup/docs/\n")
        let quiet = try pail.success("cp", "-q", "a.txt", "c.txt")
        #expect(quiet.stdout.isEmpty && quiet.stderr.isEmpty, "\(quiet)")
        let held = try pail.success(["cp", "a.txt", "d.txt"], env: delayed).stdout
        #expect(held.hasPrefix("copying a.txt → d.txt: accepted, not applied yet"), "\(held)")

        let withoutR = try pail.failure("InvalidArgument", ["cp", "docs", "elsewhere/"])
        #expect(withoutR.contains("-r"), "\(withoutR)")
        let intoItself = try pail.failure("InvalidArgument", ["cp", "-r", "docs", "docs/sub/"])
        #expect(intoItself.contains("into itself"), "\(intoItself)")
        try pail.failure("Conflict", ["cp", "a.txt", "b.txt"])
        try pail.failure("Conflict", ["cp", "-r", "docs", "backup/"])
        try pail.failure("NoSuchKey", ["cp", "nothing", "else"])
        try pail.failure("InvalidArgument", ["cp", "--overwrite", "--keep-both", "a.txt", "b.txt"])

        #expect(try pail.success("cp", "--keep-both", "a.txt", "b.txt").stdout == "copied a.txt → b (2).txt\n")
        try pail.success("cp", "--overwrite", "docs/x", "b.txt")
        try pail.success("cp", "-r", "--merge", "--keep-both", "docs", "backup/")
        try pail.wait()
        #expect(
            try pail.ls().map(\.path) == [
                "a.txt", "b (2).txt", "b.txt", "backup/docs/sub/y", "backup/docs/sub/y (2)", "backup/docs/x", "backup/docs/x (2)",
                "c.txt", "d.txt", "docs/sub/y", "docs/x",
            ])
        // The file the copy replaced is an old version: `restore` undoes the copy.
        #expect(try pail.json([ListedVersion].self, ["versions", "b.txt"]).map(\.size) == [10, 100])
        try pail.success("restore", "b.txt")
        try pail.wait()
        #expect(try pail.ls("b.txt").map(\.size) == [100])
        try pail.check()
    }

    @Test("a copy over the quota is refused whole before anything is copied")
    func copyOverTheQuota() throws {
        let pail = try PailRunner()
        try pail.success("users", "add", "alice", "--quota", "1000")
        for name in ["docs/a", "docs/b"] { try pail.success("upload", try pail.makeFile(name, size: 300), name) }
        let message = try pail.failure("QuotaExceeded", ["cp", "-r", "docs", "backup/"])
        #expect(message.hasPrefix("Copying docs/ (2 files, 600 B) would take alice to 1.2 kB"), "\(message)")
        #expect(try pail.events().isEmpty)
        #expect(try pail.ls().map(\.path) == ["docs/a", "docs/b"])
        #expect(try pail.quota().used == 600)
        try pail.success("cp", "docs/a", "one")
        #expect(try pail.quota().used == 900)
        try pail.check()
    }
}
