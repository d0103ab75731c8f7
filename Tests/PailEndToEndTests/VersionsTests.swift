import Foundation
import Testing

@Suite("Versions, trash and restore")
struct VersionsTests {
    @Test("an overwrite and a delete keep what they replaced; restore brings it back; purge frees it")
    func versionsTrashRestorePurge() throws {
        let pail = try PailRunner()
        let first = try pail.makeFile("v1.txt", size: 15, seed: 1)
        let second = try pail.makeFile("v2.txt", size: 1_100, seed: 2)
        try pail.success("upload", first, "todo.txt")
        try pail.success("upload", "--overwrite", second, "todo.txt")
        let versions = try pail.json([ListedVersion].self, ["versions", "todo.txt"])
        #expect(versions.map(\.size) == [1_100, 15])
        #expect(versions.map(\.current) == [true, false])
        #expect(versions.allSatisfy { !$0.deleteMarker })
        #expect(versions[1].etag == (try LocalFiles.md5(ofFile: first)))
        #expect(try pail.success("versions", "todo.txt").stdout.contains("replaced by an upload"))

        // The old version counts against the quota, and the quota says so.
        #expect(try pail.success("quota").stdout.contains("15 B of it in old versions"))

        // Restore the 15-byte version; the 1.1 kB one is kept in turn.
        try pail.success("restore", "todo.txt", "--version-id", versions[1].versionId)
        try pail.wait()
        #expect(try pail.ls().map(\.size) == [15])
        try pail.success("fetch", "todo.txt", pail.local("back.txt"))
        #expect(try LocalFiles.md5(ofFile: pail.local("back.txt")) == (try LocalFiles.md5(ofFile: first)))

        // Delete: the file goes to the trash, and restore without an id brings it back.
        try pail.success("rm", "todo.txt")
        try pail.wait()
        #expect(try pail.ls().isEmpty)
        let trash = try pail.json([TrashedFile].self, ["trash"])
        #expect(trash.map(\.path) == ["todo.txt"])
        #expect(trash.first?.size == 15)
        #expect(try pail.json([ListedVersion].self, ["versions", "todo.txt"]).first?.deleteMarker == true)
        try pail.success("restore", "todo.txt")
        try pail.wait()
        #expect(try pail.ls().map(\.path) == ["todo.txt"])
        #expect(try pail.json([TrashedFile].self, ["trash"]).isEmpty)
        try pail.check()

        // Purge frees everything that is not current.
        #expect(try pail.success("purge").stdout.contains("purged 1 old version (1.1 kB)"))
        #expect(try pail.json([ListedVersion].self, ["versions", "todo.txt"]).count == 1)
        try pail.success("quota")
        try pail.check()

        try pail.failure("NoSuchVersion", ["restore", "todo.txt"])
        try pail.failure("NoSuchVersion", ["restore", "todo.txt", "--version-id", "0000000000000999"])
        try pail.failure("NoSuchKey", ["versions", "never.txt"])
    }

    @Test("retention: per user, the vault's default, and 0 keeps nothing")
    func retention() throws {
        let pail = try PailRunner()
        try pail.success("users", "add", "carol", "--keep", "0")
        try pail.success("users", "add", "alice")
        try pail.success("users", "set-retention", "--default", "7d")
        try pail.success("users", "set-retention", "alice", "12h")
        let users = try pail.success("users", "list").stdout
        #expect(users.contains("12 hours") && users.contains("none"), "\(users)")
        let file = try pail.makeFile("a.txt", size: 10)
        try pail.success(["upload", file, "a.txt"], user: "carol")
        try pail.success(["rm", "a.txt"], user: "carol")
        try pail.wait()
        #expect(try pail.json([TrashedFile].self, ["trash"], user: "carol").isEmpty)
        try pail.failure("NoSuchKey", ["restore", "a.txt"], user: "carol")
        try pail.failure("InvalidArgument", ["users", "set-retention", "alice", "soon"])
        try pail.failure("NoSuchUser", ["users", "set-retention", "nobody", "1d"])
        try pail.check()
    }
}
