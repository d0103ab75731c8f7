import Foundation

/// What a program run by a test did.
public struct CommandResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// A test's failure with a message of its own (a child process that failed, an answer not understood).
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Runs a program to its end, its output captured through files (nothing blocks on a full pipe), without
/// any `AWS_*` setting of the test's own environment.
public enum Command {
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 300
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }.merging(environment) { $1 }
        let folder = try TemporaryFolder("pail-cmd")
        defer { folder.remove() }
        let outPath = folder.path + "/out", errPath = folder.path + "/err"
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        try? out.close()
        try? err.close()
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            throw TestFailure("\(executable) \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) s")
        }
        process.waitUntilExit()
        func read(_ path: String) -> String { String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        return CommandResult(status: process.terminationStatus, stdout: read(outPath), stderr: read(errPath))
    }
}

/// python3, with boto3 and the other PyPI clients `.ci/run` installs.
public enum Python {
    public static let hasBoto3: Bool = (try? run(["-c", "import boto3"]).status) == 0

    /// Runs `python3 arguments…` with `environment` added; returns whatever it did.
    public static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        try Command.run("/usr/bin/env", ["python3"] + arguments, environment: environment)
    }

    /// Runs `python3 arguments…` and returns its standard output; throws with its error output unless it exits 0.
    public static func output(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let result = try run(arguments, environment: environment)
        guard result.status == 0 else { throw TestFailure("python3 exited with status \(result.status): \(result.stderr)") }
        return result.stdout
    }
}
