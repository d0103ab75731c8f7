import Foundation
import Testing

/// `pail check` tells the truth: it reports real damage, and never work in flight as damage.
@Suite("Check")
struct CheckTests {
    @Test("check --deep finds a blob file truncated or overwritten in place and names the file; a plain check cannot")
    func deepCheckFindsDamagedBlobs() throws {
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("a.txt", size: 50_000, seed: 1), "docs/a.txt")
        try pail.success("upload", try pail.makeFile("b.bin", size: 70_000, seed: 2), "docs/b.bin")
        try pail.success("upload", try pail.makeFile("c.txt", size: 1_000, seed: 3), "c.txt")
        try pail.wait()
        let healthy = try pail.success("check", "--deep")
        #expect(healthy.stdout.hasPrefix("consistent"), "\(healthy)")
        #expect(healthy.stderr.contains("read 3 blobs, 121 kB") && healthy.stderr.contains(" MB/s"), "\(healthy)")

        let files = Dictionary(uniqueKeysWithValues: try pail.ls().map { ($0.path, $0) })
        let a = try #require(files["docs/a.txt"]), b = try #require(files["docs/b.bin"])
        let truncated = try FileHandle(forWritingTo: URL(fileURLWithPath: try Self.blobFile(holding: a.etag, in: pail)))
        try truncated.truncate(atOffset: 20_000)
        try truncated.close()
        let overwritten = try FileHandle(forUpdating: URL(fileURLWithPath: try Self.blobFile(holding: b.etag, in: pail)))
        try overwritten.seek(toOffset: 1234)
        let byte = try #require(try overwritten.read(upToCount: 1))
        try overwritten.seek(toOffset: 1234)
        try overwritten.write(contentsOf: Data([byte[0] ^ 0xFF]))
        try overwritten.close()

        try pail.check()
        let damaged = try pail.run(["check", "--deep"])
        #expect(!damaged.succeeded && damaged.stderr.contains("error: Inconsistent: 2 differences"), "\(damaged)")
        let lines = damaged.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(damaged)")
        #expect(
            lines.contains {
                $0.hasPrefix("alice/docs/a.txt: the bytes on disk (20000 bytes, MD5 ")
                    && $0.contains("do not match its ETag (50000 bytes, ETag \(a.etag))")
            }, "\(damaged)")
        #expect(
            lines.contains {
                $0.hasPrefix("alice/docs/b.bin: the bytes on disk (70000 bytes, MD5 ")
                    && $0.contains("do not match its ETag (70000 bytes, ETag \(b.etag))")
            }, "\(damaged)")
    }

    /// The blob file under the root whose bytes have this MD5.
    static func blobFile(holding etag: String, in pail: PailRunner) throws -> String {
        let blobs = pail.root + "/blobs"
        let match = try LocalFiles.regularFiles(under: blobs).first { try LocalFiles.md5(ofFile: blobs + "/" + $0) == etag }
        return blobs + "/" + (try #require(match, "no blob holds \(etag)"))
    }

    @Test("check, run again and again while another process uploads a large folder, never reports a difference")
    func checkDuringAFolderUpload() throws {
        let pail = try PailRunner()
        let count = 400
        for index in 0..<count { try pail.makeFile("big/f\(index).bin", size: 20_000 + index, seed: UInt64(index + 1)) }
        let upload = try pail.start(["upload", "-q", "big", "big/"])
        var checks = 0
        repeat {
            let result = try pail.run(["check", "--json"])
            let report = try result.decode(CheckReport.self)
            #expect(result.succeeded && report.consistent && report.differences.isEmpty, "check \(checks + 1) during the upload: \(result)")
            checks += 1
        } while upload.isRunning
        let uploaded = try upload.waitForExit(timeout: PailRunner.timeout)
        try #require(uploaded.succeeded, "\(uploaded)")
        try pail.wait()
        #expect(try pail.ls("big/").count == count)
        try pail.check()
    }
}
