import Foundation
import Testing

/// What a folder upload prints: nothing with `-q`, a progress bar (on a terminal) and one summary line by
/// default, every file with `-v`; the files go up the same way in every case.
@Suite("Upload output")
struct UploadOutputTests {
    /// A runner with a folder `many/` of `count` small files.
    static func folder(_ count: Int) throws -> PailRunner {
        let pail = try PailRunner()
        for index in 0..<count { _ = try pail.makeFile("many/f\(index).txt", size: 10 + index, seed: UInt64(index + 1)) }
        return pail
    }

    @Test("-q prints nothing on success, and the files are stored")
    func quietIsQuiet() throws {
        let pail = try Self.folder(30)
        let result = try pail.success("upload", "-q", pail.local("many"), "many/")
        #expect(result.stdout.isEmpty && result.stderr.isEmpty, "\(result)")
        try pail.wait()
        #expect(try pail.ls("many").count == 30)
    }

    @Test("by default a folder upload prints one summary line, not a line per file")
    func summaryByDefault() throws {
        let pail = try Self.folder(30)
        let result = try pail.success("upload", pail.local("many"), "many/")
        let bytes = (0..<30).reduce(0) { $0 + 10 + $1 }
        #expect(result.stdoutLines == ["uploaded 30 files, \(bytes) B"], "\(result)")
        #expect(result.stderr.isEmpty, "no progress bar without a terminal")
    }

    @Test("-v lists each file, then the summary")
    func verboseListsTheFiles() throws {
        let pail = try Self.folder(3)
        let lines = try pail.success("upload", "-v", pail.local("many"), "many/").stdoutLines
        #expect(lines.count == 4 && lines.last == "uploaded 3 files, 33 B")
        #expect(Set(lines.dropLast().map { $0.split(separator: " ")[1] }) == ["many/f0.txt", "many/f1.txt", "many/f2.txt"])
    }

    @Test("one file prints its own line, as before")
    func oneFilePrintsItsLine() throws {
        let pail = try PailRunner()
        let result = try pail.success("upload", try pail.makeFile("a.txt", size: 5), "a.txt")
        #expect(result.stdoutLines.count == 1 && result.stdoutLines[0].hasPrefix("uploaded a.txt  5 B  "))
    }

    @Test("on a terminal a folder upload draws a progress bar and still prints one summary line")
    func progressBarOnATerminal() throws {
        let pail = try Self.folder(30)
        // `script` gives the upload a terminal for its output.
        let result = try pail.shell("script -qec '\"$PAIL\" upload many many/' /dev/null")
        #expect(result.succeeded, "\(result)")
        #expect(result.stdout.contains("30/30 files") && result.stdout.contains("\u{1B}[K["), "a bar was drawn: \(result)")
        #expect(result.stdout.components(separatedBy: "uploaded ").count == 2, "one summary line: \(result)")
    }

    @Test("-q and -v together are refused")
    func quietAndVerboseAreRefused() throws {
        let pail = try Self.folder(1)
        try pail.failure("InvalidArgument", ["upload", "-q", "-v", pail.local("many"), "many/"])
    }
}
