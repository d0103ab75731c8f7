import Foundation
import Testing

/// aws-cli (v1, the one pip installs) against `pail serve`, as a user drives it: `aws s3 cp` both ways
/// (a file over the 8 MiB multipart threshold and small ones), `ls`, `rm --recursive`, `sync` up and down,
/// `presign` opened with curl, and `aws s3api head-object` / `get-object --range`. Then the vault itself.
@Suite("pail serve: aws-cli")
struct ServeAWSCLITests {
    /// aws-cli configured only through files in the test's sandbox: alice's key, the endpoint, path style,
    /// no retries (a failure shows at once). Profile `v4` presigns with SigV4 instead of aws-cli's SigV2 default.
    struct AWS {
        let executable: String
        let environment: [String: String]

        init(_ pail: PailRunner, _ credentials: PailCredentials) throws {
            executable = try S3Clients.require("aws", install: "python3 -m pip install awscli")
            let home = pail.sandbox + "/aws-home"
            var environment = try S3Clients.environment(home: home)
            let settings = """
                region = \(credentials.region)
                endpoint_url = \(credentials.endpoint)
                max_attempts = 1
                retry_mode = standard
                s3 =
                    addressing_style = path
                """
            try """
                [default]
                \(settings)

                [profile v4]
                \(settings)
                    signature_version = s3v4
                """.write(toFile: home + "/config", atomically: true, encoding: .utf8)
            try """
                [default]
                aws_access_key_id = \(credentials.accessKeyId)
                aws_secret_access_key = \(credentials.secretAccessKey)

                [v4]
                aws_access_key_id = \(credentials.accessKeyId)
                aws_secret_access_key = \(credentials.secretAccessKey)
                """.write(toFile: home + "/credentials", atomically: true, encoding: .utf8)
            environment["AWS_CONFIG_FILE"] = home + "/config"
            environment["AWS_SHARED_CREDENTIALS_FILE"] = home + "/credentials"
            environment["AWS_EC2_METADATA_DISABLED"] = "true"
            environment["AWS_PAGER"] = ""
            self.environment = environment
        }

        /// Transfers (`s3 cp`, `sync`, `mv`) run with `--no-progress`: their output is one line a file.
        func run(_ arguments: String...) throws -> ClientRun {
            try ClientRun.run(executable, Self.quiet(arguments), environment: environment)
        }

        @discardableResult
        func success(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> ClientRun {
            try ClientRun.run(executable, Self.quiet(arguments), environment: environment).succeeded(sourceLocation: sourceLocation)
        }

        static func quiet(_ arguments: [String]) -> [String] {
            let transfers = ["cp", "sync", "mv"]  // (`rm` has no progress to hide)
            guard let s3 = arguments.firstIndex(of: "s3"), s3 + 1 < arguments.count, transfers.contains(arguments[s3 + 1]) else {
                return arguments
            }
            return arguments + ["--no-progress"]
        }

        /// `aws s3api …` answers JSON.
        func api(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
            let run = try ClientRun.run(executable, ["s3api"] + arguments, environment: environment).succeeded(sourceLocation: sourceLocation)
            guard let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] else {
                throw PailTestError("not a JSON object: \(run)")
            }
            return object
        }
    }

    /// An `aws s3 ls` line: a file (`2024-05-01 10:00:00       1234 name`) or a folder (`PRE name/`).
    enum Entry: Equatable, CustomStringConvertible {
        case file(String, Int64)
        case folder(String)

        init?(_ line: String) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("PRE ") { self = .folder(String(trimmed.dropFirst(4))); return }
            let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            guard fields.count == 3 else { return nil }
            let rest = fields[2].drop { $0 == " " }
            guard let space = rest.firstIndex(of: " "), let size = Int64(rest[..<space]) else { return nil }
            self = .file(String(rest[rest.index(after: space)...]), size)
        }

        var description: String {
            switch self {
            case .file(let name, let size): "\(name) (\(size) B)"
            case .folder(let name): "PRE \(name)"
            }
        }
    }

    static func entries(_ run: ClientRun) -> [Entry] { run.lines.compactMap(Entry.init) }

    @Test("cp up and down (9 MiB in two parts, small ones, an empty one), ls, s3api head-object and get-object --range, rm --recursive")
    func copyListRemove() throws {
        let pail = try PailRunner()
        let server = try PailServe(pail)
        let aws = try AWS(pail, try server.credentials())
        let big = try pail.makeFile("up/big.bin", size: 9 * 1024 * 1024 + 1234, seed: 11)
        let small = try pail.makeFile("up/small.txt", size: 1_000, seed: 12)
        let odd = try pail.makeFile("up/odd.txt", size: 7_777, seed: 13)
        let empty = try pail.makeFile("up/empty.txt", size: 0)
        let note1 = try pail.makeFile("up/n1.txt", size: 2_048, seed: 14)
        let note2 = try pail.makeFile("up/n2.txt", size: 4_096, seed: 15)

        let bigUpload = try aws.success("s3", "cp", big, "s3://pail/alice/cli/big.bin")
        #expect(bigUpload.stdout.contains("upload: ") && bigUpload.stdout.contains("s3://pail/alice/cli/big.bin"), "\(bigUpload)")
        try aws.success("s3", "cp", small, "s3://pail/alice/cli/small.txt")
        try aws.success("s3", "cp", odd, "s3://pail/alice/cli/odd name + & é.txt")
        try aws.success("s3", "cp", empty, "s3://pail/alice/cli/empty.txt")
        try aws.success("s3", "cp", note1, "s3://pail/alice/cli/notes/n1.txt")
        try aws.success("s3", "cp", note2, "s3://pail/alice/cli/notes/deeper/n2.txt")
        try pail.wait()

        // aws-cli sends 8 MiB parts: the ETag is the multipart one, and head-object says so.
        let bigETag = try ETags.multipart(ofFile: big, partSize: 8 * 1024 * 1024)
        #expect(bigETag.hasSuffix("-2"))
        let head = try aws.api(["head-object", "--bucket", "pail", "--key", "alice/cli/big.bin"])
        #expect(head["ContentLength"] as? Int == 9 * 1024 * 1024 + 1234, "\(head)")
        #expect(head["ETag"] as? String == "\"\(bigETag)\"", "\(head)")
        let smallHead = try aws.api(["head-object", "--bucket", "pail", "--key", "alice/cli/small.txt"])
        #expect(smallHead["ETag"] as? String == "\"\(try LocalFiles.md5(ofFile: small))\"", "\(smallHead)")
        let missing = try aws.run("s3api", "head-object", "--bucket", "pail", "--key", "alice/cli/missing.txt")
        #expect(missing.status != 0 && missing.stderr.contains("404"), "\(missing)")

        let rangeFile = pail.local("range.bin")
        let ranged = try aws.api(["get-object", "--bucket", "pail", "--key", "alice/cli/big.bin", "--range", "bytes=8388600-8388615", rangeFile])
        #expect(ranged["ContentRange"] as? String == "bytes 8388600-8388615/\(9 * 1024 * 1024 + 1234)", "\(ranged)")
        #expect(ranged["ContentLength"] as? Int == 16, "\(ranged)")
        #expect(FileManager.default.contents(atPath: rangeFile) == FileManager.default.contents(atPath: big)?.subdata(in: 8_388_600..<8_388_616))

        // ls: the buckets, the bucket's top (alice's folder only), a prefix, everything under it.
        let buckets = try aws.success("s3", "ls")
        #expect(buckets.lines.count == 1 && buckets.stdout.hasSuffix(" pail\n"), "\(buckets)")
        #expect(Self.entries(try aws.success("s3", "ls", "s3://pail/")) == [.folder("alice/")])
        #expect(Self.entries(try aws.success("s3", "ls", "s3://pail/alice/cli/")) == [
            .folder("notes/"), .file("big.bin", 9 * 1024 * 1024 + 1234), .file("empty.txt", 0), .file("odd name + & é.txt", 7_777),
            .file("small.txt", 1_000),
        ])
        #expect(Self.entries(try aws.success("s3", "ls", "--recursive", "s3://pail/alice/cli/notes/")) == [
            .file("alice/cli/notes/deeper/n2.txt", 4_096), .file("alice/cli/notes/n1.txt", 2_048),
        ])

        // cp down: the multipart one comes back in ranged parts, the others whole.
        let down = pail.local("down")
        try aws.success("s3", "cp", "s3://pail/alice/cli/big.bin", down + "/big.bin")
        try aws.success("s3", "cp", "s3://pail/alice/cli/odd name + & é.txt", down + "/odd.txt")
        try aws.success("s3", "cp", "s3://pail/alice/cli/empty.txt", down + "/empty.txt")
        try aws.success("s3", "cp", "--recursive", "s3://pail/alice/cli/notes/", down + "/notes")
        pail.expectSameFiles(down, as: [
            "big.bin": big, "odd.txt": odd, "empty.txt": empty, "notes/n1.txt": note1, "notes/deeper/n2.txt": note2,
        ])

        let removed = try aws.success("s3", "rm", "--recursive", "s3://pail/alice/cli/notes/")
        #expect(removed.lines.sorted() == ["delete: s3://pail/alice/cli/notes/deeper/n2.txt", "delete: s3://pail/alice/cli/notes/n1.txt"], "\(removed)")
        let missingGet = try aws.run("s3", "cp", "s3://pail/alice/cli/notes/n1.txt", down + "/gone.txt")
        #expect(missingGet.status != 0 && missingGet.stderr.contains("404"), "\(missingGet)")

        let listed = try pail.settledVault(oldVersions: 2_048 + 4_096)
        #expect(listed.map(\.path) == ["cli/big.bin", "cli/empty.txt", "cli/odd name + & é.txt", "cli/small.txt"])
        let sizes: [Int64] = [9 * 1024 * 1024 + 1234, 0, 7_777, 1_000]
        #expect(listed.map(\.size) == sizes)
        let etags: [String] = [bigETag, LocalFiles.md5(of: Data()), try LocalFiles.md5(ofFile: odd), try LocalFiles.md5(ofFile: small)]
        #expect(listed.map(\.etag) == etags)
        #expect(Self.entries(try aws.success("s3", "ls", "s3://pail/alice/cli/")).count == 4, "notes/ is gone")
    }

    @Test("copies inside the bucket: cp s3→s3 (small: CopyObject; 9 MiB: UploadPartCopy in ranges), mv, cp --recursive")
    func serverSideCopy() throws {
        let pail = try PailRunner()
        let server = try PailServe(pail)
        let aws = try AWS(pail, try server.credentials())
        let big = try pail.makeFile("big.bin", size: 9 * 1024 * 1024 + 99, seed: 71)
        let small = try pail.makeFile("small.txt", size: 2_500, seed: 72)
        try aws.success("s3", "cp", big, "s3://pail/alice/a/big.bin")
        try aws.success("s3", "cp", small, "s3://pail/alice/a/small.txt")
        try pail.wait()  // `cp --recursive` lists its sources

        let copied = try aws.success("s3", "cp", "s3://pail/alice/a/small.txt", "s3://pail/alice/b/small copy.txt")
        #expect(copied.stdout == "copy: s3://pail/alice/a/small.txt to s3://pail/alice/b/small copy.txt\n", "\(copied)")
        try aws.success("s3", "cp", "s3://pail/alice/a/big.bin", "s3://pail/alice/b/big copy.bin")
        let moved = try aws.success("s3", "mv", "s3://pail/alice/b/small copy.txt", "s3://pail/alice/c/moved.txt")
        #expect(moved.stdout == "move: s3://pail/alice/b/small copy.txt to s3://pail/alice/c/moved.txt\n", "\(moved)")
        try pail.wait()
        // A copy onto itself that changes nothing is refused, as S3 refuses it (it would only add a version).
        let onto = try aws.run("s3api", "copy-object", "--bucket", "pail", "--key", "alice/a/small.txt", "--copy-source", "pail/alice/a/small.txt")
        #expect(onto.status != 0 && onto.stderr.contains("InvalidRequest") && onto.stderr.contains("copy an object to itself"), "\(onto)")
        let directive = try aws.run(
            "s3api", "copy-object", "--bucket", "pail", "--key", "alice/e.txt", "--copy-source", "pail/alice/a/small.txt", "--metadata-directive", "MOVE")
        #expect(directive.status != 0 && directive.stderr.contains("InvalidArgument"), "\(directive)")
        let recursive = try aws.success("s3", "cp", "--recursive", "s3://pail/alice/a/", "s3://pail/alice/d/")
        #expect(recursive.lines.count == 2 && recursive.lines.allSatisfy { $0.hasPrefix("copy: s3://pail/alice/a/") }, "\(recursive)")

        let down = pail.local("down")
        for (remote, local) in [("b/big copy.bin", "big.bin"), ("c/moved.txt", "moved.txt"), ("d/big.bin", "d-big.bin"), ("d/small.txt", "d-small.txt")] {
            try aws.success("s3", "cp", "s3://pail/alice/" + remote, down + "/" + local)
        }
        pail.expectSameFiles(down, as: ["big.bin": big, "moved.txt": small, "d-big.bin": big, "d-small.txt": small])

        // The moved file is deleted from b/ (an old version now); the copies are whole new files.
        let listed = try pail.settledVault(oldVersions: 2_500)
        #expect(listed.map(\.path) == ["a/big.bin", "a/small.txt", "b/big copy.bin", "c/moved.txt", "d/big.bin", "d/small.txt"])
        let bigETag = try ETags.multipart(ofFile: big, partSize: 8 * 1024 * 1024)
        let smallETag = try LocalFiles.md5(ofFile: small)
        #expect(listed.map(\.etag) == [bigETag, smallETag, bigETag, smallETag, bigETag, smallETag], "copies in 8 MiB ranges have the source's ETag")
    }

    @Test("sync up, then again copies nothing; a changed and a removed file sync with --delete; sync down, then again copies nothing")
    func sync() throws {
        let pail = try PailRunner()
        let server = try PailServe(pail)
        let aws = try AWS(pail, try server.credentials())
        let site = pail.local("site")
        var files = [
            "index.html": try pail.makeFile("site/index.html", size: 3_000, seed: 21),
            "css/style.css": try pail.makeFile("site/css/style.css", size: 1_500, seed: 22),
            "img/logo.png": try pail.makeFile("site/img/logo.png", size: 200_000, seed: 23),
            "a b/c+d & é.txt": try pail.makeFile("site/a b/c+d & é.txt", size: 42, seed: 24),
        ]
        // LastModified is in whole seconds, as S3's: a file uploaded within the second it was written would
        // look newer than its copy to the second sync, which would send it again.
        for path in files.values {
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-2)], ofItemAtPath: path)
        }

        let first = try aws.success("s3", "sync", site, "s3://pail/alice/site/")
        #expect(first.lines.filter { $0.hasPrefix("upload: ") }.count == 4 && first.lines.count == 4, "\(first)")
        try pail.wait()  // listings come from the inventory, a moment after each write
        let again = try aws.success("s3", "sync", site, "s3://pail/alice/site/")
        #expect(again.stdout.isEmpty, "nothing changed, nothing is copied: \(again)")

        // One file grows, one goes away: only they are synced.
        try pail.makeFile("site/index.html", size: 3_500, seed: 25)
        try FileManager.default.removeItem(atPath: files.removeValue(forKey: "css/style.css")!)
        let changed = try aws.success("s3", "sync", "--delete", site, "s3://pail/alice/site/")
        // (aws-cli names local files relative to its working folder)
        let changes = changed.lines.sorted()
        #expect(changes.count == 2, "\(changed)")
        #expect(changes.first == "delete: s3://pail/alice/site/css/style.css", "\(changed)")
        #expect(changes.last?.hasPrefix("upload: ") == true && changes.last?.hasSuffix("/site/index.html to s3://pail/alice/site/index.html") == true, "\(changed)")
        try pail.wait()

        let down = pail.local("down")
        let downloaded = try aws.success("s3", "sync", "s3://pail/alice/site/", down)
        #expect(downloaded.lines.filter { $0.hasPrefix("download: s3://pail/alice/site/") }.count == 3 && downloaded.lines.count == 3, "\(downloaded)")
        pail.expectSameFiles(down, as: files)
        let downAgain = try aws.success("s3", "sync", "s3://pail/alice/site/", down)
        #expect(downAgain.stdout.isEmpty, "nothing changed, nothing is copied: \(downAgain)")

        let listed = try pail.settledVault(oldVersions: 3_000 + 1_500)
        #expect(listed.map(\.path) == ["site/a b/c+d & é.txt", "site/img/logo.png", "site/index.html"])
        #expect(listed.map(\.size) == [42, 200_000, 3_500] as [Int64])
        let etags: [String] = try ["a b/c+d & é.txt", "img/logo.png", "index.html"].map { try LocalFiles.md5(ofFile: files[$0]!) }
        #expect(listed.map(\.etag) == etags)
    }

    @Test("aws s3 presign: its default SigV2 URL and a SigV4 one download with curl; a tampered one is refused")
    func presign() throws {
        let pail = try PailRunner()
        let server = try PailServe(pail)
        let aws = try AWS(pail, try server.credentials())
        let file = try pail.makeFile("report.pdf", size: 123_456, seed: 31)
        try aws.success("s3", "cp", file, "s3://pail/alice/docs/Q3 report + é.pdf")

        // aws-cli v1 presigns S3 URLs with SigV2 unless told otherwise (botocore's choose-signer default).
        let v2 = try aws.success("s3", "presign", "s3://pail/alice/docs/Q3 report + é.pdf", "--expires-in", "300").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(v2.hasPrefix(server.endpoint + "/pail/alice/docs/Q3%20report%20%2B%20%C3%A9.pdf?"), "\(v2)")
        #expect(v2.contains("AWSAccessKeyId=") && v2.contains("Signature=") && v2.contains("Expires="), "a SigV2 URL: \(v2)")
        let v4 = try aws.success("--profile", "v4", "s3", "presign", "s3://pail/alice/docs/Q3 report + é.pdf").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(v4.contains("X-Amz-Algorithm=AWS4-HMAC-SHA256") && v4.contains("X-Amz-Signature="), "a SigV4 URL: \(v4)")

        for url in [v2, v4] {
            let answer = try ServeCurlTests.curl([url], in: pail)
            #expect(answer.status == 200, "\(url): \(answer.text)")
            #expect(answer.body == FileManager.default.contents(atPath: file), "\(url)")
            let ranged = try ServeCurlTests.curl(["-H", "Range: bytes=100-199", url], in: pail)
            #expect(ranged.status == 206 && ranged.body == FileManager.default.contents(atPath: file)?.subdata(in: 100..<200), "\(url)")
            let tampered = try ServeCurlTests.curl([url.replacingOccurrences(of: "/docs/", with: "/doc5/")], in: pail)
            #expect(tampered.status == 403 && tampered.text.contains("<Code>SignatureDoesNotMatch</Code>"), "\(url): \(tampered.text)")
        }
        // A SigV2 URL that expired is refused too.
        let expired = try aws.success("s3", "presign", "s3://pail/alice/docs/Q3 report + é.pdf", "--expires-in", "1").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        Thread.sleep(forTimeInterval: 2.2)
        let late = try ServeCurlTests.curl([expired], in: pail)
        #expect(late.status == 403 && late.text.contains("<Code>AccessDenied</Code>"), "\(late.text)")

        let listed = try pail.settledVault(oldVersions: 0)
        #expect(listed.map(\.path) == ["docs/Q3 report + é.pdf"])
    }
}
