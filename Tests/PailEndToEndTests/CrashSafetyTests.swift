import Foundation
import Testing

/// An upload killed part-way leaves nothing behind: after `pail check` reopens the root (cleaning crash
/// leftovers, draining the buses), the file is not listed and no blob or temporary file is left over.
@Suite("Crash safety")
struct CrashSafetyTests {
    static let bigSize = 512 << 20

    /// When to kill an upload: once this fraction of its bytes is in the root's `tmp/` file (0: as soon as the
    /// file exists; 1: every byte is written and the upload is syncing, naming the blob or committing).
    /// Progress, not time, so the kills land at the same points however loaded the machine is.
    struct Moment: CustomStringConvertible {
        let fraction: Double
        var description: String { "with \(Int(fraction * 100))% of the bytes written" }
    }

    @Test("SIGKILL during an upload leaves no file, no stray blob, no temporary file")
    func killedUploads() throws {
        let pail = try PailRunner()
        let big = try pail.makeFile("big.bin", size: Self.bigSize, seed: 9)
        let bigMD5 = try LocalFiles.md5(ofFile: big)
        // The same upload, not killed, works.
        try pail.success("upload", big, "whole.bin", "--quiet")
        let keep = try pail.makeFile("keep.txt", size: 1_000)
        try pail.success("upload", keep, "keep.txt")
        try pail.wait()
        let kept = try pail.ls()
        #expect(kept.map(\.path) == ["keep.txt", "whole.bin"])
        #expect(kept.last?.etag == bigMD5)
        #expect(LocalFiles.regularFiles(under: pail.root + "/blobs").count == 2)

        for (index, moment) in [0, 0.05, 0.25, 0.5, 0.9, 1].map(Moment.init).enumerated() {
            let name = "big-\(index).bin"
            let earlier = Set(LocalFiles.regularFiles(under: pail.root + "/tmp"))
            let upload = try pail.start(["upload", big, name, "--quiet"])
            let temporary = try Self.waitForTemporaryFile(in: pail.root + "/tmp", besides: earlier, while: upload)
            try Self.waitUntil(size: Int64(Double(Self.bigSize) * moment.fraction), of: temporary, while: upload)
            upload.kill(SIGKILL)
            let result = try upload.waitForExit(timeout: 30)

            // Reopening the root cleans what the killed writer left; the buses drain.
            try pail.check()
            #expect(LocalFiles.regularFiles(under: pail.root + "/tmp") == [], "a temporary file left after a kill \(moment)")
            let listed = try pail.ls()
            if moment.fraction == 1, listed.contains(where: { $0.path == name }) {
                // The kill came after the commit: then the file is there, whole (never partial).
                #expect(listed.first { $0.path == name }?.etag == bigMD5, "killed \(moment)")
                #expect(listed.first { $0.path == name }?.size == Int64(Self.bigSize), "killed \(moment)")
                try pail.success("rm", name)
                try pail.wait()
            } else {
                try #require(
                    result.killedBySignal && result.status == SIGKILL, "the upload must still run when killed \(moment): \(result)")
                #expect(listed == kept, "killed \(moment)")
            }
            #expect(try pail.ls() == kept)
            #expect(try pail.quota().used == 1_000 + Int64(Self.bigSize), "killed \(moment)")
            #expect(LocalFiles.regularFiles(under: pail.root + "/blobs").count == 2, "a stray blob after a kill \(moment)")
            try pail.check()
        }
    }

    /// Waits (up to 20 s) until the upload has created its temporary file (one not in `earlier`), i.e. it is
    /// writing the blob; returns its path.
    static func waitForTemporaryFile(in folder: String, besides earlier: Set<String>, while upload: RunningPail) throws -> String {
        let deadline = Date().addingTimeInterval(20)
        while true {
            if let name = LocalFiles.regularFiles(under: folder).first(where: { !earlier.contains($0) }) { return folder + "/" + name }
            guard upload.isRunning else { throw TestFailure("the upload ended before writing anything") }
            guard Date() < deadline else { throw TestFailure("the upload wrote no temporary file within 20 s") }
            Thread.sleep(forTimeInterval: 0.001)
        }
    }

    /// Waits (up to 30 s) until `path` holds `size` bytes, or the upload ended.
    static func waitUntil(size: Int64, of path: String, while upload: RunningPail) throws {
        let deadline = Date().addingTimeInterval(30)
        while upload.isRunning, (try? LocalFiles.size(ofFile: path)) ?? size < size {
            guard Date() < deadline else { throw TestFailure("the upload did not write \(size) bytes within 30 s") }
            Thread.sleep(forTimeInterval: 0.001)
        }
    }
}
