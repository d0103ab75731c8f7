import Foundation
import Testing

@Suite("Conflicts are asked, never guessed")
struct ConflictTests {
    @Test("upload onto an existing name: Conflict and nothing changes; --keep-both and --overwrite")
    func uploadConflicts() throws {
        let pail = try PailRunner()
        let small = try pail.makeFile("todo.txt", size: 15, seed: 1)
        let big = try pail.makeFile("photo.jpg", size: 1_100_000, seed: 2)
        try pail.success("upload", small, "todo.txt")
        let message = try pail.failure("Conflict", ["upload", big, "todo.txt"])
        #expect(message.contains("todo.txt already exists"))
        try pail.wait()
        #expect(try pail.ls().map(\.size) == [15])
        try pail.success("upload", "--keep-both", big, "todo.txt")
        try pail.success("upload", "--keep-both", big, "todo.txt")
        try pail.wait()
        #expect(try pail.ls().map(\.path) == ["todo (2).txt", "todo (3).txt", "todo.txt"])
        try pail.success("upload", "--overwrite", big, "todo.txt")
        try pail.wait()
        #expect(try pail.json([ListedVersion].self, ["versions", "todo.txt"]).map(\.size) == [1_100_000, 15])

        // A folder upload is refused whole when any of its names is taken.
        try pail.makeFile("docs/a.txt", size: 5, seed: 3)
        try pail.makeFile("docs/b.txt", size: 5, seed: 4)
        try pail.success("upload", pail.local("docs/a.txt"), "docs/a.txt")
        try pail.failure("Conflict", ["upload", pail.local("docs"), "docs/"])
        try pail.wait()
        #expect(try pail.ls("docs/").map(\.path) == ["docs/a.txt"])
        try pail.success("upload", "--keep-both", pail.local("docs"), "docs/")
        try pail.wait()
        #expect(try pail.ls("docs/").map(\.path) == ["docs/a (2).txt", "docs/a.txt", "docs/b.txt"])
        try pail.failure("InvalidArgument", ["upload", "--keep-both", "--overwrite", small, "x.txt"])
        try pail.check()
    }

    @Test("mv onto a file, a folder onto a folder, and a merge with same-named files")
    func moveConflicts() throws {
        let pail = try PailRunner()
        for (name, seed) in [("todo.txt", 1), ("image.png", 2), ("ma/x.txt", 3), ("ma/y.txt", 4), ("mb/x.txt", 5)] {
            try pail.success("upload", try pail.makeFile(name, size: 100 + Int(seed), seed: UInt64(seed)), name)
        }
        try pail.failure("Conflict", ["mv", "image.png", "todo.txt"])
        try pail.failure("Conflict", ["mv", "ma", "mb"])
        try pail.failure("Conflict", ["mv", "ma", "mb", "--merge"])
        try pail.failure("Conflict", ["mv", "todo.txt", "ma"])  // a file cannot take a folder's name
        try pail.wait()
        #expect(try pail.ls().map(\.path) == ["image.png", "ma/x.txt", "ma/y.txt", "mb/x.txt", "todo.txt"])

        try pail.success("mv", "ma", "mb", "--merge", "--keep-both")
        try pail.success("mv", "image.png", "todo.txt", "--overwrite")
        try pail.wait()
        #expect(try pail.ls().map(\.path) == ["mb/x (2).txt", "mb/x.txt", "mb/y.txt", "todo.txt"])
        #expect(try pail.ls("mb/").map(\.size) == [103, 105, 104])
        // The replaced todo.txt is an old version; the moved files left nothing behind.
        #expect(try pail.json([ListedVersion].self, ["versions", "todo.txt"]).map(\.size) == [102, 101])
        #expect(try pail.json([TrashedFile].self, ["trash"]).isEmpty)
        try pail.check()
    }

    @Test("two folder moves that overlap never interleave: the second is refused while the first is pending")
    func overlappingMoves() throws {
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("A/a.txt", size: 10, seed: 1), "A/a.txt")
        try pail.success("upload", try pail.makeFile("B/b.txt", size: 10, seed: 2), "B/b.txt")
        // Held on the bus for a minute: both moves would be pending at once.
        try pail.success(["mv", "A", "B", "--merge"], env: ["PAIL_DELAY_MS": "60000"])
        let refused = try pail.failure("Conflict", ["mv", "B", "A", "--merge"], env: ["PAIL_DELAY_MS": "60000"])
        #expect(refused.contains("not applied yet"))
        try pail.wait()
        #expect(try pail.ls().map(\.path) == ["B/a.txt", "B/b.txt"])
        try pail.check()
    }
}
