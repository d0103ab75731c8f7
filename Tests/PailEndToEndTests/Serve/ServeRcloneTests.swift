import Foundation
import Testing

/// rclone against `pail serve`, through an `s3` remote of provider `Other` in a config file of the test's
/// own: a folder with odd names and a file over the (lowered) multipart cutoff copied up, listed, copied
/// down, checked, and partly deleted. Then the vault itself.
@Suite("pail serve: rclone")
struct ServeRcloneTests {
    /// rclone with one remote, `pail:`, for alice's key; no retries (a failure shows at once); multipart
    /// from 5 MiB, in 5 MiB parts (rclone's smallest).
    struct Rclone {
        let executable: String
        let environment: [String: String]
        static let flags = ["--retries", "1", "--low-level-retries", "1", "--s3-upload-cutoff", "5M", "--s3-chunk-size", "5M"]

        init(_ pail: PailRunner, _ credentials: PailCredentials) throws {
            executable = try S3Clients.require("rclone", install: "apt-get install rclone")
            let home = pail.sandbox + "/rclone-home"
            var environment = try S3Clients.environment(home: home)
            try """
            [pail]
            type = s3
            provider = Other
            access_key_id = \(credentials.accessKeyId)
            secret_access_key = \(credentials.secretAccessKey)
            endpoint = \(credentials.endpoint)
            region = \(credentials.region)
            force_path_style = true

            """.write(toFile: home + "/rclone.conf", atomically: true, encoding: .utf8)
            environment["RCLONE_CONFIG"] = home + "/rclone.conf"
            self.environment = environment
        }

        func run(_ arguments: String...) throws -> ClientRun {
            try ClientRun.run(executable, arguments + Self.flags, environment: environment)
        }

        @discardableResult
        func success(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> ClientRun {
            try ClientRun.run(executable, arguments + Self.flags, environment: environment).succeeded(sourceLocation: sourceLocation)
        }
    }

    /// `rclone ls` lines: `   size path`.
    static func listing(_ run: ClientRun) -> [String: Int64] {
        var found: [String: Int64] = [:]
        for line in run.lines {
            let trimmed = line.drop { $0 == " " }
            guard let space = trimmed.firstIndex(of: " "), let size = Int64(trimmed[..<space]) else { continue }
            found[String(trimmed[trimmed.index(after: space)...])] = size
        }
        return found
    }

    @Test("copy up (12 MiB in 5 MiB parts, names with spaces, +, &, unicode), ls, copy down, check, delete")
    func copyCheckDelete() throws {
        let pail = try PailRunner()
        let server = try PailServe(pail)
        let rclone = try Rclone(pail, try server.credentials())
        let sizes: [String: Int] = [
            "big film.bin": 12 * 1024 * 1024 + 7, "a b.txt": 1_000, "x+y=z.txt": 2_000, "tom & jerry.txt": 3_000,
            "ünïcødé/日本語 ファイル.txt": 4_000, "sub/deeper/z.txt": 5_000, "sub/w.txt": 6_000,
        ]
        var files: [String: String] = [:]
        for (index, (name, size)) in sizes.sorted(by: { $0.key < $1.key }).enumerated() {
            files[name] = try pail.makeFile("photos/" + name, size: size, seed: UInt64(40 + index))
            // Files made an hour ago, as a user's files are (not a second before their upload).
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: files[name]!)
        }
        let photos = pail.local("photos")
        var etags: [String: String] = [:]
        for (name, path) in files {
            etags[name] =
                name == "big film.bin" ? try ETags.multipart(ofFile: path, partSize: 5 * 1024 * 1024) : try LocalFiles.md5(ofFile: path)
        }
        #expect(etags["big film.bin"]?.hasSuffix("-3") == true)

        try rclone.success("copy", photos, "pail:pail/alice/photos")
        try pail.wait()  // listings come from the inventory, a moment after each write
        // Each file was stored once: rclone keeps its modification time in X-Amz-Meta-Mtime, which S3 gives
        // back, so it has no reason to copy a file onto itself to set it (an old version each time).
        let quota = try pail.json(ServeQuota.self, ["quota"])
        #expect(quota.oldVersions == 0, "rclone's upload left old versions (it set modification times by copying): \(quota)")
        let again = try rclone.success("copy", "-v", photos, "pail:pail/alice/photos")
        #expect(
            !again.stderr.contains("Updated modification time") && !again.stderr.contains("Copied"),
            "a second copy changes nothing: \(again)")
        try pail.wait()

        let listed = Self.listing(try rclone.success("ls", "pail:pail/alice/photos"))
        #expect(listed == sizes.mapValues(Int64.init), "rclone ls")
        #expect(Self.listing(try rclone.success("ls", "pail:pail/alice/photos/sub")) == ["deeper/z.txt": 5_000, "w.txt": 6_000])

        let down = pail.local("down")
        try rclone.success("copy", "pail:pail/alice/photos", down)
        pail.expectSameFiles(down, as: files)

        // check compares sizes and MD5s: a single-part object's ETag, and for a multipart one the MD5
        // rclone stored in its metadata (X-Amz-Meta-Md5chksum).
        let check = try rclone.success("check", photos, "pail:pail/alice/photos")
        #expect(check.stderr.contains("0 differences found"), "\(check)")
        #expect(check.stderr.contains("\(sizes.count) matching files"), "\(check)")
        #expect(
            !check.stderr.contains("hashes could not be checked"),
            "every file's MD5 is known (S3 returns the X-Amz-Meta-Md5chksum rclone sent with a multipart upload): \(check)")
        let byBytes = try rclone.success("check", "--download", photos, "pail:pail/alice/photos")
        #expect(byBytes.stderr.contains("0 differences found") && byBytes.stderr.contains("\(sizes.count) matching files"), "\(byBytes)")
        let hashes = try rclone.success("md5sum", "pail:pail/alice/photos")
        for (name, path) in files {
            #expect(hashes.lines.contains("\(try LocalFiles.md5(ofFile: path))  \(name)"), "rclone md5sum lists \(name): \(hashes)")
        }

        // A changed local file is a difference.
        try pail.makeFile("photos/a b.txt", size: 1_001, seed: 99)
        let differs = try rclone.run("check", photos, "pail:pail/alice/photos")
        #expect(differs.status != 0 && differs.stderr.contains("1 differences found"), "\(differs)")

        try rclone.success("delete", "pail:pail/alice/photos/sub")
        try pail.wait()
        let after = Self.listing(try rclone.success("ls", "pail:pail/alice/photos"))
        #expect(after == sizes.filter { !$0.key.hasPrefix("sub/") }.mapValues(Int64.init), "rclone ls after delete")

        let vault = try pail.settledVault(oldVersions: 5_000 + 6_000)
        #expect(vault.map(\.path) == sizes.keys.filter { !$0.hasPrefix("sub/") }.map { "photos/" + $0 }.sorted())
        for entry in vault {
            let name = String(entry.path.dropFirst("photos/".count))
            #expect(entry.size == Int64(sizes[name] ?? -1), "\(entry.path)")
            #expect(entry.etag == etags[name], "\(entry.path)")
        }
    }
}
