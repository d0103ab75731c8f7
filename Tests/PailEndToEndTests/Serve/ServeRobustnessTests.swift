import Foundation
import Testing

/// `pail serve` under what goes wrong in real life: clients that vanish mid-upload, the server killed
/// mid-upload, a stop while an upload runs, hundreds of connections at once, and clients that trickle.
@Suite("pail serve: robustness")
struct ServeRobustnessTests {
    typealias Raw = ServeHostileRequestTests.Raw

    static func blobCount(_ pail: PailRunner) -> Int {
        (FileManager.default.enumerator(atPath: pail.root + "/blobs")?.allObjects as? [String] ?? [])
            .filter { $0.split(separator: "/").count == 2 }.count
    }

    static func port(_ server: PailServe) -> Int { Int(server.endpoint.split(separator: ":").last!)! }
    static func host(_ server: PailServe) -> String { String(server.endpoint.dropFirst("http://".count)) }

    /// The head of a signed PUT of `size` bytes (unsigned payload), to be followed by its body.
    static func putHead(_ key: String, size: Int, server: PailServe, credentials: PailCredentials) -> [UInt8] {
        var raw = Raw(method: "PUT", path: "/pail/\(key)", payloadHash: "UNSIGNED-PAYLOAD")
        raw.contentLength = size
        return ServeHostileRequestTests.bytes(raw, host: host(server), credentials: credentials)
    }

    @Test("a client that goes away mid-upload, or a server killed mid-upload, leaves nothing stored or listed")
    func interruptedUploads() throws {
        let pail = try PailRunner()
        var server = try PailServe(pail)
        let credentials = try server.credentials()
        let blobsBefore = Self.blobCount(pail)
        let chunk = [UInt8](repeating: 7, count: 1 << 20)

        let vanishing = try RawConnection(port: Self.port(server))
        vanishing.write(Self.putHead("alice/vanished.bin", size: 20 << 20, server: server, credentials: credentials))
        for _ in 0..<5 { vanishing.write(chunk) }
        vanishing.reset()

        let cut = try RawConnection(port: Self.port(server))
        cut.write(Self.putHead("alice/cut.bin", size: 20 << 20, server: server, credentials: credentials))
        for _ in 0..<5 { cut.write(chunk) }
        Thread.sleep(forTimeInterval: 0.3)
        server.process.kill(SIGKILL)
        _ = try server.process.waitForExit(timeout: 10)

        // A new server on the same root (its start recovers what the killed one left), then the checks.
        server = try PailServe(pail)
        try pail.wait()
        #expect(try pail.ls().isEmpty)
        try pail.check()
        #expect(Self.blobCount(pail) == blobsBefore, "no blob of an unfinished upload is left")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: pail.root + "/tmp"))?.isEmpty ?? true)
        withExtendedLifetime(server) {}
    }

    @Test(
        "a multipart upload whose client goes away mid-part, then whose server is killed mid-part: only whole parts stay, never listed; abort reclaims them"
    )
    func interruptedMultipartUploads() throws {
        let pail = try PailRunner()
        var server = try PailServe(pail)
        let credentials = try server.credentials()
        let blobsBefore = Self.blobCount(pail)
        func send(_ raw: Raw) throws -> RawHTTP.Answer {
            try RawHTTP.send(
                ServeHostileRequestTests.bytes(raw, host: Self.host(server), credentials: credentials), port: Self.port(server))
        }
        let created = try send(Raw(method: "POST", path: "/pail/alice/big.bin", query: "uploads"))
        #expect(created.status == 200, "\(created.body)")
        let uploadId = try #require(
            created.body.components(separatedBy: "<UploadId>").dropFirst().first?.components(separatedBy: "<").first)
        let whole = try send(
            Raw(
                method: "PUT", path: "/pail/alice/big.bin", query: "partNumber=1&uploadId=\(uploadId)",
                body: [UInt8](repeating: 1, count: 5 << 20)))
        #expect(whole.status == 200, "\(whole.body)")

        let chunk = [UInt8](repeating: 2, count: 1 << 20)
        func partHead(_ number: Int) -> [UInt8] {
            var raw = Raw(
                method: "PUT", path: "/pail/alice/big.bin", query: "partNumber=\(number)&uploadId=\(uploadId)",
                payloadHash: "UNSIGNED-PAYLOAD")
            raw.contentLength = 8 << 20
            return ServeHostileRequestTests.bytes(raw, host: Self.host(server), credentials: credentials)
        }
        let vanishing = try RawConnection(port: Self.port(server))
        vanishing.write(partHead(2))
        for _ in 0..<3 { vanishing.write(chunk) }
        vanishing.reset()
        let cut = try RawConnection(port: Self.port(server))
        cut.write(partHead(3))
        for _ in 0..<3 { cut.write(chunk) }
        Thread.sleep(forTimeInterval: 0.3)
        server.process.kill(SIGKILL)
        _ = try server.process.waitForExit(timeout: 10)

        server = try PailServe(pail)
        try pail.wait()
        #expect(try pail.ls().isEmpty, "parts are never files")
        try pail.check()
        let parts = try send(Raw(path: "/pail/alice/big.bin", query: "uploadId=\(uploadId)"))
        #expect(parts.status == 200 && parts.body.components(separatedBy: "<Part>").count == 2, "only part 1 is whole: \(parts.body)")
        #expect(parts.body.contains("<PartNumber>1</PartNumber>") && parts.body.contains("<Size>\(5 << 20)</Size>"))
        #expect(Self.blobCount(pail) == blobsBefore + 1, "the whole part's blob, and nothing of the cut ones")

        let aborted = try send(Raw(method: "DELETE", path: "/pail/alice/big.bin", query: "uploadId=\(uploadId)"))
        #expect(aborted.status == 204, "\(aborted.body)")
        let gone = try send(Raw(path: "/pail/alice/big.bin", query: "uploadId=\(uploadId)"))
        #expect(gone.status == 404 && gone.body.contains("<Code>NoSuchUpload</Code>"), "\(gone.body)")
        #expect(Self.blobCount(pail) == blobsBefore, "abort reclaims the parts' bytes")
        #expect(try pail.json(ServeQuota.self, ["quota"]).used == 0)
        try pail.check()
        withExtendedLifetime(server) {}
    }

    @Test("SIGTERM lets an upload in flight finish, then the server exits 0")
    func stopDrains() throws {
        let pail = try PailRunner()
        let server = try PailServe(pail)
        let credentials = try server.credentials()
        let size = 8 << 20
        let connection = try RawConnection(port: Self.port(server))
        connection.write(Self.putHead("alice/drained.bin", size: size, server: server, credentials: credentials))
        connection.write([UInt8](repeating: 1, count: size / 2))
        server.process.kill(SIGTERM)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(connection.write([UInt8](repeating: 1, count: size / 2)), "the server kept the connection open")
        let answer = connection.readAll(timeout: 10)
        #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer)")
        let stopped = try server.process.waitForExit(timeout: 20)
        #expect(stopped.status == 0, "\(stopped)")
        try pail.wait()
        #expect(try pail.ls().map(\.size) == [Int64(size)])
        try pail.check()
    }

    @Test("300 connections at once are all answered")
    func manyConnections() throws {
        let pail = try PailRunner()
        let server = try PailServe(pail)
        let credentials = try server.credentials()
        let request = ServeHostileRequestTests.bytes(
            Raw(path: "/pail", query: "list-type=2"), host: Self.host(server), credentials: credentials)
        let connections = try (0..<300).map { _ in try RawConnection(port: Self.port(server)) }
        for connection in connections { connection.write(request) }
        let answers = connections.map { $0.readAll(timeout: 30) }
        #expect(answers.filter { $0.hasPrefix("HTTP/1.1 200") }.count == 300, "\(answers.first { !$0.hasPrefix("HTTP/1.1 200") } ?? "")")
    }

    @Test("a client trickling its headers (slowloris) is cut off; others are served meanwhile")
    func slowClientsAreCutOff() throws {
        let pail = try PailRunner()
        let server = try PailServe(pail, arguments: ["--header-timeout", "1"])
        let credentials = try server.credentials()
        let slow = try (0..<20).map { _ in try RawConnection(port: Self.port(server)) }
        let started = Date()
        for step in 0..<6 {
            for connection in slow { connection.write(Array((step == 0 ? "GET /pail HTTP/1.1\r\n" : "X-Slow-\(step): y\r\n").utf8)) }
            Thread.sleep(forTimeInterval: 0.25)
        }
        let answer = try RawHTTP.send(
            ServeHostileRequestTests.bytes(Raw(path: "/pail", query: "list-type=2"), host: Self.host(server), credentials: credentials),
            port: Self.port(server))
        #expect(answer.status == 200)
        #expect(slow.allSatisfy { $0.isClosedByServer(within: 3) }, "every trickling connection is closed")
        #expect(Date().timeIntervalSince(started) < 6)
    }
}
