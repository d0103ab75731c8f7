import Foundation
import Testing

/// The file's own modified time through upload, list, move, copy, fetch and the UI; `pail users remove`;
/// `U` with a name that is no user; `n` in a closed folder; keys typed while a folder opens.
@Suite("File times, removing users, and the UI's small things")
struct FileTimeAndUsersTests {
    /// 2020-03-04 05:06:07.5 UTC, the local file's time.
    static let fileTime = Date(timeIntervalSince1970: 1_583_298_367.5)
    static let utc = ["TZ": "UTC"]

    @Test("an upload keeps the local file's time: ls --json, mv, cp and fetch (which sets the local copy's), and the UI's Modified")
    func theFilesTimeTravelsWithIt() throws {
        let pail = try PailRunner()
        let local = try pail.makeFile("old.txt", size: 100)
        #expect(try pail.shell("touch -d '2020-03-04 05:06:07.5 UTC' '\(local)'").succeeded)
        try pail.success("upload", local, "docs/old.txt")
        try pail.wait()
        let listedTime = Date(timeIntervalSince1970: 1_583_298_367)
        #expect(try pail.ls().map(\.modified) == [listedTime])
        try pail.success("mv", "docs/old.txt", "docs/moved.txt")
        try pail.success("cp", "docs/moved.txt", "copy.txt")
        try pail.wait()
        #expect(try pail.ls().map { [$0.path: $0.modified] } == [["copy.txt": listedTime], ["docs/moved.txt": listedTime]])
        try pail.success("fetch", "copy.txt", pail.local("back.txt"))
        let fetched = try FileManager.default.attributesOfItem(atPath: pail.local("back.txt"))[.modificationDate] as? Date
        #expect(abs((fetched ?? .distantPast).timeIntervalSince(Self.fileTime)) < 0.001, "\(String(describing: fetched))")

        // The UI shows that time, and a rename with r keeps it.
        let screen = try pail.headless(
            """
            key j
            key r
            key backspace
            key backspace
            key backspace
            type md
            key enter
            wait-idle
            expect copy.md
            screen
            """, env: Self.utc)
        #expect(screen.succeeded, "\(screen)")
        let row = screen.stdout.components(separatedBy: "\n").first { $0.contains("copy.md") } ?? ""
        #expect(row.contains("2020-03-04 05:06"), "\(screen.stdout)")
        #expect(try pail.ls("copy.md").map(\.modified) == [listedTime])
    }

    @Test("users remove: refused with UserNotEmpty and what is left while the user stores anything, then removes them and their keys")
    func removingAUser() throws {
        let pail = try PailRunner()
        try pail.success("users", "add", "bob")
        try pail.success(["upload", try pail.makeFile("a.txt", size: 10), "a.txt"], user: "bob")
        try pail.wait()
        let refused = try pail.failure("UserNotEmpty", ["users", "remove", "bob"])
        #expect(
            refused
                == "User 'bob' still stores 1 file (10 B): `pail --user bob rm -r` them; nothing was removed (`pail users remove bob --delete-files` deletes it all)"
        )
        #expect(try pail.run("users", "remove", "bob", "--json").stderr.contains(#""code":"UserNotEmpty""#))
        try pail.success(["rm", "a.txt"], user: "bob")
        try pail.wait()
        try pail.failure("UserNotEmpty", ["users", "remove", "bob"])
        try pail.success(["purge"], user: "bob")
        #expect(try pail.success("users", "remove", "bob").stdout == "removed bob and their key pair\n")
        #expect(!(try pail.success("users", "list").stdout.contains("bob")))
        try pail.failure("NoSuchUser", ["users", "remove", "bob"])
        try pail.success(["upload", try pail.makeFile("c.txt", size: 1000), "docs/c.txt"], user: "carol")
        #expect(
            try pail.success("users", "remove", "carol", "--delete-files").stdout
                == "removed carol, their 1 file (1.0 kB) and their key pair\n")
        #expect(try pail.success("users", "list").stdout.contains("carol") == false)
        try pail.failure("InvalidArgument", ["users", "remove", "bob/x"])
        try pail.check()
    }

    @Test("U with a name that is no user asks before creating it: n stays, y creates and switches")
    func switchingToAnUnknownUser() throws {
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("a.txt", size: 10), "a.txt")
        let refused = try pail.headless(
            """
            key U
            type bobb
            key enter
            wait-idle
            expect No user "bobb" — create it? (y/n)
            key n
            expect No user bobb was made
            """)
        #expect(refused.succeeded, "\(refused)")
        #expect(!(try pail.success("users", "list").stdout.contains("bobb")))
        let created = try pail.headless(
            """
            key U
            type bobb
            key enter
            wait-idle
            key y
            wait-idle
            expect Now showing bobb's vault
            """)
        #expect(created.succeeded, "\(created)")
        #expect(try pail.success("users", "list").stdout.contains("bobb"))
    }

    @Test("n in a closed folder opens it: the new folder shows among the folder's entries")
    func newFolderInAClosedFolder() throws {
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("a.txt", size: 10), "docs/a.txt")
        let result = try pail.headless(
            """
            key n
            type new
            key enter
            screen
            """)
        #expect(result.succeeded, "\(result)")
        let rows = result.stdout.components(separatedBy: "\n")
        #expect(rows.first { $0.hasPrefix(">") }?.contains("new/") == true, "the new folder is selected: \(result.stdout)")
        #expect(rows.contains { $0.contains("a.txt") }, "the folder's other entries show: \(result.stdout)")
    }

    @Test("keys typed while a folder opens land among its entries (l j j in one go)")
    func keysTypedAhead() throws {
        let pail = try PailRunner()
        for name in ["docs/a.txt", "docs/b.txt", "docs/c.txt", "x.txt", "y.txt"] {
            try pail.success("upload", try pail.makeFile(name, size: 10), name)
        }
        let result = try pail.headless(
            """
            type ljj
            expect >    b.txt
            """)
        #expect(result.succeeded, "\(result)")
    }
}
