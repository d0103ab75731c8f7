import Foundation

/// A tmux server of the bench's own, on which terminal programs are launched in a detached 120×35 session
/// and timed from launch until a text is on the screen, polling `tmux capture-pane` every 5 ms: the method
/// of the shell scripts `first-frame.sh` and `open-folder.sh`, which it follows step for step.
///
/// The server runs in the foreground (`tmux -D`, which also keeps it up between sessions, so no launch pays
/// for starting it) as a `Background` process: it is stopped with the part, when a figure fails and on
/// Ctrl-C, and ends the programs in its panes as it goes. Its socket is in the scratch folder.
///
/// ```swift
/// let tmux = try TmuxServer(binary: "/usr/bin/tmux", in: scratch, environment: [:])
/// defer { tmux.stop() }
/// let seconds = try tmux.launch(["nnn", directory], shows: "f000000.txt")
/// ```
final class TmuxServer {
    /// The size of the sessions' window, as the scripts make it (tmux's status line takes one row of it).
    static let width = 120
    static let height = 35

    private let binary: String
    private let socket: String
    private let folder: String
    private let process: Background
    private var sessions = 0

    /// Starts a server for `binary` with its socket and output in `folder`; `environment` is added to what
    /// the programs in its sessions get.
    init(binary: String, in folder: String, environment: [String: String]) throws {
        let socket = folder + "/tmux.sock"
        // sun_path holds 108 bytes.
        guard socket.utf8.count < 100 else {
            throw BenchError("the scratch folder's path is too long for tmux's socket (\(socket)): pass a shorter --work")
        }
        (self.binary, self.socket, self.folder) = (binary, socket, folder)
        process = try Background.start([binary, "-D", "-S", socket, "-f", "/dev/null"], name: "tmux", in: folder, environment: environment)
        do {
            try process.wait(timeout: 20, for: "tmux's socket") { (try? client(["list-sessions"])).map { _ in () } }
        } catch {
            process.stop()
            throw error
        }
    }

    /// Stops the server and every program still running in it.
    func stop() { process.stop(grace: 5) }

    /// Seconds from launching `command` in a new session until `shows` is on its screen; with `opened`,
    /// `keys` (tmux key names) are typed once `opened` is on the screen, and `shows` counts only after that.
    /// The session is then ended, and its programs are waited for, so the next launch has the machine to itself.
    func launch(_ command: [String], shows: String, opened: String? = nil, keys: [String] = [], timeout: Double = 60) throws -> Double {
        try session(command, timeout: timeout) { pane in
            if let opened {
                _ = try pane.wait(for: opened)
                _ = try pane.type(keys)
            }
            return try pane.wait(for: shows) - pane.started
        }
    }

    /// Launches `command` in a new session and hands its pane to `body` (which types and waits on it); the
    /// session is then ended, and its programs are waited for, so the next launch has the machine to itself.
    func session<Result>(_ command: [String], timeout: Double = 60, _ body: (Pane) throws -> Result) throws -> Result {
        sessions += 1
        let session = "launch\(sessions)"
        // As the scripts do: the pane stays a while if the program ends, so its last screen can be read.
        let line = command.map(Self.quoted).joined(separator: " ") + "; sleep 5"
        let started = Measure.now()
        try client(["new-session", "-d", "-s", session, "-x", String(Self.width), "-y", String(Self.height), line])
        defer { end(session) }
        return try body(Pane(server: self, session: session, program: command[0], started: started, timeout: timeout))
    }

    /// A session's pane while it runs: keys typed into it, and waits until its screen shows something.
    struct Pane {
        fileprivate let server: TmuxServer
        fileprivate let session: String
        fileprivate let program: String
        /// When the program was launched (`Measure.now()`).
        let started: Double
        let timeout: Double

        /// Types `keys` (tmux key names; with `literal`, text typed as it is) and returns when.
        func type(_ keys: [String], literal: Bool = false) throws -> Double {
            try server.client(["send-keys", "-t", session] + (literal ? ["-l"] : []) + keys)
            return Measure.now()
        }

        /// When (`Measure.now()`) `text` is first seen on the screen.
        func wait(for text: String) throws -> Double { try wait(for: "'\(text)'") { $0.contains(text) } }

        /// When (`Measure.now()`) a screen (polled every 5 ms) first satisfies `shows`, described as `what`.
        func wait(for what: String, until shows: (String) -> Bool) throws -> Double {
            var screen = ""
            let since = Measure.now()
            while Measure.now() - since < timeout {
                try Background.checkInterrupted()
                guard let captured = try? server.client(["capture-pane", "-p", "-t", session]) else {
                    throw BenchError("\(program) ended before \(what) was on the screen; its last screen:\n\(TmuxServer.trimmed(screen))")
                }
                screen = captured
                if shows(screen) { return Measure.now() }
                usleep(5_000)
            }
            throw BenchError("\(program): no \(what) on the screen after \(Int(timeout)) s; the screen:\n\(TmuxServer.trimmed(screen))")
        }
    }

    /// Ends `session` and waits (up to 10 s) until the programs that ran in it are gone.
    private func end(_ session: String) {
        let pane = (try? client(["display-message", "-p", "-t", session, "#{pane_pid}"])).flatMap {
            pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let programs = pane.map(ProcessTree.members) ?? []
        _ = try? client(["kill-session", "-t", session])
        ProcessTree.waitGone(programs, timeout: 10)
    }

    /// Runs a tmux client on this server to its end and returns what it printed; a failure is an error.
    @discardableResult
    fileprivate func client(_ arguments: [String]) throws -> String {
        let (out, err) = (folder + "/tmux-client.out", folder + "/tmux-client.err")
        let pid = try Measure.spawn([binary, "-S", socket] + arguments, stdout: out, stderr: err)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        guard status == 0 else { throw BenchError("tmux \(arguments[0]) failed: \(read(err))") }
        return read(out)
    }

    /// A screen without its blank lines at the end.
    static func trimmed(_ screen: String) -> String {
        String(screen.reversed().drop { $0.isWhitespace }.reversed())
    }

    /// A value quoted for `sh`.
    static func quoted(_ value: String) -> String { "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
