import Foundation
import Testing

/// The URLs Pail prints, opened with curl against `pail serve`: share links, presigned GET (whole and
/// ranged) and PUT, and the refusals of a tampered, an expired and an oversized request.
@Suite("pail serve: URLs with curl")
struct ServeCurlTests {
    struct Answer {
        let status: Int
        let headers: [String: String]
        let body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Runs curl (no retries, no proxies) and returns the final answer's status, headers and body.
    static func curl(_ arguments: [String], in pail: PailRunner) throws -> Answer {
        let id = UUID().uuidString
        let bodyPath = pail.local("curl-\(id).body"), headerPath = pail.local("curl-\(id).headers")
        let result = try Command.run(
            "/usr/bin/curl", ["-sS", "--noproxy", "*", "-o", bodyPath, "-D", headerPath, "-w", "%{http_code}"] + arguments)
        #expect(result.status == 0, "curl failed: \(result.stderr)")
        let headerText = String(decoding: FileManager.default.contents(atPath: headerPath) ?? Data(), as: UTF8.self)
        var headers: [String: String] = [:]
        for line in headerText.split(separator: "\r\n") where line.contains(":") {
            let colon = line.firstIndex(of: ":")!
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Answer(status: Int(result.stdout) ?? 0, headers: headers, body: FileManager.default.contents(atPath: bodyPath) ?? Data())
    }

    @Test("a share link and a presigned GET download the bytes (206 for a range); a presigned PUT stores with curl -T")
    func urlsWork() throws {
        let pail = try PailRunner()
        let server = try PailServe(pail)
        let file = try pail.makeFile("report.pdf", size: 200_000, seed: 7)
        try pail.success("upload", file, "docs/quarterly report é.pdf")
        try pail.wait()

        let link = try pail.success("share", "docs/quarterly report é.pdf").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(link.hasPrefix(server.endpoint + "/pail/alice/docs/"), "the link names the endpoint pail serve listens on: \(link)")
        let shared = try Self.curl([link], in: pail)
        #expect(shared.status == 200)
        #expect(shared.body == FileManager.default.contents(atPath: file))
        #expect(shared.headers["content-type"] == "application/pdf")
        #expect(shared.headers["content-disposition"]?.contains("inline; filename=\"quarterly report _.pdf\"") == true, "\(shared.headers)")
        #expect(shared.headers["content-disposition"]?.contains("filename*=UTF-8''quarterly%20report%20%C3%A9.pdf") == true)
        #expect(shared.headers["etag"] == "\"\(try LocalFiles.md5(ofFile: file))\"")

        let get = try pail.success("presign", "get", "docs/quarterly report é.pdf").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let ranged = try Self.curl(["-H", "Range: bytes=100-199", get], in: pail)
        #expect(ranged.status == 206)
        #expect(ranged.body == FileManager.default.contents(atPath: file)?.subdata(in: 100..<200))
        #expect(ranged.headers["content-range"] == "bytes 100-199/200000")
        let unsatisfiable = try Self.curl(["-H", "Range: bytes=300000-", get], in: pail)
        #expect(unsatisfiable.status == 416)
        #expect(unsatisfiable.headers["content-range"] == "bytes */200000")
        #expect(unsatisfiable.text.contains("<Code>InvalidRange</Code>"))

        let upload = try pail.makeFile("notes.txt", size: 5_000, seed: 9)
        let put = try pail.success("presign", "put", "inbox/notes.txt").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let stored = try Self.curl(["-T", upload, put], in: pail)
        #expect(stored.status == 200, "\(stored.text)")
        #expect(stored.headers["etag"] == "\"\(try LocalFiles.md5(ofFile: upload))\"")
        try pail.wait()
        #expect(try pail.ls("inbox/").map(\.path) == ["inbox/notes.txt"])
        try pail.check()
    }

    @Test("tampered → 403 SignatureDoesNotMatch, expired → 403 AccessDenied, over the grant → refused; nothing changes")
    func refusals() throws {
        let pail = try PailRunner()
        let server = try PailServe(pail)
        defer { withExtendedLifetime(server) {} }
        let file = try pail.makeFile("a.txt", size: 1_000, seed: 1)
        try pail.success("upload", file, "a.txt")
        try pail.wait()

        let get = try pail.success("presign", "get", "a.txt").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let tampered = try Self.curl([get.replacingOccurrences(of: "/alice/a.txt", with: "/alice/b.txt")], in: pail)
        #expect(tampered.status == 403)
        #expect(tampered.headers["content-type"] == "application/xml")
        #expect(tampered.text.contains("<Code>SignatureDoesNotMatch</Code>") && tampered.text.contains("<RequestId>"), "\(tampered.text)")

        let shortLived = try pail.success("presign", "get", "a.txt", "--expires", "1").stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        Thread.sleep(forTimeInterval: 2.2)
        let expired = try Self.curl([shortLived], in: pail)
        #expect(expired.status == 403)
        #expect(expired.text.contains("<Code>AccessDenied</Code>") && expired.text.contains("expired"), "\(expired.text)")

        let small = try pail.success("presign", "put", "b.txt", "--size", "10").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let oversized = try Self.curl(["-T", file, small], in: pail)
        #expect(oversized.status == 400)
        #expect(oversized.text.contains("<Code>EntityTooLarge</Code>"), "\(oversized.text)")
        try pail.wait()
        #expect(try pail.ls().map(\.path) == ["a.txt"])
        try pail.check()
    }
}
