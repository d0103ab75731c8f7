import Foundation
import PailCore
import Testing

/// `pail find` and the UI's search (`f`): every path of the vault, matched as the user typed it, in path
/// order; `Enter` in the UI goes there with the folders leading to it opened.
@Suite("Search")
struct SearchTests {
    /// A vault of `alice` with files in folders, a name with capitals, one beyond ASCII and a space.
    static func vault() throws -> PailRunner {
        let pail = try PailRunner()
        let file = try pail.makeFile("a.txt", size: 3)
        for path in [
            "docs/bash/changelog.gz", "docs/Changes.md", "docs/readme", "notes/Été 2026/change list.txt", "notes/日本/写真.jpg",
            "zeta/deep/er/changed",
        ] {
            try pail.success("upload", file, path)
        }
        try pail.wait()
        return pail
    }

    @Test("pail find: a substring anywhere in the path, ignoring case, in path order, one path a line")
    func substring() throws {
        let pail = try Self.vault()
        let result = try pail.success("find", "CHANGE")
        #expect(
            result.stdoutLines == ["docs/Changes.md", "docs/bash/changelog.gz", "notes/Été 2026/change list.txt", "zeta/deep/er/changed"])
        #expect(result.stderr.isEmpty)
        #expect(try pail.success("find", "/bash/").stdoutLines == ["docs/bash/changelog.gz"], "folders in the path match too")
        #expect(try pail.success("find", "dcmd", "--fuzzy").stdoutLines == ["docs/Changes.md"])
    }

    @Test("pail find PATTERN PREFIX searches one folder; --limit stops early; --json prints what ls --json prints")
    func prefixLimitAndJSON() throws {
        let pail = try Self.vault()
        #expect(try pail.success("find", "change", "notes").stdoutLines == ["notes/Été 2026/change list.txt"])
        #expect(try pail.success("find", "change", "docs/", "--limit", "1").stdoutLines == ["docs/Changes.md"])
        let found = try pail.json([ListedFile].self, ["find", "chang", "docs"])
        let listed = try pail.ls("docs")
        #expect(found == listed.filter { $0.path.lowercased().contains("chang") } && found.count == 2)
        #expect(try pail.json([ListedFile].self, ["find", "e", "--limit", "2"]) == Array(try pail.ls().prefix(2)))
    }

    @Test("pail find: nothing matching prints nothing and exits 0, as find does; --json prints []")
    func noMatch() throws {
        let pail = try Self.vault()
        let result = try pail.success("find", "no-such-name")
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        #expect(try pail.json([ListedFile].self, ["find", "no-such-name"]).isEmpty)
        #expect(try pail.success("find", "change", "missing/").stdout.isEmpty)
    }

    @Test("pail find: names beyond ASCII match ignoring case, as UTF-8")
    func unicodeNames() throws {
        let pail = try Self.vault()
        #expect(try pail.success("find", "été").stdoutLines == ["notes/Été 2026/change list.txt"])
        #expect(try pail.success("find", "ÉTÉ 2026/CH").stdoutLines == ["notes/Été 2026/change list.txt"])
        #expect(try pail.success("find", "写真").stdoutLines == ["notes/日本/写真.jpg"])
        #expect(try pail.success("find", "本写", "--fuzzy").stdoutLines == ["notes/日本/写真.jpg"])
    }

    @Test(
        "pail find: an empty pattern, a control character or a bad limit is an InvalidArgument",
        arguments: [
            ["find", ""], ["find", "a\u{1}b"], ["find", "a", "--limit", "0"], ["find"], ["find", "a", "../x"],
        ])
    func badArguments(arguments: [String]) throws {
        let pail = try Self.vault()
        try pail.failure("InvalidArgument", arguments)
        let json = try pail.run(arguments + ["--json"])
        #expect(!json.succeeded && json.stderr.contains(#"{"error":{"code":"InvalidArgument""#), "\(json)")
    }

    /// Names in the 100,000-path vault: 50 folders of 1,000 files, and 50,000 files in one folder three deep.
    static func largeVaultPaths() -> [String] {
        (0..<50_000).map { String(format: "d%02d/f%03d", $0 / 1_000, $0 % 1_000) }
            + (0..<50_000).map { String(format: "deep/er/big/f%05d", $0) }
    }

    /// Writes the paths' inventory items, as the UpdateInventory workflow writes them, in one transaction (a
    /// workflow run per file would take minutes): the search reads only the inventory.
    static func seed(_ pail: PailRunner, paths: [String]) throws {
        try pail.success("upload", try pail.makeFile("seed", size: 1), "seed")
        let engine = try Engine.open(root: pail.root, options: EngineOptions(delay: 0, deliverInBackground: false))
        defer { engine.close() }
        let seed = try #require(try engine.store.head(key: "alice/seed"))
        try engine.write { db in
            for path in paths {
                let item: Item = [
                    "PK": .s("alice"), "SK": .s("alice/" + path), "Path": .s(path), "Size": .n(seed.size), "ETag": .s(seed.etag),
                    "Modified": .s(Timestamps.iso8601(seed.modified)), "Sequencer": .s(seed.sequencer),
                ]
                _ = try engine.inventory.putItem(db, item)
            }
        }
    }

    @Test("the UI's search over 100,000 paths: the count is right, Enter opens the folders and lands on the file deep in a big folder")
    func largeVaultInTheUI() throws {
        let pail = try PailRunner()
        let paths = Self.largeVaultPaths()
        try Self.seed(pail, paths: paths)
        let expected = paths.filter { $0.contains("f1") }.count
        try #require(expected == 15_000)
        let output = try pail.headlessSuccess(
            """
            key f
            type f1
            expect Search: f1
            wait-idle
            expect 15,000 matches (the first 10,000 shown)
            key esc
            expect-not Search:
            key ctrl-f
            type F31337
            wait-idle
            expect 1 match
            expect deep/er/big/f31337
            key enter
            wait-idle
            expect >        f31337
            screen
            key h
            expect >    ▾ big/
            key k
            expect >  ▾ er/
            key k
            expect >▾ deep/
            """)
        // 50 folders d00/…d49/, deep/, er/ and big/ come before it; the top's file seed comes after the folders.
        #expect(output.contains("31391/50054"), "the tree's position shows the file deep in its folder: \(output)")
    }

    @Test("the UI's search in a small vault: the matched part, the size, and a folder result jumps to the folder")
    func folderResult() throws {
        let pail = try Self.vault()
        let output = try pail.headlessSuccess(
            """
            key f
            type deep
            wait-idle
            expect 3 matches
            expect zeta/deep/er/
            expect folder
            screen
            key enter
            wait-idle
            expect >  ▸ deep/
            expect ▾ zeta/
            """)
        #expect(output.contains(" zeta/deep/er/changed") && output.contains("3 B"), "\(output)")
    }
}
