import Foundation
import Testing

/// `pail du --json`: `{path, files, bytes, folders: [{path, files, bytes}]}`.
struct FolderUsageReport: Decodable, Equatable, Sendable {
    struct Folder: Decodable, Equatable, Sendable {
        let path: String
        let files: Int
        let bytes: Int64
    }

    let path: String
    let files: Int
    let bytes: Int64
    let folders: [Folder]
}

/// `pail du` and the UI's folder sizes: what every folder holds, kept by the workflows as files come and go.
@Suite("Folder sizes")
struct DiskUsageTests {
    /// A vault with files at the top, in `docs/` and its sub-folders, and in `pics/`.
    func vault() throws -> PailRunner {
        let pail = try PailRunner()
        for (name, size) in [
            ("top.txt", 500), ("docs/a.txt", 1_500), ("docs/bash/b.gz", 2_000_000), ("docs/bash/old/c.gz", 1_000),
            ("pics/p.jpg", 300_000),
        ] {
            try pail.success("upload", try pail.makeFile(name, size: size, seed: UInt64(size)), name)
        }
        try pail.wait()
        return pail
    }

    @Test("du prints each sub-folder's size and file count, the files in none, and the total; --bytes exact")
    func textAndBytes() throws {
        let pail = try vault()
        let top = try pail.success("du").stdout
        #expect(
            top == """
                  SIZE  FILES  PATH
                2.0 MB      3  docs/
                300 kB      1  pics/
                 500 B      1  (files in no sub-folder)
                2.3 MB      5  (total)

                """, "\(top)")
        let docs = try pail.success("du", "docs", "--bytes").stdout
        #expect(
            docs == """
                   SIZE  FILES  PATH
                2001000      2  docs/bash/
                   1500      1  (files in no sub-folder)
                2002500      3  docs/ (total)

                """, "\(docs)")
        #expect(try pail.success("du", "docs/bash/old/").stdout.hasSuffix("1.0 kB      1  docs/bash/old/ (total)\n"))
    }

    @Test("du --json gives the folder's total and each sub-folder's; a missing folder is NoSuchKey; a file is refused")
    func jsonAndErrors() throws {
        let pail = try vault()
        let docs = try pail.json(FolderUsageReport.self, ["du", "docs/"])
        #expect(
            docs
                == FolderUsageReport(
                    path: "docs/", files: 3, bytes: 2_002_500, folders: [.init(path: "docs/bash/", files: 2, bytes: 2_001_000)]))
        let top = try pail.json(FolderUsageReport.self, ["du"])
        #expect(top.path == "" && top.files == 5 && top.bytes == 2_303_000)
        #expect(top.folders.map(\.path) == ["docs/", "pics/"])

        let missing = try pail.failure("NoSuchKey", ["du", "nope"])
        #expect(missing == "No such folder: nope/", "\(missing)")
        let json = try pail.run(["du", "nope", "--json"])
        #expect(!json.succeeded && json.stderr.contains(#""code":"NoSuchKey""#), "\(json)")
        try pail.failure("InvalidArgument", ["du", "top.txt"])
        try pail.failure("InvalidArgument", ["du", "../x"])
    }

    @Test("du follows moves, copies, overwrites and deletes as the workflows apply them")
    func followsChanges() throws {
        let pail = try vault()
        try pail.success("mv", "docs/bash", "pics/")
        try pail.success("cp", "-r", "pics/bash/old", "archive/")
        try pail.success("upload", "--overwrite", try pail.makeFile("small", size: 100, seed: 9), "pics/p.jpg")
        try pail.success("rm", "top.txt")
        try pail.wait()
        let top = try pail.json(FolderUsageReport.self, ["du"])
        #expect(
            top.folders == [
                .init(path: "archive/", files: 1, bytes: 1_000), .init(path: "docs/", files: 1, bytes: 1_500),
                .init(path: "pics/", files: 3, bytes: 2_001_100),
            ])
        #expect(top.files == 5 && top.bytes == 2_003_600)
        try pail.check()
    }

    @Test("check reports a folder total changed behind Pail's back, naming the folder and both figures")
    func checkFindsATamperedTotal() throws {
        let pail = try vault()
        try pail.check()
        let tamper = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("UPDATE folder_totals SET files = files + 1, bytes = bytes + 7 WHERE folder = 'alice/docs/bash/'")
            db.commit()
            """
        let changed = try Python.run(["-c", tamper, pail.root + "/pail.sqlite"])
        try #require(changed.status == 0, "\(changed.stderr)")
        #expect(try pail.json(FolderUsageReport.self, ["du", "docs"]).folders == [.init(path: "docs/bash/", files: 3, bytes: 2_001_007)])
        let check = try pail.run(["check"])
        #expect(!check.succeeded && check.stderr.contains("error: Inconsistent: 1 difference"), "\(check)")
        #expect(
            check.stdout
                == "alice/docs/bash/: the folder total says 3 files, 2001007 bytes; the files under it add up to 2 files, 2001000 bytes\n",
            "\(check)")
    }

    @Test("the UI shows each folder's size and file count on its row, and in the details pane")
    func uiShowsFolderSizes() throws {
        let pail = try vault()
        let screen = try pail.headlessSuccess(
            """
            wait-idle
            expect docs/
            screen
            key j
            screen
            """, size: "120x30")
        let rows = screen.split(separator: "\n").map(String.init)
        let docs = try #require(rows.first { $0.contains("▸ docs/") }, "\(screen)")
        #expect(docs.contains("2.0 MB  3 files"), "\(docs)")
        let pics = try #require(rows.first { $0.contains("▸ pics/") }, "\(screen)")
        #expect(pics.contains("300 kB  1 file"), "\(pics)")
        #expect(screen.contains("Size     2.0 MB (2002500 bytes)"), "\(screen)")
        #expect(screen.contains("Files    3 (sub-folders included)"), "\(screen)")
    }
}
