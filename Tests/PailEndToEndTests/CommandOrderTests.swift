import Foundation
import Testing

/// `rm` and `mv` are answered at once and applied later; what the user does after the answer must not be
/// undone by the command applied late (each command acts on the files as they were when it was accepted).
@Suite("Commands applied late")
struct CommandOrderTests {
    /// Holds every event until `pail wait`, as a slow bus would.
    let delayed = ["PAIL_DELAY_MS": "60000"]

    @Test("rm, then upload of the same name: the new upload stays")
    func removeThenUploadAgain() throws {
        let pail = try PailRunner()
        let old = try pail.makeFile("old.txt", size: 1_000, seed: 1)
        let new = try pail.makeFile("new.txt", size: 300, seed: 2)
        try pail.success("upload", old, "x.txt")
        try pail.makeFile("docs/a.txt", size: 10, seed: 3)
        try pail.success("upload", pail.local("docs"), "docs/")
        try pail.wait()

        try pail.success(["rm", "x.txt"], env: delayed)
        try pail.success(["upload", "--overwrite", new, "x.txt"], env: delayed)  // x.txt is still stored: its delete is pending
        try pail.success(["rm", "-r", "docs"], env: delayed)
        try pail.success(["upload", new, "docs/b.txt"], env: delayed)
        try pail.wait()

        let listed = try pail.ls()
        #expect(listed.map(\.path) == ["docs/b.txt", "x.txt"])
        #expect(listed.map(\.etag) == [try LocalFiles.md5(ofFile: new), try LocalFiles.md5(ofFile: new)])
        #expect(try pail.quota().used == 600)
        try pail.check()
    }

    @Test("mv, then upload to the source or the destination: the new upload is not moved or overwritten")
    func moveThenUploadAgain() throws {
        let pail = try PailRunner()
        let first = try pail.makeFile("first.txt", size: 1_000, seed: 1)
        let second = try pail.makeFile("second.txt", size: 300, seed: 2)
        let third = try pail.makeFile("third.txt", size: 50, seed: 3)
        try pail.success("upload", first, "a.txt")
        try pail.success("upload", first, "c.txt")
        try pail.wait()

        // mv a.txt b.txt; then a new a.txt: the new a.txt stays where it was put, and is not moved to b.txt.
        try pail.success(["mv", "a.txt", "b.txt"], env: delayed)
        try pail.success(["upload", "--overwrite", second, "a.txt"], env: delayed)
        // mv c.txt d.txt; then a new d.txt: the move must not overwrite it with the older c.txt.
        try pail.success(["mv", "c.txt", "d.txt"], env: delayed)
        try pail.success(["upload", third, "d.txt"], env: delayed)
        try pail.wait()

        let listed = Dictionary(uniqueKeysWithValues: try pail.ls().map { ($0.path, $0) })
        #expect(listed["a.txt"]?.etag == (try LocalFiles.md5(ofFile: second)), "\(listed.keys.sorted())")
        #expect(listed["b.txt"]?.etag != (try LocalFiles.md5(ofFile: second)), "the later upload was moved")
        #expect(listed["c.txt"] == nil, "c.txt was moved (then its copy was overwritten by the newer d.txt)")
        #expect(listed["d.txt"]?.etag == (try LocalFiles.md5(ofFile: third)), "\(listed.keys.sorted())")
        #expect(try pail.quota().used == listed.values.reduce(0) { $0 + $1.size })
        try pail.check()
    }
}
