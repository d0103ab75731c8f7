import Foundation
import Testing

/// `pail ls` streams: fixed text columns, the JSON array as before, and a read that still delivers what is due.
@Suite("List output")
struct ListOutputTests {
    @Test("the text listing has a header and fixed columns; the JSON lists the same files")
    func textAndJSON() throws {
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("docs/b.bin", size: 2_500), "docs/b.bin")
        try pail.success("upload", try pail.makeFile("docs/a.txt", size: 5), "docs/a.txt")
        let lines = try pail.success("ls", "docs").stdoutLines
        #expect(lines.count == 3 && lines[0] == "   SIZE  MODIFIED             ETAG                              PATH", "\(lines)")
        #expect(lines[1].hasPrefix("    5 B  ") && lines[1].hasSuffix("  docs/a.txt"))
        #expect(lines[2].hasPrefix(" 2.5 kB  ") && lines[2].hasSuffix("  docs/b.bin"))
        #expect(lines.map(\.count) == [68, 74, 74], "every column starts where the header's does")
        let listed = try pail.ls("docs")
        #expect(listed.map(\.path) == ["docs/a.txt", "docs/b.bin"] && listed.map(\.size) == [5, 2_500])
        #expect(try pail.ls("docs/a.txt").map(\.path) == ["docs/a.txt"])
        let empty = try pail.success("ls", "nothing")
        #expect(empty.stdout.isEmpty && empty.stderr == "no files\n")
        #expect(try pail.success("ls", "--json", "nothing").stdout == "[\n\n]\n")
    }

    @Test("a listing longer than the output buffer comes whole and in order; the JSON is what JSONEncoder writes")
    func longListing() throws {
        let pail = try PailRunner()
        for index in 0..<1_200 { try pail.makeFile("many/f\(index).txt", size: 1 + index % 3_000, seed: UInt64(index + 1)) }
        try pail.success("upload", "-q", pail.local("many"), "many/")
        let lines = try pail.success("ls", "many").stdoutLines
        let paths = (0..<1_200).map { "many/f\($0).txt" }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(lines.count == 1_201 && lines.dropFirst().map { String($0.split(separator: " ").last ?? "") } == paths)
        let json = try pail.success("ls", "many", "--json")
        let listed = try json.decode([ListedFile].self)
        #expect(listed.map(\.path) == paths)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        #expect(json.stdout == String(decoding: try encoder.encode(listed), as: UTF8.self) + "\n")
    }

    @Test("a user's first ls creates them, and in a missing root it makes the root, as any first use does")
    func firstUse() throws {
        let pail = try PailRunner()
        let root = pail.sandbox + "/new-root"
        let first = try pail.success(["ls", "--json"], user: "dora", env: ["PAIL_ROOT": root])
        #expect(first.stdout == "[\n\n]\n" && FileManager.default.fileExists(atPath: root + "/pail.sqlite"))
        try pail.success(["ls"], user: "erin", env: ["PAIL_ROOT": root])
        let users = try pail.success(["users", "list", "--json"], env: ["PAIL_ROOT": root]).decode([UserEntry].self)
        #expect(Set(users.map(\.name)).isSuperset(of: ["dora", "erin"]))
    }

    @Test("an upload held for the delay is listed once the delay has passed")
    func aReadDeliversWhatIsDue() throws {
        let pail = try PailRunner()
        try pail.success(["upload", try pail.makeFile("a.txt", size: 5), "a.txt"], env: ["PAIL_DELAY_MS": "300"])
        #expect(try pail.ls().isEmpty, "held for the delay")
        Thread.sleep(forTimeInterval: 0.4)
        #expect(try pail.ls().map(\.path) == ["a.txt"])
    }
}
