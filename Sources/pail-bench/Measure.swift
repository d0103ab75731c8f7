import Foundation

/// One finished run of a program: wall time, peak memory (from `wait4`), exit status and output.
struct ProgramRun {
    let seconds: Double
    let peakBytes: Int64
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs programs and times code, for figures that compare Pail with a baseline in the same run.
enum Measure {
    /// Runs `arguments` (the first found on `PATH`) in the current folder with `environment` added to this
    /// process's own; output goes to files, so a chatty program cannot block on a pipe.
    static func program(_ arguments: [String], environment: [String: String] = [:]) throws -> ProgramRun {
        let base = NSTemporaryDirectory() + "pail-bench-\(UUID().uuidString)"
        defer { for suffix in [".out", ".err"] { unlink(base + suffix) } }
        let started = DispatchTime.now().uptimeNanoseconds
        let pid = try spawn(arguments, environment: environment, stdout: base + ".out", stderr: base + ".err")
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        try Background.checkInterrupted()
        let read = { (suffix: String) in String(decoding: FileManager.default.contents(atPath: base + suffix) ?? Data(), as: UTF8.self) }
        return ProgramRun(
            seconds: seconds, peakBytes: Int64(usage.ru_maxrss) * 1024, status: (status >> 8) & 0xFF, stdout: read(".out"),
            stderr: read(".err"))
    }

    /// Runs a program that must succeed.
    @discardableResult
    static func succeeding(_ arguments: [String], environment: [String: String] = [:]) throws -> ProgramRun {
        let run = try program(arguments, environment: environment)
        guard run.status == 0 else { throw BenchError("\(arguments.joined(separator: " ")) failed (\(run.status)): \(run.stderr)") }
        return run
    }

    /// Starts `arguments` (the first found on `PATH`) with standard input from /dev/null, output to the
    /// given files and `environment` added to this process's own; the signals pail-bench handles are set
    /// back to their defaults in the child. With `ownGroup`, the child leads a process group of its own,
    /// so its children can be stopped with it and a Ctrl-C at the terminal reaches only pail-bench.
    static func spawn(
        _ arguments: [String], environment: [String: String] = [:], stdout: String, stderr: String, ownGroup: Bool = false
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var flags = Int16(POSIX_SPAWN_SETSIGDEF)
        if ownGroup {
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= Int16(POSIX_SPAWN_SETPGROUP)
        }
        posix_spawnattr_setflags(&attributes, flags)
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw BenchError("cannot run \(arguments[0]): \(String(cString: strerror(spawned)))") }
        return pid
    }

    /// A monotonic clock, in seconds.
    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// Seconds `body` takes.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let started = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[(sorted.count - 1) / 2]
    }

    /// The value below which `fraction` of `values` fall (nearest rank).
    static func percentile(_ fraction: Double, of values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, max(0, Int((fraction * Double(sorted.count)).rounded(.up)) - 1))]
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
