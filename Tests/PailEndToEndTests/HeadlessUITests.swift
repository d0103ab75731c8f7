import Foundation
import Testing

/// The real app on an in-memory screen, driven by `pail headless` scripts: each keyboard flow, then the
/// engine checked through the command line.
@Suite("Headless UI")
struct HeadlessUITests {
    @Test("upload with u: the event shows first, the tree after")
    func upload() throws {
        let pail = try PailRunner()
        let file = try pail.makeFile("report.pdf", size: 5000)
        try pail.headlessSuccess(
            """
            expect This vault is empty.
            key u
            key ctrl-u
            type \(file)
            key enter
            sleep 300
            expect Object Created
            expect report.pdf ◌
            expect arriving…
            wait-idle
            expect-not Object Created
            expect-not ◌
            expect report.pdf
            expect 5.0 kB
            expect Uploaded 1 file, 5.0 kB, to the top of the vault
            """, delay: 1500)
        #expect(try pail.ls().map(\.path) == ["report.pdf"])
        #expect(try pail.quota().used == 5000)
        try pail.check()
    }

    @Test("screen marks the selected row with > in column 0, whatever the theme and without colour (NO_COLOR); expect sees it")
    func screenMarksTheSelectedRow() throws {
        let pail = try PailRunner()
        for name in ["a.txt", "b.txt"] { try pail.success("upload", try pail.makeFile(name, size: 10), "docs/" + name) }
        for theme in ["default", "mono"] {
            let result = try pail.headless(
                """
                screen
                key l
                key j
                key j
                expect >    b.txt
                screen
                """, options: ["--theme", theme])
            #expect(result.succeeded, "\(result)")
            let screens = result.stdout.components(separatedBy: "\n").filter { $0.hasPrefix(">") }
            #expect(screens.count == 2, "one marked row a screen: \(result.stdout)")
            #expect(
                screens.first?.hasPrefix(">▸ docs/") == true && screens.last?.hasPrefix(">    b.txt") == true, "\(theme): \(result.stdout)")
        }
    }

    @Test("delete with d asks first: n keeps, y deletes")
    func deleteWithConfirmation() throws {
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("a.txt", size: 10), "docs/a.txt")
        try pail.headlessSuccess(
            """
            key l
            key j
            expect a.txt
            key d
            expect Delete docs/a.txt?
            key n
            expect Nothing was deleted
            expect a.txt
            key d
            key y
            wait-idle
            expect This vault is empty.
            """)
        #expect(try pail.ls() == [])
        #expect(try pail.quota().used == 0)
    }

    @Test("rename with r moves the file; a folder moves whole")
    func rename() throws {
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("a.txt", size: 10), "a.txt")
        try pail.success("upload", try pail.makeFile("b.txt", size: 20), "old/b.txt")
        try pail.headlessSuccess(
            """
            key G
            key r
            expect Rename a.txt
            key ctrl-u
            type renamed/a2.txt
            key enter
            wait-idle
            key g
            key g
            key r
            key ctrl-u
            type new
            key enter
            wait-idle
            expect new/
            expect renamed/
            expect-not old/
            """)
        #expect(try pail.ls().map(\.path) == ["new/b.txt", "renamed/a2.txt"])
        try pail.check()
    }

    @Test("fetch with o downloads the selected file byte for byte")
    func fetch() throws {
        let pail = try PailRunner()
        let file = try pail.makeFile("data.bin", size: 70_000, seed: 7)
        try pail.success("upload", file, "data.bin")
        let target = pail.local("out")
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try pail.headlessSuccess(
            """
            key o
            key ctrl-u
            type \(target)/
            key enter
            wait-idle
            expect Fetched 1 file
            """)
        #expect(FileManager.default.contents(atPath: target + "/data.bin") == FileManager.default.contents(atPath: file))
    }

    @Test("/ filters as you type with the match count; esc clears")
    func filter() throws {
        let pail = try PailRunner()
        for name in ["report-2025.pdf", "report-2026.pdf", "holiday.jpg"] {
            try pail.success("upload", try pail.makeFile(name, size: 10), name)
        }
        try pail.headlessSuccess(
            """
            key /
            type report
            expect 2 matches
            expect-not holiday.jpg
            key enter
            expect report-2026.pdf
            key esc
            expect holiday.jpg
            expect-not matches
            """)
    }

    @Test("U switches user; each sees only their own files")
    func switchUser() throws {
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("mine.txt", size: 10), "mine.txt")
        try pail.success(["users", "add", "bob", "--quota", "1MB"])
        try pail.success(["upload", try pail.makeFile("bobs.txt", size: 10), "bobs.txt"], user: "bob")
        try pail.headlessSuccess(
            """
            expect alice ·
            expect mine.txt
            key U
            type b
            key tab
            key enter
            wait-idle
            expect bob ·
            expect bobs.txt
            expect-not mine.txt
            expect 1.0 MB
            """)
    }

    @Test("? shows the keys; s shows a share link; x shows workflow runs and their steps")
    func helpShareAndExecutions() throws {
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("a.txt", size: 10), "a.txt")
        try pail.headlessSuccess(
            """
            key ?
            expect switch user
            expect filter as you type
            key esc
            expect-not switch user
            key s
            wait-idle
            expect Share link for a.txt
            expect X-Amz-Algorithm=
            key c
            expect Copied to the clipboard
            expect-not X-Amz-Algorithm=
            key x
            wait-idle
            expect UpdateInventory
            key enter
            expect Steps of UpdateInventory
            expect PutNewItem
            key esc
            key esc
            expect a.txt
            """, size: "120x40")
    }

    @Test("run commands change the root; the UI follows; a tiny terminal says so")
    func runAndResize() throws {
        let pail = try PailRunner()
        let file = try pail.makeFile("x.txt", size: 3)
        try pail.headlessSuccess(
            """
            run upload \(file) 'with space.txt'
            wait-idle
            expect with space.txt
            resize 30x8
            expect Terminal too small
            resize 100x30
            expect Quota
            """)
    }

    @Test("a failed expect prints the screen and exits 1; a bad script names its line")
    func failures() throws {
        let pail = try PailRunner()
        let failed = try pail.headless("expect nothing like this\n")
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("line 1: 'nothing like this' is not on the screen"), "\(failed)")
        #expect(failed.stdout.contains("This vault is empty."), "the screen is printed: \(failed)")
        let bad = try pail.headless("# a comment\nkey nonsense-key\n")
        #expect(bad.status != 0)
        #expect(bad.stderr.contains(":2: unknown key 'nonsense-key'"), "\(bad)")
        let failingRun = try pail.headless("run fetch missing.txt /tmp/x\n")
        #expect(failingRun.status == 1)
        #expect(failingRun.stderr.contains("NoSuchKey"), "\(failingRun)")
    }
}
