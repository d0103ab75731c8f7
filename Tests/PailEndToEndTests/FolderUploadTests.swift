import Foundation
import Testing

/// A local tree goes up whole: nested folders, spaces, CJK, emoji, accents written decomposed (NFD).
@Suite("Folder upload")
struct FolderUploadTests {
    /// Local relative paths (as written on disk) and sizes.
    static let tree: [(path: String, size: Int)] = [
        ("readme.txt", 10),
        ("empty.txt", 0),
        ("with space/a b c.txt", 2_000),
        ("日本語/ファイル 名.txt", 3_333),
        ("emoji 😀/🎉 party.bin", 4_444),
        ("cafe\u{301}/re\u{301}sume\u{301}.txt", 555),  // NFD on disk; Pail stores NFC
        ("deep/er/and/deeper/leaf.bin", 65_536),
    ]

    @Test("every file is listed with its size and ETag; names are NFC; fetch works")
    func uploadTree() throws {
        let pail = try PailRunner()
        var expected: [String: (size: Int64, etag: String, local: String)] = [:]
        for (index, file) in Self.tree.enumerated() {
            let local = try pail.makeFile("album/" + file.path, size: file.size, seed: UInt64(index + 1))
            let remote = ("album/" + file.path).precomposedStringWithCanonicalMapping
            expected[remote] = (Int64(file.size), try LocalFiles.md5(ofFile: local), local)
        }
        // The NFD name really is decomposed on disk (Linux does not normalize).
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: pail.local("album"))
        #expect(onDisk.contains { Array($0.utf8) == Array("cafe\u{301}".utf8) })

        // No REMOTE: the tree goes under the local folder's name (run from the folder that holds it).
        let uploaded = try pail.json([UploadedFile].self, ["upload", "album"])
        #expect(uploaded.count == Self.tree.count)
        try pail.wait()

        let listed = try pail.ls()
        // Compare bytes: Swift's == on strings treats NFD and NFC as equal.
        #expect(
            listed.map { Array($0.path.utf8) }
                == expected.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map { Array($0.utf8) })
        for entry in listed {
            let want = try #require(expected[entry.path], "unexpected \(entry.path)")
            #expect(entry.size == want.size, "\(entry.path)")
            #expect(entry.etag == want.etag, "\(entry.path)")
        }
        let nfc = "album/caf\u{E9}/r\u{E9}sum\u{E9}.txt"
        #expect(listed.contains { Array($0.path.utf8) == Array(nfc.utf8) })
        #expect(try pail.ls("album/日本語").map(\.path) == ["album/日本語/ファイル 名.txt"])
        #expect(try pail.quota().used == expected.values.reduce(0) { $0 + $1.size })
        let human = try pail.success("ls", "album/").stdout
        #expect(human.contains("album/日本語/ファイル 名.txt") && human.contains("album/emoji 😀/🎉 party.bin"), "\(human)")

        // Fetch by the decomposed name as typed: it is normalized to the stored one.
        let fetched = pail.local("fetched-resume.txt")
        try pail.success("fetch", "album/cafe\u{301}/re\u{301}sume\u{301}.txt", fetched)
        #expect(FileManager.default.contents(atPath: fetched) == FileManager.default.contents(atPath: try #require(expected[nfc]).local))
        // Fetch into a folder: the file keeps its name.
        try FileManager.default.createDirectory(atPath: pail.local("downloads"), withIntermediateDirectories: true)
        try pail.success("fetch", "album/emoji 😀/🎉 party.bin", pail.local("downloads"))
        #expect(
            FileManager.default.contents(atPath: pail.local("downloads/🎉 party.bin"))
                == FileManager.default.contents(atPath: pail.local("album/emoji 😀/🎉 party.bin")))
        try pail.check()
    }

    @Test("links and special files are left out, and named on stderr, one line each, even with -q")
    func linksAndSpecialFilesAreSkipped() throws {
        let pail = try PailRunner()
        _ = try pail.makeFile("mixed/real.txt", size: 100)
        try FileManager.default.createSymbolicLink(atPath: pail.local("mixed/link"), withDestinationPath: "/etc/hostname")
        try FileManager.default.createDirectory(atPath: pail.local("mixed/sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: pail.local("mixed/sub/rel"), withDestinationPath: "../real.txt")
        #expect(mkfifo(pail.local("mixed/pipe"), 0o600) == 0)
        let result = try pail.success("upload", pail.local("mixed"), "mixed/")
        let skipped = result.stderr.split(separator: "\n").filter { $0.hasPrefix("skipped ") }.map(String.init)
        #expect(
            skipped.sorted() == [
                "skipped fifo \(pail.local("mixed/pipe"))", "skipped symlink \(pail.local("mixed/link")) -> /etc/hostname",
                "skipped symlink \(pail.local("mixed/sub/rel")) -> ../real.txt",
            ], "\(result)")
        let quiet = try pail.success("upload", "-q", "--overwrite", pail.local("mixed"), "mixed/")
        #expect(quiet.stdout.isEmpty, "\(quiet)")
        #expect(quiet.stderr.split(separator: "\n").sorted() == skipped.sorted().map { Substring($0) }, "\(quiet)")
        try pail.wait()
        #expect(try pail.ls().map(\.path) == ["mixed/real.txt"])
    }

    @Test("a folder fetches whole, into LOCAL/<folder name>/, byte for byte")
    func fetchFolder() throws {
        let pail = try PailRunner()
        let files = ["top.txt": 10, "sub/inner.bin": 70_000, "sub/deeper/leaf": 1]
        for (index, (path, size)) in files.sorted(by: { $0.key < $1.key }).enumerated() {
            _ = try pail.makeFile("tree/" + path, size: size, seed: UInt64(index + 7))
        }
        try pail.success("upload", pail.local("tree"), "photos/2024/")
        try pail.wait()
        try FileManager.default.createDirectory(atPath: pail.local("out"), withIntermediateDirectories: true)
        let fetched = try pail.json([UploadedFile].self, ["fetch", "photos/2024", pail.local("out")])
        #expect(fetched.count == files.count)
        for path in files.keys {
            let copy = FileManager.default.contents(atPath: pail.local("out/2024/" + path))
            #expect(copy != nil && copy == FileManager.default.contents(atPath: pail.local("tree/" + path)), "\(path)")
        }
        try pail.failure("NoSuchKey", ["fetch", "photos/nothing/", pail.local("out")])
    }
}
