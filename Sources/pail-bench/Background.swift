import Foundation
import Synchronization

/// A server the bench starts and must stop (`pail serve`, nginx): it runs in a process group of its own,
/// its output goes to files in the scratch folder, and it is stopped by `stop()`, by the `defer` of
/// whoever started it when a figure fails, or by the signal handlers when pail-bench is interrupted.
///
/// ```swift
/// let server = try Background.start(["nginx", "-c", conf], name: "nginx", in: scratch)
/// defer { server.stop() }
/// ```
final class Background: Sendable {
    let name: String
    let pid: pid_t
    let stdoutPath: String
    let stderrPath: String
    private let stopped = Mutex(false)

    private init(name: String, pid: pid_t, stdoutPath: String, stderrPath: String) {
        (self.name, self.pid, self.stdoutPath, self.stderrPath) = (name, pid, stdoutPath, stderrPath)
    }

    /// Starts `arguments` with its output in `folder/NAME.out` and `NAME.err`.
    static func start(_ arguments: [String], name: String, in folder: String, environment: [String: String] = [:]) throws -> Background {
        Self.handleSignals()
        let (out, err) = (folder + "/\(name).out", folder + "/\(name).err")
        let pid = try Measure.spawn(arguments, environment: environment, stdout: out, stderr: err, ownGroup: true)
        let process = Background(name: name, pid: pid, stdoutPath: out, stderrPath: err)
        running.withLock { $0[pid] = process }
        return process
    }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Whether it still runs (a child that ended is reaped here, and is then stopped for good).
    var isRunning: Bool {
        stopped.withLock { done in
            guard !done else { return false }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { done = true }
            return !done
        }
    }

    /// Stops it: SIGTERM (servers finish what is in flight), then after `grace` seconds SIGKILL to its
    /// whole process group (nginx's workers too); returns once it is reaped and the processes it started
    /// are gone (tmux's panes run in sessions of their own: their programs end on the hangup tmux sends
    /// them, and get SIGKILL if they are still there `grace` seconds later, so nothing they do can outlive
    /// the scratch folder). Stopping twice is harmless.
    func stop(grace: Double = 10) {
        stopped.withLock { done in
            guard !done else { return }
            done = true
            let started = Array(ProcessTree.members(pid).dropFirst())
            defer {
                ProcessTree.waitGone(started, timeout: grace)
                for process in started where ProcessTree.isRunning(process) { kill(process, SIGKILL) }
                ProcessTree.waitGone(started, timeout: 1)
            }
            kill(pid, SIGTERM)
            let deadline = Measure.now() + grace
            var status: Int32 = 0
            while waitpid(pid, &status, WNOHANG) == 0 {
                if Measure.now() > deadline {
                    kill(-pid, SIGKILL)
                    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                    break
                }
                usleep(10_000)
            }
        }
        _ = Self.running.withLock { $0.removeValue(forKey: pid) }
    }

    /// Its peak resident memory so far (`VmHWM` in /proc/PID/status), in bytes.
    func peakResidentBytes() throws -> Int64 {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Int64(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { throw BenchError("no VmHWM in /proc/\(pid)/status") }
        return kilobytes * 1024
    }

    /// Waits until `ready` says so (checked every 20 ms), failing if the process ends or `timeout` passes.
    func wait<T>(timeout: Double, for what: String, until ready: () -> T?) throws -> T {
        let deadline = Measure.now() + timeout
        while true {
            if let value = ready() { return value }
            guard isRunning else { throw BenchError("\(name) stopped before \(what): \(stderr.suffix(2_000))") }
            guard Measure.now() < deadline else { throw BenchError("\(name): no \(what) after \(Int(timeout)) s: \(stderr.suffix(2_000))") }
            usleep(20_000)
        }
    }

    // MARK: - Every process still running, stopped if pail-bench is interrupted

    private static let running = Mutex<[pid_t: Background]>([:])
    private static let signalSources = Mutex<[any DispatchSourceSignal]>([])

    /// Stops every process still running.
    static func stopAll() {
        for process in running.withLock({ Array($0.values) }) { process.stop(grace: 3) }
    }

    private static let scratch = Mutex<String?>(nil)
    private static let interrupted = Mutex(false)

    /// On SIGINT, SIGTERM or SIGHUP, the servers are stopped, the run unwinds through its own cleanup (its
    /// long loops and every program it runs call `checkInterrupted`), and `scratch` (the run's scratch
    /// folder) is gone before pail-bench exits: the run's cleanup removes it, or the handler does after 30 s.
    static func handleSignals(removing scratch: String) {
        Self.scratch.withLock { $0 = scratch }
        handleSignals()
    }

    /// Throws once pail-bench is interrupted, so that the run stops and cleans up after itself.
    static func checkInterrupted() throws {
        if interrupted.withLock({ $0 }) { throw BenchError("interrupted") }
    }

    private static let removal = Mutex(())

    /// Removes the run's scratch folder, one thread at a time (the signal handler and the run's own
    /// cleanup may both get there), trying again while something changes it under the removal.
    static func removeScratch(_ folder: String) {
        removal.withLock { _ in
            for _ in 0..<20 where FileManager.default.fileExists(atPath: folder) {
                try? FileManager.default.removeItem(atPath: folder)
                if FileManager.default.fileExists(atPath: folder) { usleep(50_000) }
            }
        }
    }

    /// Installs the handlers (once).
    private static func handleSignals() {
        signalSources.withLock { sources in
            guard sources.isEmpty else { return }
            for number in [SIGINT, SIGTERM, SIGHUP] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    FileHandle.standardError.write(Data("pail-bench: interrupted; stopping the servers it started\n".utf8))
                    interrupted.withLock { $0 = true }
                    stopAll()
                    if let folder = scratch.withLock({ $0 }) {
                        let deadline = Measure.now() + 30
                        while FileManager.default.fileExists(atPath: folder) && Measure.now() < deadline { usleep(20_000) }
                        removeScratch(folder)
                    }
                    exit(128 + number)
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}

/// Loopback ports.
enum Loopback {
    /// A port free on 127.0.0.1 now (the kernel's pick for port 0).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchError("socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard bound else { throw BenchError("cannot find a free port: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts connections on 127.0.0.1:`port`.
    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}

/// Processes as /proc shows them.
enum ProcessTree {
    /// `root` and every process descended from it now.
    static func members(_ root: pid_t) -> [pid_t] {
        var children: [pid_t: [pid_t]] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(entry), let fields = statFields(pid), fields.count > 1, let parent = pid_t(fields[1]) else { continue }
            children[parent, default: []].append(pid)
        }
        var found = [root]
        var next = 0
        while next < found.count {
            found += children[found[next]] ?? []
            next += 1
        }
        return found
    }

    /// Whether `pid` runs (is there, and not a zombie).
    static func isRunning(_ pid: pid_t) -> Bool { statFields(pid).map { $0.first != "Z" } ?? false }

    /// Waits until none of `pids` runs or `timeout` seconds pass.
    static func waitGone(_ pids: [pid_t], timeout: Double) {
        let deadline = Measure.now() + timeout
        while pids.contains(where: isRunning) && Measure.now() < deadline { usleep(5_000) }
    }

    /// The fields of /proc/PID/stat after the command's name: state, parent, …; nil once it is gone.
    private static func statFields(_ pid: pid_t) -> [Substring]? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let name = stat.lastIndex(of: ")") else {
            return nil
        }
        return stat[stat.index(after: name)...].split(separator: " ")
    }
}
