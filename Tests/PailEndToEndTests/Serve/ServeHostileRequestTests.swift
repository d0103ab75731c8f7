import Crypto
import Foundation
import PailCore
import Testing

/// Requests no polite client sends, written byte by byte over a socket: every one gets an S3 error (a
/// status and, but for HEAD, an XML body naming the code), the server keeps serving, and nothing changes.
@Suite("pail serve: hostile requests")
struct ServeHostileRequestTests {
    /// A request, signed (SigV4, as botocore signs) with `credentials` unless `sign` is false.
    struct Raw {
        var method = "GET"
        var path = "/pail/alice/a.txt"
        var query = ""
        var headers: [(String, String)] = []
        var body: [UInt8] = []
        var sign = true
        /// What `x-amz-content-sha256` says (by default the body's real hash).
        var payloadHash: String?
        var contentLength: Int?
        var signedAt = Date()
        var signingKey: (id: String, secret: String)?
    }

    static func bytes(_ raw: Raw, host: String, credentials: PailCredentials) -> [UInt8] {
        var headers = raw.headers
        headers.append(("host", host))
        if raw.sign {
            let amzDate = SigV4.amzDate(raw.signedAt)
            let hash = raw.payloadHash ?? Hex.lowercase(SHA256.hash(data: Data(raw.body)))
            headers += [("x-amz-date", amzDate), ("x-amz-content-sha256", hash)]
            let signed = headers.map { (name: $0.0.lowercased(), value: $0.1) }.sorted { $0.name < $1.name }
            let segments = raw.path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
                .map { SigV4.percentDecode($0.utf8) ?? String($0) }
            let parameters = raw.query.split(separator: "&").map { pair -> (name: String, value: String) in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return (SigV4.percentDecode(parts[0].utf8) ?? "", parts.count > 1 ? SigV4.percentDecode(parts[1].utf8) ?? "" : "")
            }
            let canonical = SigV4.canonicalRequest(
                method: raw.method, canonicalURI: SigV4.canonicalURI(segments: segments), canonicalQuery: SigV4.canonicalQuery(parameters),
                headers: signed, payloadHash: hash)
            let key = raw.signingKey ?? (credentials.accessKeyId, credentials.secretAccessKey)
            let date = String(amzDate.prefix(8))
            let scope = SigV4.scope(date: date, region: credentials.region)
            let signature = SigV4.signature(
                key: SigV4.signingKey(secret: key.secret, date: date, region: credentials.region),
                stringToSign: SigV4.stringToSign(amzDate: amzDate, scope: scope, canonicalRequest: canonical))
            headers.append(
                (
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=\(key.id)/\(scope), SignedHeaders=\(signed.map(\.name).joined(separator: ";")), Signature=\(signature)"
                ))
        }
        if raw.contentLength != nil || !raw.body.isEmpty || ["PUT", "POST"].contains(raw.method) {
            headers.append(("Content-Length", String(raw.contentLength ?? raw.body.count)))
        }
        var text = "\(raw.method) \(raw.path)\(raw.query.isEmpty ? "" : "?" + raw.query) HTTP/1.1\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "Connection: close\r\n\r\n"
        return Array(text.utf8) + raw.body
    }

    static func deleteBody(_ keys: [String], doctype: String = "") -> [UInt8] {
        Array("<?xml version=\"1.0\"?>\(doctype)<Delete>\(keys.map { "<Object><Key>\($0)</Key></Object>" }.joined())</Delete>".utf8)
    }

    static func md5Header(_ body: [UInt8]) -> (String, String) {
        ("Content-MD5", Data(Insecure.MD5.hash(data: Data(body))).base64EncodedString())
    }

    @Test("at least 40 hostile requests: each an S3 error with its code; the server keeps serving; nothing changes")
    func corpus() throws {
        let pail = try PailRunner()
        let server = try PailServe(pail)
        let credentials = try server.credentials()
        let file = try pail.makeFile("a.txt", size: 1_000, seed: 1)
        try pail.success("upload", file, "a.txt")
        try pail.success("upload", file, "b.txt", user: "bob")
        try pail.wait()
        let before = try pail.success("ls", "--json").stdout
        let host = String(server.endpoint.dropFirst("http://".count))
        let port = Int(host.split(separator: ":").last!)!
        let presigned = try pail.success("presign", "get", "a.txt").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let presignedQuery = String(presigned[presigned.range(of: "?")!.upperBound...])
        let hourAgo = Date().addingTimeInterval(-3600)
        let auth =
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/20261130/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature="
        let oneThousandAndOne = (0...1000).map { "alice/k\($0)" }

        let corpus: [(String, Raw, Int, String)] = [
            ("anonymous list of buckets", Raw(path: "/", sign: false), 403, "AccessDenied"),
            ("anonymous read", Raw(sign: false), 403, "AccessDenied"),
            ("anonymous write", Raw(method: "PUT", body: Array("x".utf8), sign: false), 403, "AccessDenied"),
            (
                "authorization without fields", Raw(headers: [("Authorization", "AWS4-HMAC-SHA256")], sign: false), 400,
                "AuthorizationHeaderMalformed"
            ),
            (
                "SigV2 header", Raw(headers: [("Authorization", "AWS \(credentials.accessKeyId):c2lnbmF0dXJl")], sign: false), 400,
                "InvalidRequest"
            ),
            (
                "another region",
                Raw(
                    headers: [
                        (
                            "Authorization",
                            auth.replacingOccurrences(of: "us-east-1", with: "eu-west-1") + String(repeating: "0", count: 64)
                        ), ("x-amz-date", SigV4.amzDate(Date())), ("x-amz-content-sha256", "UNSIGNED-PAYLOAD"),
                    ], sign: false), 400, "AuthorizationHeaderMalformed"
            ),
            (
                "a signature that is not hex",
                Raw(headers: [("Authorization", auth + "zz"), ("x-amz-date", SigV4.amzDate(Date()))], sign: false), 400,
                "AuthorizationHeaderMalformed"
            ),
            (
                "a wrong signature",
                Raw(
                    headers: [
                        (
                            "Authorization",
                            auth.replacingOccurrences(of: "20261130", with: String(SigV4.amzDate(Date()).prefix(8)))
                                + String(repeating: "0", count: 64)
                        ), ("x-amz-date", SigV4.amzDate(Date())), ("x-amz-content-sha256", "UNSIGNED-PAYLOAD"),
                    ], sign: false), 403, "SignatureDoesNotMatch"
            ),
            ("an unknown key", Raw(signingKey: (id: "AKPAILNOSUCHKEY00000", secret: "x")), 403, "InvalidAccessKeyId"),
            (
                "the right key id, the wrong secret", Raw(signingKey: (id: credentials.accessKeyId, secret: "not the secret")), 403,
                "SignatureDoesNotMatch"
            ),
            ("no date", Raw(headers: [("Authorization", auth + String(repeating: "0", count: 64))], sign: false), 403, "AccessDenied"),
            (
                "no payload hash",
                Raw(
                    headers: [
                        (
                            "Authorization",
                            auth.replacingOccurrences(of: "20261130", with: String(SigV4.amzDate(Date()).prefix(8)))
                                + String(repeating: "0", count: 64)
                        ), ("x-amz-date", SigV4.amzDate(Date())),
                    ], sign: false), 400, "InvalidRequest"
            ),
            ("signed an hour ago", Raw(signedAt: hourAgo), 403, "RequestTimeTooSkewed"),
            ("header and query auth at once", Raw(query: presignedQuery), 400, "InvalidArgument"),
            (
                "a query signature without its parameters", Raw(query: "X-Amz-Algorithm=AWS4-HMAC-SHA256", sign: false), 400,
                "AuthorizationQueryParametersError"
            ),
            (
                "a presigned URL for another key", Raw(path: "/pail/alice/b.txt", query: presignedQuery, sign: false), 403,
                "SignatureDoesNotMatch"
            ),
            (
                "a presigned URL used to write", Raw(method: "PUT", query: presignedQuery, body: Array("x".utf8), sign: false), 403,
                "SignatureDoesNotMatch"
            ),
            (
                "a presigned URL with a tampered expiry",
                Raw(query: presignedQuery.replacingOccurrences(of: "X-Amz-Expires=900", with: "X-Amz-Expires=604800"), sign: false), 403,
                "SignatureDoesNotMatch"
            ),
            ("a broken %-escape in the path", Raw(path: "/pail/alice/a%zz.txt"), 400, "InvalidURI"),
            ("bytes that are not UTF-8", Raw(path: "/pail/alice/a%ff.txt"), 400, "InvalidURI"),
            ("%2e%2e climbing into bob's files", Raw(path: "/pail/alice/%2e%2e/bob/b.txt"), 400, "InvalidArgument"),
            ("raw .. climbing into bob's files", Raw(path: "/pail/alice/../bob/b.txt"), 400, "InvalidArgument"),
            ("an encoded slash making an empty segment", Raw(path: "/pail/alice/%2Fb.txt"), 400, "InvalidArgument"),
            ("a . segment", Raw(path: "/pail/alice/./a.txt"), 400, "InvalidArgument"),
            ("double encoding is a name, not a climb", Raw(path: "/pail/alice/%252e%252e/b.txt"), 404, "NoSuchKey"),
            (
                "a key over 1,024 bytes",
                Raw(method: "PUT", path: "/pail/alice/" + String(repeating: "k", count: 1100), body: Array("x".utf8)), 400,
                "InvalidArgument"
            ),
            (
                "a key not in normal form C", Raw(method: "PUT", path: "/pail/alice/cafe%CC%81.txt", body: Array("x".utf8)), 400,
                "InvalidArgument"
            ),
            ("bob's file with alice's key", Raw(path: "/pail/bob/b.txt"), 403, "AccessDenied"),
            ("writing into bob's partition", Raw(method: "PUT", path: "/pail/bob/new.txt", body: Array("x".utf8)), 403, "AccessDenied"),
            (
                "copying bob's file out",
                Raw(method: "PUT", path: "/pail/alice/stolen.txt", headers: [("x-amz-copy-source", "/pail/bob/b.txt")]), 403, "AccessDenied"
            ),
            (
                "copying from another bucket",
                Raw(method: "PUT", path: "/pail/alice/c.txt", headers: [("x-amz-copy-source", "/elsewhere/x")]), 404, "NoSuchBucket"
            ),
            (
                "a copy source without a key", Raw(method: "PUT", path: "/pail/alice/c.txt", headers: [("x-amz-copy-source", "nokey")]),
                400, "InvalidArgument"
            ),
            ("listing bob's partition", Raw(path: "/pail", query: "list-type=2&prefix=bob%2F"), 403, "AccessDenied"),
            ("a negative max-keys", Raw(path: "/pail", query: "list-type=2&max-keys=-1"), 400, "InvalidArgument"),
            ("an unknown encoding type", Raw(path: "/pail", query: "list-type=2&encoding-type=base64"), 400, "InvalidArgument"),
            (
                "a continuation token that is not one", Raw(path: "/pail", query: "list-type=2&continuation-token=%21%21"), 400,
                "InvalidArgument"
            ),
            ("another bucket", Raw(path: "/elsewhere/alice/a.txt"), 404, "NoSuchBucket"),
            ("an unsatisfiable range", Raw(headers: [("Range", "bytes=5000-")]), 416, "InvalidRange"),
            ("a condition that does not hold", Raw(headers: [("If-Match", "\"0123\"")]), 412, "PreconditionFailed"),
            ("a version that does not exist", Raw(query: "versionId=nope"), 404, "NoSuchVersion"),
            ("a parameter given twice", Raw(query: "versionId=1&versionId=2"), 400, "InvalidArgument"),
            ("an ACL", Raw(query: "acl"), 501, "NotImplemented"),
            ("tagging", Raw(method: "PUT", query: "tagging", body: Array("<Tagging/>".utf8)), 501, "NotImplemented"),
            ("an unknown method", Raw(method: "PATCH"), 405, "MethodNotAllowed"),
            ("deleting the bucket", Raw(method: "DELETE", path: "/pail"), 405, "MethodNotAllowed"),
            (
                "a body that is not the signed one",
                Raw(method: "PUT", path: "/pail/alice/n.txt", body: Array("hello".utf8), payloadHash: String(repeating: "a", count: 64)),
                400, "XAmzContentSHA256Mismatch"
            ),
            (
                "a payload hash that is no hash",
                Raw(method: "PUT", path: "/pail/alice/n.txt", body: Array("hello".utf8), payloadHash: "NOT-A-HASH"), 400, "InvalidArgument"
            ),
            (
                "a batch delete without Content-MD5",
                Raw(method: "POST", path: "/pail", query: "delete", body: Self.deleteBody(["alice/a.txt"])), 400, "InvalidRequest"
            ),
            (
                "a batch delete that is not XML",
                Raw(
                    method: "POST", path: "/pail", query: "delete", headers: [Self.md5Header(Array("<Delete".utf8))],
                    body: Array("<Delete".utf8)), 400, "MalformedXML"
            ),
            (
                "a batch delete with a DOCTYPE",
                Raw(
                    method: "POST", path: "/pail", query: "delete",
                    headers: [
                        Self.md5Header(
                            Self.deleteBody(["alice/a.txt"], doctype: "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"))
                    ], body: Self.deleteBody(["alice/a.txt"], doctype: "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>")), 400,
                "MalformedXML"
            ),
            (
                "a batch delete of 1,001 keys",
                Raw(
                    method: "POST", path: "/pail", query: "delete", headers: [Self.md5Header(Self.deleteBody(oneThousandAndOne))],
                    body: Self.deleteBody(oneThousandAndOne)), 400, "MalformedXML"
            ),
        ]
        #expect(corpus.count >= 40)
        for (name, raw, status, code) in corpus {
            let answer = try RawHTTP.send(Self.bytes(raw, host: host, credentials: credentials), port: port)
            #expect(answer.status == status, "\(name): \(answer.head)\n\(answer.body)")
            #expect(answer.body.contains("<Code>\(code)</Code>"), "\(name): \(answer.body)")
            #expect(answer.body.contains("<RequestId>"), "\(name)")
        }

        // Framing the HTTP parser refuses: a header section over its limit, and a body cut short.
        let huge = Raw(headers: [("x-padding", String(repeating: "p", count: 200_000))])
        let hugeAnswer = try RawHTTP.send(Self.bytes(huge, host: host, credentials: credentials), port: port)
        #expect((400...499).contains(hugeAnswer.status) || hugeAnswer.status == 0, "huge header: \(hugeAnswer.head)")
        var short = Raw(method: "PUT", path: "/pail/alice/short.txt", body: Array("only five".utf8))
        short.contentLength = 1000
        let shortAnswer = try RawHTTP.send(Self.bytes(short, host: host, credentials: credentials), port: port)
        #expect(shortAnswer.status != 200, "a body shorter than its Content-Length is never stored: \(shortAnswer.head)")

        // Still serving, and nothing changed.
        let list = try RawHTTP.send(Self.bytes(Raw(path: "/pail", query: "list-type=2"), host: host, credentials: credentials), port: port)
        #expect(list.status == 200 && list.body.contains("<Key>alice/a.txt</Key>"), "\(list.head)\n\(list.body)")
        try pail.wait()
        #expect(try pail.success("ls", "--json").stdout == before)
        #expect(try pail.ls(user: "bob").map(\.path) == ["b.txt"])
        try pail.check()
    }
}
