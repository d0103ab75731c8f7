import Foundation
import Testing

@testable import PailCore

/// Requests signed in the `Authorization` header (`SigV4HeaderSigner`) as the S3 store will send them, against
/// moto's S3 server with its signature checks on: a bucket is made, an object written, read back and listed;
/// a request with its signature, key or method changed is refused. Keys and prefixes are of the form the store
/// writes (ids, no character that needs encoding): moto 5.2's signature check signs the decoded path and query,
/// so it refuses even boto3's own requests for a key with a space or a prefix ending in `/`.
@Suite(.enabled(if: MotoServer.isAvailable, "python3 with moto[server] is not installed; skipping the moto signing tests"))
struct MotoSigningTests {
    /// Sends a signed request with curl: the status and the body. `signedFor` signs the path of another key.
    static func send(
        _ moto: MotoServer, _ method: String, _ segments: [String], query: [(name: String, value: String)] = [], body: String? = nil,
        secret: String? = nil, signedFor: [String]? = nil,
        changing: (([(name: String, value: String)]) -> [(name: String, value: String)])? = nil
    ) throws -> (status: Int, body: String) {
        let host = String(moto.endpoint.dropFirst("http://".count))
        let signer = SigV4HeaderSigner(accessKeyId: moto.accessKeyId, secretAccessKey: secret ?? moto.secretAccessKey, region: "us-east-1")
        var headers = signer.sign(
            method: method, host: host, segments: signedFor ?? segments, query: query, headers: [],
            payloadHash: SigV4.sha256Hex(body ?? ""), now: Date()
        )
        headers = changing?(headers) ?? headers
        let folder = try TemporaryFolder("pail-moto")
        defer { folder.remove() }
        var arguments = ["-s", "-o", folder.path + "/out", "-w", "%{http_code}", "-X", method]
        for header in headers where header.name != "host" { arguments += ["-H", "\(header.name): \(header.value)"] }
        if let body {
            try body.write(toFile: folder.path + "/in", atomically: true, encoding: .utf8)
            arguments += ["--data-binary", "@" + folder.path + "/in", "-H", "content-type:"]
        }
        let path = SigV4.canonicalURI(segments: segments)
        let text = SigV4.canonicalQuery(query)  // encoded and sorted: a query string as any client sends it
        let result = try Command.run("/usr/bin/curl", arguments + [moto.endpoint + path + (text.isEmpty ? "" : "?" + text)])
        let answer = String(decoding: FileManager.default.contents(atPath: folder.path + "/out") ?? Data(), as: UTF8.self)
        return (Int(result.stdout) ?? 0, answer)
    }

    @Test func mySignedRequestsWriteReadAndListAndChangedOnesAreRefused() throws {
        let moto = try MotoServer()
        #expect(try Self.send(moto, "PUT", ["pail-blobs"]).status == 200, "the bucket is made")
        let key = ["pail-blobs", "blobs", "0a", "plain"]
        let written = try Self.send(moto, "PUT", key, body: "hello, moto")
        #expect(written.status == 200, "\(written.body)")
        let read = try Self.send(moto, "GET", key)
        #expect(read.status == 200 && read.body == "hello, moto")
        let list = try Self.send(moto, "GET", ["pail-blobs"], query: [(name: "list-type", value: "2"), (name: "prefix", value: "blobs")])
        #expect(list.status == 200 && list.body.contains("<Key>blobs/0a/plain</Key>"), "\(list.status) \(list.body)")

        let refused = [
            try Self.send(moto, "GET", key, secret: "not the secret"),
            try Self.send(moto, "GET", key) { headers in
                headers.map { header in
                    guard header.name == "authorization" else { return header }
                    return (name: header.name, value: String(header.value.dropLast()) + (header.value.hasSuffix("0") ? "1" : "0"))
                }
            },
            try Self.send(moto, "GET", ["pail-blobs", "blobs", "0a", "another"], signedFor: key),
        ]
        for answer in refused {
            #expect(answer.status == 403 && answer.body.contains("SignatureDoesNotMatch"), "\(answer.status) \(answer.body)")
        }
        #expect(try Self.send(moto, "DELETE", key).status == 204)
        #expect(try Self.send(moto, "GET", key).status == 404)
    }
}
