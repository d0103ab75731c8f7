import Crypto
import Foundation
import Testing

/// The S3 clients the tests of `pail serve` drive. `.ci/run` installs every one of them; a test whose
/// client is missing fails with what to install (it never skips).
enum S3Clients {
    /// The absolute path of `name` on `$PATH`, or a failure saying how to install it.
    static func require(_ name: String, install: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw TestFailure("\(name) is not installed (not on PATH): install it with `\(install)` (.ci/run does)")
    }

    /// python3 with boto3, or a failure saying how to install it.
    static func requireBoto3() throws {
        guard Python.hasBoto3 else {
            throw TestFailure("python3 cannot import boto3: install it with `python3 -m pip install boto3` (.ci/run does)")
        }
    }

    /// What every client runs with: `HOME` in the test's sandbox (no real `~/.aws`, `~/.config/rclone` or
    /// `~/.s3cfg` is ever read), no proxy, UTF-8 output.
    static func environment(home: String) throws -> [String: String] {
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        return [
            "HOME": home, "XDG_CONFIG_HOME": home + "/.config", "XDG_CACHE_HOME": home + "/.cache",
            "http_proxy": "", "https_proxy": "", "HTTP_PROXY": "", "HTTPS_PROXY": "", "all_proxy": "", "ALL_PROXY": "",
            "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
            "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8", "PYTHONUTF8": "1",
        ]
    }

    /// The JSON of `pail credentials`, as the client scripts read it from `$PAIL_CREDENTIALS`.
    static func json(_ credentials: PailCredentials) -> String {
        String(decoding: (try? JSONEncoder().encode(credentials)) ?? Data(), as: UTF8.self)
    }
}

/// One client run's outcome, printable in a failure.
struct ClientRun: CustomStringConvertible {
    let command: String
    let result: CommandResult
    var status: Int32 { result.status }
    var stdout: String { result.stdout }
    var stderr: String { result.stderr }
    var lines: [String] { result.stdout.split(separator: "\n").map(String.init) }
    var description: String { "`\(command)` exited \(result.status)\n--- stdout:\n\(result.stdout)\n--- stderr:\n\(result.stderr)" }

    /// Runs `executable arguments…` with `environment` to its end.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> ClientRun {
        let shown = ([(executable as NSString).lastPathComponent] + arguments).joined(separator: " ")
        return ClientRun(command: shown, result: try Command.run(executable, arguments, environment: environment, timeout: 240))
    }

    /// Requires exit status 0 (the test stops otherwise, with the client's output).
    @discardableResult
    func succeeded(sourceLocation: SourceLocation = #_sourceLocation) throws -> ClientRun {
        try #require(status == 0, "expected success: \(self)", sourceLocation: sourceLocation)
        return self
    }
}

/// `pail quota --json`, with the bytes old versions and deleted files still hold.
struct ServeQuota: Decodable {
    let used: Int64
    let limit: Int64
    let oldVersions: Int64

    enum CodingKeys: String, CodingKey {
        case used, limit
        case oldVersions = "old_versions"
    }
}

/// The S3 ETag of a file uploaded in parts of `partSize`: the MD5 of the parts' MD5s, then `-count`
/// (a file of one part or less is sent whole: its MD5).
enum ETags {
    static func multipart(ofFile path: String, partSize: Int) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw TestFailure("cannot read \(path)") }
        defer { try? handle.close() }
        var digests = Data()
        var count = 0
        while let part = try handle.read(upToCount: partSize), !part.isEmpty {
            digests.append(contentsOf: Insecure.MD5.hash(data: part))
            count += 1
        }
        return md5Hex(digests) + "-\(count)"
    }
}

extension PailRunner {
    /// What the vault holds once every event is delivered (`pail wait`): `pail ls --json` (sorted by
    /// path), after requiring `pail quota --json` to count exactly their bytes as `used` and
    /// `oldVersions` (when given) as old versions, and `pail check` to find nothing wrong.
    func settledVault(
        user: String? = nil, oldVersions: Int64? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [ListedFile] {
        try wait(sourceLocation: sourceLocation)
        let listed = try ls(user: user, sourceLocation: sourceLocation).sorted { $0.path < $1.path }
        let quota = try json(ServeQuota.self, ["quota"], user: user, sourceLocation: sourceLocation)
        #expect(
            quota.used == listed.reduce(0) { $0 + $1.size }, "quota used = the listed files' bytes: \(listed)",
            sourceLocation: sourceLocation)
        if let oldVersions {
            #expect(quota.oldVersions == oldVersions, "quota old_versions", sourceLocation: sourceLocation)
        }
        try check(sourceLocation: sourceLocation)
        return listed
    }

    /// Requires the local files under `folder` (relative paths) to be `expected` byte for byte.
    func expectSameFiles(_ folder: String, as expected: [String: String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(LocalFiles.regularFiles(under: folder) == expected.keys.sorted(), "files under \(folder)", sourceLocation: sourceLocation)
        for (relative, original) in expected {
            #expect(
                FileManager.default.contents(atPath: folder + "/" + relative) == FileManager.default.contents(atPath: original),
                "\(relative) has the bytes of \(original)", sourceLocation: sourceLocation)
        }
    }
}
