import Foundation
import Testing

/// Undo (`z`, `Z`), the conflict dialog and quitting with a transfer running, in the real app: headless
/// scripts, and one run in a real terminal (tmux).
@Suite("Undo and conflicts in the UI")
struct UndoAndConflictUITests {
    @Test("z undoes an overwrite, a delete, a rename and a folder move; Z undoes an older one")
    func undoEachOperation() throws {
        let pail = try PailRunner()
        let todo = try pail.makeFile("todo.txt", size: 15, seed: 1)
        let image = try pail.makeFile("new/todo.txt", size: 1_100, seed: 2)
        try pail.success("upload", todo, "todo.txt")
        try pail.success("upload", try pail.makeFile("p/a.txt", size: 10, seed: 3), "p/a.txt")
        try pail.success("upload", try pail.makeFile("p/b.txt", size: 20, seed: 4), "p/b.txt")
        let originalMD5 = try LocalFiles.md5(ofFile: todo)
        try pail.headlessSuccess(
            """
            # An upload over todo.txt, answered "overwrite": z brings the 15-byte file back.
            key G
            key u
            key ctrl-u
            type \(image)
            key enter
            wait-idle
            expect todo.txt already exists
            key o
            wait-idle
            expect 1.1 kB
            key z
            wait-idle
            expect Undid the upload of todo.txt: 1 brought back as before
            expect 15 B
            # A delete: z restores it.
            key G
            key d
            key y
            wait-idle
            expect Delete of todo.txt accepted
            key z
            wait-idle
            expect todo.txt
            expect Undid the delete of todo.txt: 1 file restored
            # A rename keeps the file in its folder; z renames it back.
            key G
            key r
            key ctrl-u
            type done.txt
            key enter
            wait-idle
            expect done.txt
            key z
            wait-idle
            expect Undid the move of todo.txt to done.txt
            # A folder moved into another, then an older operation undone from the list.
            key g
            key g
            key r
            key ctrl-u
            type archive/p
            key enter
            wait-idle
            expect archive/
            key G
            key d
            key y
            wait-idle
            key Z
            expect Recent operations
            expect move of p/ to archive/p/
            key j
            key enter
            wait-idle
            expect Undid the move of p/ to archive/p/
            wait-idle
            """)
        let listed = try pail.ls().map(\.path)
        #expect(listed == ["p/a.txt", "p/b.txt"], "\(listed)")
        #expect(try pail.json([TrashedFile].self, ["trash"]).map(\.path) == ["todo.txt"])
        try pail.success("restore", "todo.txt")
        try pail.wait()
        try pail.success("fetch", "todo.txt", pail.local("back.txt"))
        #expect(try LocalFiles.md5(ofFile: pail.local("back.txt")) == originalMD5)
        try pail.check()
    }

    @Test("the conflict dialog: keep both, skip, overwrite, and the same answer for all the rest")
    func conflictDialogAnswers() throws {
        let pail = try PailRunner()
        for name in ["a", "b", "c", "d"] { try pail.makeFile("docs/\(name).txt", size: 50, seed: 9) }
        for name in ["a", "b", "c", "d"] {
            try pail.success("upload", try pail.makeFile("old/\(name).txt", size: 10, seed: 1), "docs/\(name).txt")
        }
        // With a top-level file selected, the local folder docs uploads to the top of the vault.
        try pail.success("upload", try pail.makeFile("top.txt", size: 1, seed: 1), "top.txt")
        let uploadDocs = """
            key G
            key u
            key ctrl-u
            type \(pail.local("docs"))
            key enter
            wait-idle
            """
        try pail.headlessSuccess(
            """
            \(uploadDocs)
            expect docs/a.txt already exists
            key k
            wait-idle
            expect docs/b.txt already exists
            key s
            wait-idle
            expect docs/c.txt already exists
            key O
            wait-idle
            expect Uploaded 3 files
            expect left 1 existing file as they were
            """)
        let sizes = Dictionary(uniqueKeysWithValues: try pail.ls().map { ($0.path, $0.size) })
        #expect(sizes == ["docs/a (2).txt": 50, "docs/a.txt": 10, "docs/b.txt": 10, "docs/c.txt": 50, "docs/d.txt": 50, "top.txt": 1])
        // Esc cancels the whole transfer: nothing is stored.
        try pail.headlessSuccess(
            """
            \(uploadDocs)
            expect already exists
            key esc
            wait-idle
            expect Cancelled
            """)
        #expect(try pail.ls().count == 6)
        try pail.check()
    }

    @Test("Enter never confirms a delete; a folder's delete says what it holds; quitting during a transfer asks")
    func deleteAndQuitQuestions() throws {
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("p/a.txt", size: 1_000, seed: 1), "p/a.txt")
        try pail.success("upload", try pail.makeFile("p/q/b.txt", size: 2_000, seed: 2), "p/q/b.txt")
        let big = pail.local("big.bin")
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        #expect(truncate(big, 400 << 20) == 0)  // 400 MiB to hash: the upload runs for a while
        try pail.headlessSuccess(
            """
            key d
            wait-idle
            expect Delete the folder p/ and everything in it?
            expect It holds 2 files, 3.0 kB.
            key enter
            expect Delete the folder p/
            key n
            expect Nothing was deleted
            key u
            key ctrl-u
            type \(big)
            key enter
            key q
            expect Quit
            expect 1 task still running
            key n
            expect-not task still running
            wait-idle 120
            expect Uploaded 1 file, 419 MB, to p/
            key q
            """)
        #expect(try pail.ls().map(\.path) == ["p/a.txt", "p/big.bin", "p/q/b.txt"])
    }

    @Test("in a real terminal: a taken name asks; z undoes a delete, a rename and a folder move")
    func undoInTmux() throws {
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("keep.txt", size: 300, seed: 1), "keep.txt")
        try pail.success("upload", try pail.makeFile("p/a.txt", size: 10, seed: 2), "p/a.txt")
        let other = try pail.makeFile("new/keep.txt", size: 700, seed: 3)
        let tmux = try TerminalUITests.start(pail)
        try tmux.waitFor("keep.txt")
        try tmux.send("G")
        try tmux.send("u")
        try tmux.waitFor("Upload into the top of the vault")
        try tmux.send("C-u")
        try tmux.send(other, literal: true)
        try tmux.send("Enter")
        try tmux.waitFor("keep.txt already exists")
        try tmux.send("k")
        try tmux.waitFor("keep (2).txt")
        try tmux.send("G")
        try tmux.send("d")
        try tmux.waitFor("Delete keep.txt?")
        try tmux.send("y")
        try tmux.waitFor("300 B in old versions")  // the deleted file, kept behind its delete marker
        try tmux.send("z")
        try tmux.waitFor("Undid the delete of keep.txt")
        try tmux.waitForGone("in old versions")
        try tmux.send("g", "g")
        try tmux.send("r")
        try tmux.waitFor("Rename p/")
        try tmux.send("C-u")
        try tmux.send("q/", literal: true)
        try tmux.send("Enter")
        try tmux.waitFor("Move of p to q/")
        Thread.sleep(forTimeInterval: 1.5)  // past the UI's 500 ms delay: the MoveFile workflow has run
        try tmux.waitFor("All caught up.")
        try tmux.send("z")
        try tmux.waitFor("Undid the move of p/ to q/p/")
        try tmux.send("Z")
        try tmux.waitFor("Recent operations")
        try tmux.waitFor("upload of keep.txt")
        try tmux.send("Escape")
        try tmux.send("q")
        try tmux.waitFor("pail exited 0, terminal settings restored")
        try pail.wait()
        #expect(try pail.ls().map(\.path) == ["keep (2).txt", "keep.txt", "p/a.txt"])
    }
}
