import Foundation
import Testing

/// A root that has lost its database (missing, empty, not a database) while its blobs are there is refused
/// by every command, never shown as an empty vault; `pail check --rebuild` recovers the files without their names.
@Suite("A root that lost its database")
struct CorruptRootTests {
    /// A root holding docs/a.txt (1,000 bytes) and b.bin (50,000 bytes), settled.
    static func vault() throws -> PailRunner {
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("a.txt", size: 1_000, seed: 1), "docs/a.txt")
        try pail.success("upload", try pail.makeFile("b.bin", size: 50_000, seed: 2), "b.bin")
        try pail.wait()
        return pail
    }

    /// Damages the database at `path` as `damage` says: "missing", "empty" or "not a database".
    static func damage(_ path: String, _ damage: String) throws {
        switch damage {
        case "missing": try FileManager.default.removeItem(atPath: path)
        case "empty": try Data().write(to: URL(fileURLWithPath: path))
        default: try LocalFiles.bytes(count: 8192, seed: 9).write(to: URL(fileURLWithPath: path))
        }
    }

    @Test(
        "a database missing, empty or not a database, with blobs on disk: every command fails with CorruptRoot and a hint",
        arguments: ["missing", "empty", "not a database"])
    func everyCommandRefusesTheRoot(damage name: String) throws {
        let pail = try Self.vault()
        try Self.damage(pail.root + "/pail.sqlite", name)
        try pail.makeFile("c.txt", size: 10)
        for arguments in [
            ["ls"], ["quota"], ["upload", "c.txt", "c.txt"], ["rm", "b.bin"], ["events"], ["wait"], ["check"], ["users", "list"],
        ] {
            let message = try pail.failure("CorruptRoot", arguments)
            #expect(
                message.contains("pail check --rebuild") && message.contains("cannot be recovered"), "\(name): \(arguments): \(message)")
        }
        #expect(
            FileManager.default.fileExists(atPath: pail.root + "/pail.sqlite") == (name != "missing"),
            "\(name): nothing was made in its place")
        #expect(LocalFiles.regularFiles(under: pail.root + "/blobs").count == 2)
    }

    @Test("check --rebuild sets the damaged database aside and brings every file back as recovered/<blob id>, bytes and quota exact")
    func rebuild() throws {
        let pail = try Self.vault()
        let before = try pail.ls()
        try pail.failure("InvalidArgument", ["check", "--rebuild"])  // a healthy root is not thrown away

        try Self.damage(pail.root + "/pail.sqlite", "not a database")
        let garbage = LocalFiles.bytes(count: 8192, seed: 9)
        let rebuilt = try pail.success("check", "--rebuild")
        let lines = rebuilt.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(rebuilt)")
        #expect(lines.first?.hasPrefix("set the damaged database aside as \(pail.root)/pail.sqlite.damaged-") == true, "\(rebuilt)")
        #expect(lines.dropFirst().first?.hasPrefix("recovered 2 files, 51.0 kB, as alice/recovered/<blob id>") == true, "\(rebuilt)")
        #expect(lines.last?.hasPrefix("consistent") == true, "\(rebuilt)")
        let aside = try #require(
            try FileManager.default.contentsOfDirectory(atPath: pail.root).first { $0.hasPrefix("pail.sqlite.damaged-") })
        #expect(FileManager.default.contents(atPath: pail.root + "/" + aside) == garbage)

        let recovered = try pail.ls()
        #expect(recovered.allSatisfy { $0.path.hasPrefix("recovered/") })
        #expect(Set(recovered.map { "\($0.size) \($0.etag)" }) == Set(before.map { "\($0.size) \($0.etag)" }))
        #expect(try pail.quota().used == 51_000)
        let small = try #require(recovered.first { $0.size == 1_000 })
        try pail.success("fetch", small.path, pail.local("back.txt"))
        #expect(FileManager.default.contents(atPath: pail.local("back.txt")) == FileManager.default.contents(atPath: pail.local("a.txt")))
        try pail.success("check", "--deep")
    }

    @Test("check --rebuild with the database missing recovers the files too")
    func rebuildWithoutADatabase() throws {
        let pail = try Self.vault()
        try Self.damage(pail.root + "/pail.sqlite", "missing")
        let rebuilt = try pail.success("check", "--rebuild")
        #expect(rebuilt.stdout.hasPrefix("the database was missing\nrecovered 2 files"), "\(rebuilt)")
        #expect(try pail.ls().map(\.size).sorted() == [1_000, 50_000])
        try pail.check()
    }
}
