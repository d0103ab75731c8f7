import Foundation
@_exported import PailTestSupport
import Testing

/// Runs the real `pail` binary against a fresh data root of its own, as a user's shell would.
///
/// Each runner owns a temporary sandbox (`root/` for the data root, `files/` for local files, `xdg/` as
/// `$XDG_DATA_HOME` so nothing can land in the real home) and removes it when it goes away.
///
/// ```swift
/// let pail = try PailRunner()
/// let file = try pail.makeFile("a.txt", size: 1000)
/// try pail.success("upload", file, "docs/a.txt")
/// let listed = try pail.ls()
/// ```
final class PailRunner: Sendable {
    let sandbox: String
    /// The data root (`PAIL_ROOT` of every run unless `clean`).
    let root: String
    /// Where local files are made; the working folder of every run.
    let files: String
    /// `PAIL_USER` of every run unless a call says otherwise.
    let user: String
    let binary: String
    /// How long a run may take before it is killed and the test fails.
    static let timeout: TimeInterval = 120

    init(user: String = "alice") throws {
        guard let binary = PailBinary.path else {
            throw TestFailure("cannot find the pail executable next to the test bundle; set PAIL_BINARY")
        }
        self.binary = binary
        self.user = user
        let base = try TemporaryFolder("pail-e2e").path
        sandbox = base
        root = base + "/root"
        files = base + "/files"
        for folder in [files, base + "/io", base + "/xdg"] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: sandbox) }

    // MARK: - Running pail

    /// The environment of a run: the test's own, without any PAIL_* setting, with `$XDG_DATA_HOME` in the sandbox;
    /// unless `clean`, `PAIL_ROOT` is this runner's root and `PAIL_USER` the user.
    func environment(user: String?, clean: Bool, extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PAIL_") }
        environment["XDG_DATA_HOME"] = sandbox + "/xdg"
        environment["XDG_CONFIG_HOME"] = sandbox + "/config"
        environment["NO_COLOR"] = "1"
        if !clean {
            environment["PAIL_ROOT"] = root
            environment["PAIL_USER"] = user ?? self.user
        }
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// Starts `pail arguments…` without waiting for it.
    func start(_ arguments: [String], user: String? = nil, env: [String: String] = [:], clean: Bool = false) throws -> RunningPail {
        try RunningPail(
            binary: binary, arguments: arguments, environment: environment(user: user, clean: clean, extra: env),
            directory: files, outputBase: "\(sandbox)/io/\(UUID().uuidString)")
    }

    /// Runs `pail arguments…` to the end and returns what it did, whatever its exit status.
    @discardableResult
    func run(_ arguments: [String], user: String? = nil, env: [String: String] = [:], clean: Bool = false) throws -> PailResult {
        let running = try start(arguments, user: user, env: env, clean: clean)
        return try running.waitForExit(timeout: Self.timeout)
    }

    @discardableResult
    func run(_ arguments: String..., user: String? = nil, env: [String: String] = [:]) throws -> PailResult {
        try run(arguments, user: user, env: env)
    }

    /// Runs a `sh` command line in `files/` with this runner's environment and `$PAIL` naming the binary, for
    /// what only a shell can hand over (arguments and file names that are not UTF-8).
    func shell(_ command: String) throws -> PailResult {
        let running = try RunningPail(
            binary: "/bin/sh", arguments: ["-c", command], environment: environment(user: nil, clean: false, extra: ["PAIL": binary]),
            directory: files, outputBase: "\(sandbox)/io/\(UUID().uuidString)")
        return try running.waitForExit(timeout: Self.timeout)
    }

    /// Runs `pail arguments…` and requires exit status 0 (the test stops otherwise).
    @discardableResult
    func success(
        _ arguments: [String], user: String? = nil, env: [String: String] = [:], clean: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> PailResult {
        let result = try run(arguments, user: user, env: env, clean: clean)
        try #require(result.succeeded, "expected success: \(result)", sourceLocation: sourceLocation)
        return result
    }

    @discardableResult
    func success(
        _ arguments: String..., user: String? = nil, env: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> PailResult {
        try success(arguments, user: user, env: env, sourceLocation: sourceLocation)
    }

    /// Runs `pail arguments…` expecting it to fail with `error: <code>: <message>` on stderr (and nothing on stdout).
    /// Returns the message.
    @discardableResult
    func failure(
        _ code: String, _ arguments: [String], user: String? = nil, env: [String: String] = [:], clean: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let result = try run(arguments, user: user, env: env, clean: clean)
        #expect(result.status != 0 && !result.killedBySignal, "expected a failure: \(result)", sourceLocation: sourceLocation)
        let prefix = "error: \(code): "
        let line = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(
            line.hasPrefix(prefix) && line.count > prefix.count, "expected `\(prefix)…` on stderr: \(result)",
            sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "expected nothing on stdout: \(result)", sourceLocation: sourceLocation)
        return String(line.dropFirst(min(prefix.count, line.count)))
    }

    /// Runs `pail arguments… --json`, requires success and decodes the output.
    func json<T: Decodable>(
        _ type: T.Type, _ arguments: [String], user: String? = nil, env: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> T {
        try success(arguments + ["--json"], user: user, env: env, sourceLocation: sourceLocation).decode(T.self)
    }

    // MARK: - The commands tests use most

    /// `pail ls [prefix] --json`.
    func ls(_ prefix: String? = nil, user: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> [ListedFile] {
        try json([ListedFile].self, ["ls"] + (prefix.map { [$0] } ?? []), user: user, sourceLocation: sourceLocation)
    }

    /// `pail quota --json`.
    func quota(user: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> QuotaReport {
        try json(QuotaReport.self, ["quota"], user: user, sourceLocation: sourceLocation)
    }

    /// `pail events --json`.
    func events(sourceLocation: SourceLocation = #_sourceLocation) throws -> [PendingEvent] {
        try json([PendingEvent].self, ["events"], sourceLocation: sourceLocation)
    }

    /// `pail wait`: delivers everything pending.
    func wait(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try success(["wait", "--timeout", "60"], sourceLocation: sourceLocation)
    }

    /// `pail check`: must exit 0 and say the root is consistent.
    func check(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try success(["check", "--json"], sourceLocation: sourceLocation)
        let report = try result.decode(CheckReport.self)
        #expect(report.consistent && report.differences.isEmpty, "check: \(result)", sourceLocation: sourceLocation)
    }

    // MARK: - Local files

    /// Makes a local file of `size` bytes (deterministic content from `seed`) under `files/`; returns its path.
    @discardableResult
    func makeFile(_ relative: String, size: Int, seed: UInt64 = 1) throws -> String {
        let path = files + "/" + relative
        try LocalFiles.write(path: path, size: size, seed: seed)
        return path
    }

    /// A path under `files/` (not created).
    func local(_ relative: String) -> String { files + "/" + relative }

    // MARK: - The headless UI

    /// Runs `pail headless` with `script` on a screen of `size`, with the given consistency delay and more `options`.
    @discardableResult
    func headless(
        _ script: String, size: String = "100x30", delay: Int = 0, options: [String] = [], env: [String: String] = [:]
    ) throws -> PailResult {
        let path = sandbox + "/io/script-\(UUID().uuidString.prefix(8)).txt"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        return try run(["headless", "--script", path, "--size", size, "--delay", String(delay)] + options, env: env)
    }

    /// Runs a headless script that must succeed; returns what it printed (its `screen` commands).
    @discardableResult
    func headlessSuccess(
        _ script: String, size: String = "100x30", delay: Int = 0, options: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let result = try headless(script, size: size, delay: delay, options: options)
        try #require(result.succeeded, "headless script failed: \(result)", sourceLocation: sourceLocation)
        return result.stdout
    }
}

/// A `pail` process that was started and may still be running.
final class RunningPail: @unchecked Sendable {
    let arguments: [String]
    private let process = Process()
    private let exited = DispatchSemaphore(value: 0)
    private let stdoutPath: String
    private let stderrPath: String
    private let started = Date()

    init(binary: String, arguments: [String], environment: [String: String], directory: String, outputBase: String) throws {
        self.arguments = arguments
        stdoutPath = outputBase + ".out"
        stderrPath = outputBase + ".err"
        for path in [stdoutPath, stderrPath] {
            guard FileManager.default.createFile(atPath: path, contents: nil) else { throw TestFailure("cannot create \(path)") }
        }
        // Output goes to files, not pipes: nothing can block on a full pipe, and concurrent runs cannot
        // keep each other's pipes open.
        let stdout = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        let stderr = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        defer {
            try? stdout.close()
            try? stderr.close()
        }
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        let exited = self.exited
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
    }

    var processIdentifier: Int32 { process.processIdentifier }

    /// What the process printed on standard output so far.
    var stdoutSoFar: String { String(decoding: FileManager.default.contents(atPath: stdoutPath) ?? Data(), as: UTF8.self) }
    var isRunning: Bool { process.isRunning }

    /// Sends `signal` (SIGKILL by default) to the process.
    func kill(_ signal: Int32 = SIGKILL) {
        _ = Glibc.kill(process.processIdentifier, signal)
    }

    /// Waits for the process to end (killing it after `timeout` seconds, which throws) and returns what it did.
    func waitForExit(timeout: TimeInterval) throws -> PailResult {
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            kill()
            exited.wait()
            throw TestFailure("`pail \(arguments.joined(separator: " "))` did not finish within \(Int(timeout)) s and was killed")
        }
        exited.signal()  // a second wait returns at once
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(started)
        return PailResult(
            arguments: arguments, status: process.terminationStatus,
            killedBySignal: process.terminationReason == .uncaughtSignal,
            stdoutData: FileManager.default.contents(atPath: stdoutPath) ?? Data(),
            stderr: String(decoding: FileManager.default.contents(atPath: stderrPath) ?? Data(), as: UTF8.self),
            seconds: seconds)
    }
}
