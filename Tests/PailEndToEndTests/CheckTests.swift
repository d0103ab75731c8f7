import Foundation
import Testing

/// `pail check` tells the truth: it reports real damage, and never work in flight as damage.
@Suite("Check")
struct CheckTests {
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
