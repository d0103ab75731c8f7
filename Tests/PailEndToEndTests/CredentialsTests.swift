import Foundation
import Testing

/// `pail credentials` gives what any SigV4 client needs, and URLs botocore signs with it work with Pail.
@Suite("Credentials and botocore")
struct CredentialsTests {
    @Test("credentials: the five fields, stable; the user's secret in the database, the root's in credentials.json, both mode 0600")
    func credentials() throws {
        let pail = try PailRunner()
        let credentials = try pail.success("credentials").decode(PailCredentials.self)
        #expect(credentials.accessKeyId.count >= 16)
        #expect(credentials.secretAccessKey.count >= 40)
        #expect(!credentials.region.isEmpty && credentials.endpoint == "http://localhost:9480" && !credentials.bucket.isEmpty)
        #expect(try pail.json(PailCredentials.self, ["credentials"]).secretAccessKey == credentials.secretAccessKey)
        let admin = try pail.success("credentials", "--admin").decode(PailCredentials.self)
        #expect(admin.accessKeyId != credentials.accessKeyId && admin.secretAccessKey != credentials.secretAccessKey)
        #expect(admin.bucket == credentials.bucket && admin.endpoint == credentials.endpoint)

        let files = LocalFiles.regularFiles(under: pail.root)
        func holding(_ secret: String) -> [String] {
            files.filter { name in
                let bytes = FileManager.default.contents(atPath: pail.root + "/" + name) ?? Data()
                return bytes.range(of: Data(secret.utf8)) != nil
            }
        }
        try #require(holding(admin.secretAccessKey) == ["credentials.json"], "the root's secret is in credentials.json only: \(files)")
        try #require(holding(credentials.secretAccessKey) == ["pail.sqlite"], "a user's secret is in the database only: \(files)")
        for name in ["credentials.json", "pail.sqlite"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: pail.root + "/" + name)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(name)")
        }
    }

    @Test("no command but credentials prints the secret; logs and errors never show a secret or a signature")
    func secretsStayHidden() throws {
        let pail = try PailRunner()
        let secret = try pail.success("credentials").decode(PailCredentials.self).secretAccessKey
        let trace = ["PAIL_LOG": "trace"]
        let file = try pail.makeFile("a.txt", size: 2_000)
        var results = [
            try pail.success(["upload", file, "docs/a.txt"], env: trace), try pail.success(["ls"], env: trace),
            try pail.success(["events"], env: trace), try pail.success(["executions", "--history"], env: trace),
            try pail.success(["check"], env: trace), try pail.success(["quota"], env: trace),
            try pail.success(["users", "list"], env: trace),
        ]
        let url = try pail.success(["presign", "put", "docs/b.txt", "--size", "2000"]).stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        let signature = try #require(url.split(separator: "X-Amz-Signature=").last.map(String.init))
        // Refused requests: a changed key, a truncated signature, an expired URL.
        results.append(try pail.run(["put-url", url.replacingOccurrences(of: "docs/b.txt", with: "docs/c.txt"), file], env: trace))
        results.append(try pail.run(["put-url", String(url.dropLast(8)), file], env: trace))
        results.append(
            try pail.run(["get-url", url.replacingOccurrences(of: "X-Amz-Expires=", with: "X-Amz-Expires=1"), file], env: trace))
        results.append(try pail.success(["put-url", url, file], env: trace))
        for result in results {
            let printed = result.stdout + result.stderr
            #expect(!printed.contains(secret), "\(result)")
            #expect(!result.stderr.contains(signature) && !result.stderr.contains(String(signature.dropLast(8))), "\(result)")
            #expect(result.stderr.range(of: "[0-9a-f]{64}", options: .regularExpression) == nil, "no signature-like value: \(result)")
        }
        #expect(results.filter { !$0.succeeded }.count == 3)
    }

    @Test("PUT and GET URLs presigned by botocore work", .enabled(if: BotocoreSigner.isAvailable, "python3 with boto3 is not installed"))
    func botocoreURLs() throws {
        let pail = try PailRunner()
        let credentials = try pail.success("credentials").decode(PailCredentials.self)
        let file = try pail.makeFile("hello.txt", size: 12_345, seed: 3)
        let key = "alice/boto/hello w\u{F6}rld + more.txt"

        // Asking for her credentials made alice, with her own key pair.
        #expect(try pail.success("users", "list", "--json").decode([UserEntry].self).map(\.name) == ["alice"])
        let putURL = try credentials.botocore.presign("put_object", key: key, expires: 600)
        #expect(putURL.hasPrefix("\(credentials.endpoint)/\(credentials.bucket)/alice/boto/"))
        let stored = try pail.success("put-url", putURL, file).stdout
        #expect(stored.contains("alice/boto/"), "\(stored)")
        // Her key acts only on her own files; the root's acts on anyone's, and a user's first write creates them.
        try pail.failure("AccessDenied", ["put-url", try credentials.botocore.presign("put_object", key: "bob/x", expires: 600), file])
        let admin = try pail.success("credentials", "--admin").decode(PailCredentials.self)
        try pail.success("put-url", try admin.botocore.presign("put_object", key: "bob/x", expires: 600), file)
        #expect(try pail.success("users", "list", "--json").decode([UserEntry].self).map(\.name) == ["alice", "bob"])
        try pail.wait()
        let listed = try pail.ls("boto/")
        #expect(listed.map(\.path) == ["boto/hello w\u{F6}rld + more.txt"])
        #expect(listed.map(\.size) == [12_345])
        #expect(listed.map(\.etag) == [try LocalFiles.md5(ofFile: file)])

        let getURL = try credentials.botocore.presign("get_object", key: key, expires: 600)
        let downloaded = pail.local("downloaded.txt")
        try pail.success("get-url", getURL, downloaded)
        #expect(FileManager.default.contents(atPath: downloaded) == FileManager.default.contents(atPath: file))

        // Signed with another secret, the same request is refused, and nothing is stored.
        let wrong = PailCredentials(
            accessKeyId: credentials.accessKeyId, secretAccessKey: String(credentials.secretAccessKey.reversed()),
            region: credentials.region, endpoint: credentials.endpoint, bucket: credentials.bucket)
        let forged = try wrong.botocore.presign("put_object", key: "alice/boto/forged.txt", expires: 600)
        try pail.failure("SignatureDoesNotMatch", ["put-url", forged, file])
        try pail.failure(
            "SignatureDoesNotMatch", ["get-url", try wrong.botocore.presign("get_object", key: key, expires: 600), downloaded + "2"])
        try pail.wait()
        #expect(try pail.ls().count == 1)
        try pail.check()

        // A rotated key stops working: URLs it signed are refused, and the new one signs.
        let rotated = try pail.success("users", "rotate-key", "alice", "--json").decode(PailCredentials.self)
        #expect(rotated.accessKeyId != credentials.accessKeyId)
        try pail.failure("InvalidAccessKeyId", ["get-url", getURL, pail.local("old-key.txt")])
        try pail.success("get-url", try rotated.botocore.presign("get_object", key: key, expires: 600), pail.local("new-key.txt"))
    }
}
