import Foundation
import Testing

/// s3cmd against `pail serve`, through a `.s3cfg` of the test's own (path style: `host_bucket` without
/// `%(bucket)s`, plain HTTP, SigV4): put (whole and in 5 MB parts), ls, get, del. Then the vault itself.
@Suite("pail serve: s3cmd")
struct ServeS3cmdTests {
    struct S3cmd {
        let executable: String
        let environment: [String: String]
        let config: String

        init(_ pail: PailRunner, _ credentials: PailCredentials) throws {
            executable = try S3Clients.require("s3cmd", install: "apt-get install s3cmd")
            let home = pail.sandbox + "/s3cmd-home"
            environment = try S3Clients.environment(home: home)
            guard let url = URL(string: credentials.endpoint), let name = url.host, let port = url.port else {
                throw TestFailure("not an endpoint with a host and a port: \(credentials.endpoint)")
            }
            let host = "\(name):\(port)"
            config = home + "/.s3cfg"
            try """
            [default]
            access_key = \(credentials.accessKeyId)
            secret_key = \(credentials.secretAccessKey)
            host_base = \(host)
            host_bucket = \(host)
            bucket_location = \(credentials.region)
            use_https = False
            signature_v2 = False
            proxy_host =
            progress_meter = False
            max_retries = 1

            """.write(toFile: config, atomically: true, encoding: .utf8)
        }

        func run(_ arguments: String...) throws -> ClientRun {
            try ClientRun.run(executable, ["--config", config] + arguments, environment: environment)
        }

        @discardableResult
        func success(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> ClientRun {
            try ClientRun.run(executable, ["--config", config] + arguments, environment: environment).succeeded(
                sourceLocation: sourceLocation)
        }
    }

    /// `s3cmd ls` lines: `2024-05-01 10:00      1234  s3://pail/alice/a.txt` or `DIR  s3://pail/alice/x/`.
    static func listing(_ run: ClientRun) -> [String: Int64] {
        var found: [String: Int64] = [:]
        for line in run.lines {
            guard let url = line.range(of: " s3://") else { continue }
            let name = String(line[line.index(after: url.lowerBound)...])
            let fields = line[..<url.lowerBound].split(separator: " ")
            found[name] = fields.last == "DIR" ? -1 : fields.last.flatMap { Int64($0) } ?? -2
        }
        return found
    }

    @Test("put (small, and 12 MiB in 5 MB parts), ls, get, del")
    func putGetListDelete() throws {
        let pail = try PailRunner()
        let server = try PailServe(pail)
        let s3cmd = try S3cmd(pail, try server.credentials())
        let small = try pail.makeFile("up/small.txt", size: 10_000, seed: 51)
        let odd = try pail.makeFile("up/odd.txt", size: 777, seed: 52)
        let big = try pail.makeFile("up/big.bin", size: 12 * 1024 * 1024 + 3, seed: 53)

        try s3cmd.success("put", small, "s3://pail/alice/s3cmd/small.txt")
        try s3cmd.success("put", odd, "s3://pail/alice/s3cmd/docs/odd name + & é.txt")
        // Sent in three parts: without a progress meter s3cmd does not say so, the ETag checked below does.
        try s3cmd.success("put", "--multipart-chunk-size-mb=5", big, "s3://pail/alice/s3cmd/big.bin")
        try pail.wait()  // listings come from the inventory, a moment after each write

        let buckets = try s3cmd.success("ls")
        #expect(buckets.lines.count == 1 && buckets.stdout.hasSuffix("  s3://pail\n"), "\(buckets)")
        #expect(
            Self.listing(try s3cmd.success("ls", "s3://pail/alice/s3cmd/")) == [
                "s3://pail/alice/s3cmd/docs/": -1, "s3://pail/alice/s3cmd/small.txt": 10_000,
                "s3://pail/alice/s3cmd/big.bin": 12 * 1024 * 1024 + 3,
            ])
        #expect(
            Self.listing(try s3cmd.success("ls", "--recursive", "s3://pail/alice/")) == [
                "s3://pail/alice/s3cmd/docs/odd name + & é.txt": 777, "s3://pail/alice/s3cmd/small.txt": 10_000,
                "s3://pail/alice/s3cmd/big.bin": 12 * 1024 * 1024 + 3,
            ])

        let down = pail.local("down")
        try FileManager.default.createDirectory(atPath: down, withIntermediateDirectories: true)
        try s3cmd.success("get", "s3://pail/alice/s3cmd/small.txt", down + "/small.txt")
        try s3cmd.success("get", "s3://pail/alice/s3cmd/docs/odd name + & é.txt", down + "/odd.txt")
        let bigGet = try s3cmd.success("get", "s3://pail/alice/s3cmd/big.bin", down + "/big.bin")
        #expect(!bigGet.stderr.contains("MD5"), "no MD5 warning: \(bigGet)")
        pail.expectSameFiles(down, as: ["small.txt": small, "odd.txt": odd, "big.bin": big])
        let missing = try s3cmd.run("get", "s3://pail/alice/s3cmd/missing.txt", down + "/missing.txt")
        #expect(missing.status != 0 && missing.stderr.contains("does not exist"), "\(missing)")

        let deleted = try s3cmd.success("del", "s3://pail/alice/s3cmd/small.txt")
        #expect(deleted.stdout.contains("delete: 's3://pail/alice/s3cmd/small.txt'"), "\(deleted)")
        try pail.wait()
        #expect(
            Self.listing(try s3cmd.success("ls", "s3://pail/alice/s3cmd/")) == [
                "s3://pail/alice/s3cmd/docs/": -1, "s3://pail/alice/s3cmd/big.bin": 12 * 1024 * 1024 + 3,
            ])

        let vault = try pail.settledVault(oldVersions: 10_000)
        #expect(vault.map(\.path) == ["s3cmd/big.bin", "s3cmd/docs/odd name + & é.txt"])
        let sizes: [Int64] = [12 * 1024 * 1024 + 3, 777]
        #expect(vault.map(\.size) == sizes)
        let etags: [String] = [try ETags.multipart(ofFile: big, partSize: 5 * 1024 * 1024), try LocalFiles.md5(ofFile: odd)]
        #expect(vault.map(\.etag) == etags)
    }

    @Test("sync (a second one uploads nothing), cp and mv inside the bucket, signurl (SigV2) opened with curl")
    func syncCopySignURL() throws {
        let pail = try PailRunner()
        let server = try PailServe(pail)
        let s3cmd = try S3cmd(pail, try server.credentials())
        let a = try pail.makeFile("site/a.txt", size: 1_234, seed: 54)
        let b = try pail.makeFile("site/sub/b c+d.txt", size: 4_321, seed: 55)

        let first = try s3cmd.success("sync", pail.local("site") + "/", "s3://pail/alice/site/")
        #expect(first.lines.filter { $0.hasPrefix("upload: ") }.count == 2, "\(first)")
        try pail.wait()  // sync lists the remote side from the inventory
        let second = try s3cmd.success("sync", pail.local("site") + "/", "s3://pail/alice/site/")
        #expect(!second.stdout.contains("upload: "), "nothing changed, nothing is uploaded: \(second)")

        let copied = try s3cmd.success("cp", "s3://pail/alice/site/a.txt", "s3://pail/alice/copies/a.txt")
        #expect(copied.stdout.contains("remote copy: 's3://pail/alice/site/a.txt' -> 's3://pail/alice/copies/a.txt'"), "\(copied)")
        try s3cmd.success("mv", "s3://pail/alice/site/sub/b c+d.txt", "s3://pail/alice/moved/b c+d.txt")

        let url = try s3cmd.success("signurl", "s3://pail/alice/moved/b c+d.txt", "+300").stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        #expect(url.hasPrefix(server.endpoint + "/pail/alice/moved/") && url.contains("Signature="), "a SigV2 URL: \(url)")
        let answer = try ServeCurlTests.curl([url], in: pail)
        #expect(
            answer.status == 200 && answer.body == FileManager.default.contents(atPath: b),
            "\(url): \(answer.status) \(answer.text.prefix(300))")
        let tampered = try ServeCurlTests.curl([url.replacingOccurrences(of: "/moved/", with: "/m0ved/")], in: pail)
        #expect(tampered.status == 403 && tampered.text.contains("<Code>SignatureDoesNotMatch</Code>"), "\(tampered.text)")

        let vault = try pail.settledVault(oldVersions: 4_321)
        #expect(vault.map(\.path) == ["copies/a.txt", "moved/b c+d.txt", "site/a.txt"])
        let etags: [String] = [try LocalFiles.md5(ofFile: a), try LocalFiles.md5(ofFile: b), try LocalFiles.md5(ofFile: a)]
        #expect(vault.map(\.etag) == etags)
    }
}
