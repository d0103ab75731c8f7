import Foundation
import Testing

@Suite("The local side")
struct LocalSideTests {
    @Test("fetch to one-character names, to - (standard output), to a new folder/, never onto a device or FIFO")
    func fetchTargets() throws {
        let pail = try PailRunner()
        let file = try pail.makeFile("report.pdf", size: 3_000, seed: 7)
        let md5 = try LocalFiles.md5(ofFile: file)
        try pail.success("upload", file, "docs/report.pdf")

        try pail.success("fetch", "docs/report.pdf", "x")  // the working folder is files/
        #expect(try LocalFiles.md5(ofFile: pail.local("x")) == md5)
        let piped = try pail.success("fetch", "docs/report.pdf", "-", "-q")
        #expect(piped.stdoutData.count == 3_000)
        #expect(md5Hex(piped.stdoutData) == md5)

        try pail.success("fetch", "docs/report.pdf", pail.local("new/folder/"))
        #expect(try LocalFiles.md5(ofFile: pail.local("new/folder/report.pdf")) == md5)
        // A second fetch onto the file now there is a Conflict, and the file is untouched.
        try pail.failure("Conflict", ["fetch", "docs/report.pdf", pail.local("new/folder/")])
        try pail.success("fetch", "docs/report.pdf", pail.local("new/folder/"), "--keep-both")
        #expect(FileManager.default.fileExists(atPath: pail.local("new/folder/report (2).pdf")))

        #expect(mkfifo(pail.local("fifo"), 0o600) == 0)
        let fifo = try pail.failure("InvalidArgument", ["fetch", "docs/report.pdf", pail.local("fifo"), "--overwrite"])
        #expect(fifo.contains("FIFO"))
        #expect(LocalSideTests.isFIFO(pail.local("fifo")))
        try pail.failure("InvalidArgument", ["fetch", "docs/report.pdf", "/dev/null", "--overwrite"])
        let url = try pail.success("presign", "get", "docs/report.pdf").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try pail.failure("InvalidArgument", ["get-url", url, pail.local("fifo")])
        try pail.success("get-url", url, "-")
    }

    @Test("uploads refuse FIFOs at once and read /proc files by reading them")
    func specialUploads() throws {
        let pail = try PailRunner()
        #expect(mkfifo(pail.local("pipe"), 0o600) == 0)
        let started = Date()
        let message = try pail.failure("InvalidArgument", ["upload", pail.local("pipe"), "pipe"])
        #expect(message.contains("FIFO") && Date().timeIntervalSince(started) < 10)
        try pail.success("upload", "/proc/self/status", "status.txt")
        try pail.wait()
        #expect(try pail.ls().first?.size ?? 0 > 100)
        try pail.check()
    }

    @Test("a folder upload stops as soon as its files pass the quota, instead of reading the whole tree")
    func hugeFolders() throws {
        let pail = try PailRunner()
        try pail.success("users", "add", "alice", "--quota", "1MB")
        // `pail upload /` stops as soon as the files found pass the quota, instead of reading the whole machine.
        let started = Date()
        let message = try pail.failure("QuotaExceeded", ["upload", "/usr", "everything/"])
        #expect(message.contains("holds more than 1.0 MB") && Date().timeIntervalSince(started) < 20, "\(message)")
    }

    @Test("output that cannot be written exits non-zero with InsufficientStorage")
    func fullStandardOutput() throws {
        let pail = try PailRunner()
        for index in 0..<200 { try pail.makeFile("many/f\(index).txt", size: 1, seed: UInt64(index)) }
        try pail.success("upload", pail.local("many"), "many/")
        for arguments in ["ls --json", "ls", "fetch many/f1.txt -"] {
            let result = try pail.shell("\"$PAIL\" \(arguments) > /dev/full")
            #expect(result.status != 0, "\(arguments): \(result)")
            #expect(result.stderr.contains("InsufficientStorage"), "\(arguments): \(result)")
        }
    }

    @Test("a download killed part-way leaves a temporary file that the next fetch into that folder removes")
    func abandonedPartialDownloads() throws {
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("a.txt", size: 10), "a.txt")
        // What a killed download leaves: its pid is gone, nobody holds the file.
        let stale = pail.local("out/.pail-download-999999999-abc.part")
        try LocalFiles.write(path: stale, size: 1_000, seed: 1)
        let live = pail.local("out/.pail-download-\(getpid())-def.part")
        try LocalFiles.write(path: live, size: 1_000, seed: 2)
        try pail.success("fetch", "a.txt", pail.local("out/"))
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: live))
    }

    static func isFIFO(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO
    }
}
