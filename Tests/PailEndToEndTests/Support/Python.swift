import Foundation

/// Runs python3 (with boto3, awscli and the other PyPI clients `.ci/run` installs) in a child process,
/// without any `AWS_*` setting of the test's own environment.
enum Python {
    static let hasBoto3: Bool = (try? run(["-c", "import boto3"]).status) == 0

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `python3 arguments…` with `environment` added; returns whatever it did.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        try Command.run("/usr/bin/env", ["python3"] + arguments, environment: environment)
    }

    /// Runs a script of `Tests/PailEndToEndTests/Serve/clients/`; throws with its output unless it exits 0.
    @discardableResult
    static func client(_ name: String, _ arguments: [String] = [], environment: [String: String] = [:]) throws -> String {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Serve/clients/\(name)").path
        let result = try run([script] + arguments, environment: environment)
        guard result.status == 0 else {
            throw PailTestError("\(name) exited with status \(result.status)\n--- stdout:\n\(result.stdout)\n--- stderr:\n\(result.stderr)")
        }
        return result.stdout
    }
}

/// Runs a program to its end, its output captured through files (nothing blocks on a full pipe).
enum Command {
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 300) throws -> Python.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }.merging(environment) { $1 }
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("pail-cmd-\(UUID().uuidString)").path
        FileManager.default.createFile(atPath: base + ".out", contents: nil)
        FileManager.default.createFile(atPath: base + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: base + ".out")
            try? FileManager.default.removeItem(atPath: base + ".err")
        }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".out"))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".err"))
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
            throw PailTestError("\(executable) \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) s")
        }
        process.waitUntilExit()
        func read(_ path: String) -> String { String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        return Python.Result(status: process.terminationStatus, stdout: read(base + ".out"), stderr: read(base + ".err"))
    }
}
