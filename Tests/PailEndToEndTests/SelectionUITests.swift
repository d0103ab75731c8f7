import Foundation
import Testing

/// Selecting several entries and acting on them, and copy, cut and paste, in the real app driven by
/// headless scripts; what happened is then read through the command line.
@Suite("Selection and clipboard in the UI")
struct SelectionUITests {
    @Test("space selects three files (marked ●, counted in the status line); d asks once with count and size and deletes them")
    func bulkDelete() throws {
        let pail = try PailRunner()
        for (index, name) in ["a.txt", "b.txt", "c.txt", "keep.txt"].enumerated() {
            try pail.success("upload", try pail.makeFile(name, size: 1_000 * (index + 1), seed: UInt64(index)), name)
        }
        let screen = try pail.headlessSuccess(
            """
            key space
            key space
            key space
            expect ●  a.txt
            expect ●  b.txt
            expect >  keep.txt
            expect 3 selected, 6.0 kB
            key k
            expect »  c.txt
            screen
            key d
            wait-idle
            expect Delete 3 selected entries?
            expect They hold 3 files, 6.0 kB
            key y
            wait-idle
            expect Delete of 3 entries accepted
            expect-not selected,
            """)
        #expect(screen.contains("»  c.txt") && screen.contains("   keep.txt"), "\(screen)")
        try pail.wait()
        #expect(try pail.ls().map(\.path) == ["keep.txt"])
        try pail.check()
    }

    @Test("* in a folder bigger than a window selects it whole; the delete job reads it and deletes all but the file taken out")
    func bigFolderChosenWhole() throws {
        let pail = try PailRunner()
        for index in 0..<1_020 { _ = try pail.makeFile("big/f\(1_000 + index)", size: 1, seed: UInt64(index)) }
        try pail.success("upload", "big")
        try pail.success("upload", try pail.makeFile("keep.txt", size: 5), "keep.txt")
        try pail.headlessSuccess(
            """
            key l
            key j
            key *
            expect 1020 selected, 0 B + 1020 files of big folders
            key space
            expect 1019 selected
            key d
            wait-idle 60
            expect Delete 1019 selected entries?
            expect They hold 1019 files, 1.0 kB
            key y
            wait-idle 120
            expect Delete of 1019 entries accepted
            """)
        try pail.wait()
        #expect(try pail.ls().map(\.path) == ["big/f1000", "keep.txt"])
        try pail.check()
    }

    @Test("r with a selection moves it into the folder typed")
    func bulkMove() throws {
        let pail = try PailRunner()
        for name in ["a.txt", "b.txt", "docs/x.txt"] { try pail.success("upload", try pail.makeFile(name, size: 10), name) }
        try pail.headlessSuccess(
            """
            key j
            key space
            key space
            key r
            expect Move 2 selected entries into
            key ctrl-u
            type docs
            key enter
            wait-idle
            expect Move of 2 entries into docs/ accepted
            """)
        try pail.wait()
        #expect(try pail.ls().map(\.path) == ["docs/a.txt", "docs/b.txt", "docs/x.txt"])
        try pail.check()
    }

    @Test("y then p copies server-side into another folder: both listed with one ETag, the quota counts both")
    func copyAndPaste() throws {
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("a.txt", size: 3_000, seed: 5), "a.txt")
        try pail.success("upload", try pail.makeFile("x", size: 1), "docs/x")
        try pail.headlessSuccess(
            """
            key G
            key y
            expect 1 to copy
            key g
            key g
            key p
            wait-idle
            run wait
            wait-idle
            expect Copy of 1 entry into docs/ accepted
            expect 1 to copy
            """)
        let listed = try pail.ls()
        #expect(listed.map(\.path) == ["a.txt", "docs/a.txt", "docs/x"])
        #expect(listed[0].etag == listed[1].etag && listed[0].size == listed[1].size)
        #expect(try pail.quota().used == 6_001)
        try pail.check()
    }

    @Test("a paste of copies that would pass the quota is refused before anything is copied")
    func pastePastTheQuota() throws {
        let pail = try PailRunner()
        try pail.success("users", "add", "alice", "--quota", "100B")
        try pail.success("upload", try pail.makeFile("a.txt", size: 60), "a.txt")
        try pail.success("upload", try pail.makeFile("x", size: 1), "docs/x")
        try pail.headlessSuccess(
            """
            key G
            key y
            key g
            key g
            key p
            wait-idle
            expect QuotaExceeded: The copies need 60 B and 39 B of the quota is free: nothing was copied
            """)
        try pail.wait()
        #expect(try pail.ls().map(\.path) == ["a.txt", "docs/x"])
        #expect(try pail.events().isEmpty, "no CopyFile command was put on the bus")
    }

    @Test("Y then p moves, and the clipboard is empty after")
    func cutAndPaste() throws {
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("a.txt", size: 30), "a.txt")
        try pail.success("upload", try pail.makeFile("x", size: 1), "docs/x")
        try pail.headlessSuccess(
            """
            key G
            key Y
            expect 1 to move
            key g
            key g
            key p
            wait-idle
            expect Move of 1 entry into docs/ accepted
            expect-not to move
            key p
            expect The clipboard is empty
            """)
        try pail.wait()
        #expect(try pail.ls().map(\.path) == ["docs/a.txt", "docs/x"])
        try pail.check()
    }

    @Test("a paste onto a taken name asks in the Name taken dialog; k keeps both")
    func pasteConflictKeepsBoth() throws {
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("a.txt", size: 40, seed: 1), "a.txt")
        try pail.success("upload", try pail.makeFile("old.txt", size: 50, seed: 2), "docs/a.txt")
        try pail.headlessSuccess(
            """
            key G
            key y
            key g
            key g
            key p
            wait-idle
            expect Name taken
            expect docs/a.txt already exists.
            key k
            wait-idle
            expect Copy of 1 entry into docs/ accepted
            """)
        try pail.wait()
        let listed = try pail.ls()
        #expect(listed.map(\.path) == ["a.txt", "docs/a (2).txt", "docs/a.txt"])
        #expect(listed[1].etag == listed[0].etag && listed[2].size == 50)
        try pail.check()
    }

    @Test("* selects the folder's entries; o fetches them into a local folder, s shares one link per file, z undoes a copy")
    func fetchShareAndUndo() throws {
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("a.txt", size: 11, seed: 1), "a.txt")
        try pail.success("upload", try pail.makeFile("b.txt", size: 22, seed: 2), "b.txt")
        let out = pail.local("out")
        try pail.headlessSuccess(
            """
            key *
            expect 2 selected, 33 B
            key o
            key ctrl-u
            type \(out)
            key enter
            wait-idle
            expect Fetched 2 files, 33 B, to \(out)/
            key s
            wait-idle
            expect Share links for 2 files
            expect 2 links, one per file:
            key esc
            key esc
            key g
            key g
            key y
            key p
            wait-idle
            expect a.txt already exists.
            key k
            wait-idle
            run wait
            wait-idle
            expect a (2).txt
            key z
            wait-idle
            expect Undid the copy of a.txt to a (2).txt
            """)
        #expect(FileManager.default.contents(atPath: out + "/a.txt")?.count == 11)
        #expect(FileManager.default.contents(atPath: out + "/b.txt")?.count == 22)
        try pail.wait()
        #expect(try pail.ls().map(\.path) == ["a.txt", "b.txt"])
        try pail.check()
    }

    @Test("in a real terminal without colour: ● marks the selection, s copies a link per file, Y then p moves it")
    func inARealTerminal() throws {
        let pail = try PailRunner()
        for name in ["a.txt", "b.txt", "docs/x"] { try pail.success("upload", try pail.makeFile(name, size: 10), name) }
        let tmux = try TerminalUITests.start(pail)
        try tmux.waitFor("a.txt")
        try tmux.send("j")
        try tmux.send("Space")
        try tmux.send("Space")
        let chosen = try tmux.waitFor("2 selected, 20 B")
        #expect(chosen.contains("●  a.txt") && chosen.contains("●  b.txt"), "\(chosen)")
        try tmux.send("s")
        try tmux.waitFor("2 links, one per file:")
        try tmux.send("c")
        try tmux.waitFor("Copied to the clipboard")
        let links = try tmux.pasteBuffer().split(separator: "\n")
        #expect(links.count == 2 && links.first?.hasPrefix("a.txt http://") == true, "\(links)")
        #expect(links.last?.hasPrefix("b.txt http://") == true && links.allSatisfy { $0.contains("X-Amz-Signature=") }, "\(links)")
        try tmux.send("Y")
        try tmux.waitFor("2 to move")
        try tmux.send("g", "g")
        try tmux.send("p")
        try tmux.waitFor("Move of 2 entries into docs/ accepted")
        try tmux.send("q")
        let after = try tmux.waitFor("pail exited")
        #expect(after.contains("pail exited 0"), "\(after)")
        try pail.wait()
        #expect(try pail.ls().map(\.path) == ["docs/a.txt", "docs/b.txt", "docs/x"])
        try pail.check()
    }
}
