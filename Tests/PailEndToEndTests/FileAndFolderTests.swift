import Foundation
import Testing

/// A name that is both a file (`X`) and a folder (`X/…`): `X` names the file, `X/` the folder, and a
/// command that could mean either is refused rather than guessed.
@Suite("A file and a folder of the same name")
struct FileAndFolderTests {
    /// Stores the folder `X/` (`X/f.txt`, `X/g.txt`), then the file `X` beside it through a presigned PUT.
    static func fileAndFolder() throws -> PailRunner {
        let pail = try PailRunner()
        try pail.makeFile("folder/f.txt", size: 10, seed: 1)
        try pail.makeFile("folder/g.txt", size: 20, seed: 2)
        try pail.success("upload", "folder", "X/")
        let url = try pail.success("presign", "put", "X").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try pail.success("put-url", url, try pail.makeFile("x.txt", size: 5, seed: 3))
        try pail.wait()
        #expect(try pail.ls().map(\.path) == ["X", "X/f.txt", "X/g.txt"])
        return pail
    }

    @Test("rm X deletes the file and says the folder is left; rm -r X is refused naming both choices; rm -r X/ deletes the folder")
    func remove() throws {
        let pail = try Self.fileAndFolder()
        let ambiguous = try pail.failure("InvalidArgument", ["rm", "-r", "X"])
        #expect(
            ambiguous.contains("X is both a file and a folder") && ambiguous.contains("`rm X`") && ambiguous.contains("`rm -r X/`"),
            "\(ambiguous)")
        #expect(try pail.events().isEmpty, "a refused command publishes nothing")

        let file = try pail.success("rm", "X")
        #expect(file.stderr.contains("X/ is a folder too and was left as it is: `pail rm -r X/` deletes it"), "\(file)")
        try pail.wait()
        #expect(try pail.ls().map(\.path) == ["X/f.txt", "X/g.txt"])

        let folder = try pail.success("rm", "-r", "X/")
        #expect(folder.stderr.isEmpty, "\(folder)")
        try pail.wait()
        #expect(try pail.ls().isEmpty)
        try pail.check()
    }

    @Test("mv X moves the file and says the folder is left; mv X/ moves the folder")
    func move() throws {
        let pail = try Self.fileAndFolder()
        let file = try pail.success("mv", "X", "renamed.txt")
        #expect(file.stderr.contains("X/ is a folder too and was left as it is: `pail mv X/ DST` moves it"), "\(file)")
        try pail.wait()
        #expect(try pail.ls().map(\.path) == ["X/f.txt", "X/g.txt", "renamed.txt"])

        let folder = try pail.success("mv", "X/", "Y")
        #expect(folder.stderr.isEmpty, "\(folder)")
        try pail.wait()
        #expect(try pail.ls().map(\.path) == ["Y/f.txt", "Y/g.txt", "renamed.txt"])
        #expect(try pail.quota().used == 35)
        try pail.check()
    }
}
