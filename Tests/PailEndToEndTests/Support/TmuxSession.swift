import Foundation
import Testing

/// A real terminal for end-to-end tests: a detached tmux session on a server of its own, driven with
/// `send-keys` and read with `capture-pane`, removed when the test is done.
///
/// ```swift
/// let tmux = try TmuxSession(command: "pail", width: 100, height: 30)
/// try tmux.send("j")
/// try tmux.waitFor("docs/")
/// ```
final class TmuxSession {
    private let socket = "pail-e2e-\(UUID().uuidString.prefix(8))"
    private let session = "pail"

    /// Starts `command` (a shell command line) in a new session of `width`×`height` cells.
    /// Programs in it may set tmux's clipboard (OSC 52), which `pasteBuffer` reads.
    init(command: String, width: Int, height: Int) throws {
        try tmux(["new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), command])
        try tmux(["set-option", "-s", "set-clipboard", "on"])
    }

    deinit { try? tmux(["kill-server"]) }

    /// Types keys as `tmux send-keys` names them (`j`, `Enter`, `Escape`, `C-u`); `literal` types text as is.
    func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", session] + (literal ? ["-l"] : []) + keys)
    }

    /// Changes the terminal's size, as a user dragging the window would.
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
    }

    /// Closes the terminal under the program, as closing its window or losing the connection would.
    func hangUp() throws {
        try tmux(["kill-session", "-t", session])
    }

    /// The screen as text; `escapes` keeps colours and attributes as escape sequences.
    func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", session] + (escapes ? ["-e"] : []))
    }

    /// What a program last copied to the clipboard.
    func pasteBuffer() throws -> String {
        try tmux(["show-buffer"])
    }

    /// Waits until `condition` holds for the screen; fails the test with the last screen after `timeout` seconds.
    @discardableResult
    func waitUntil(
        _ what: String, timeout: TimeInterval = 15, sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool
    ) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try self.screen()
            if condition(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("timed out waiting for \(what); the screen:\n\(screen)", sourceLocation: sourceLocation)
        throw TestFailure("timed out waiting for \(what)")
    }

    /// Waits until `text` is on the screen.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitUntil("'\(text)'", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Waits until `text` has left the screen.
    @discardableResult
    func waitForGone(_ text: String, timeout: TimeInterval = 15, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitUntil("'\(text)' to go", timeout: timeout, sourceLocation: sourceLocation) { !$0.contains(text) }
    }

    /// Runs a tmux client to its end. posix_spawn and waitpid rather than `Process`: the server that
    /// `new-session` forks off keeps the client's descriptors, and `Process` would wait for it too.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = (["tmux", "-L", socket, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The server starts with a clean signal mask: the test's worker thread blocks signals, and the
        // programs under test would inherit that.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, "tmux", &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw TestFailure("cannot run tmux: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = String(decoding: FileManager.default.contents(atPath: outputPath) ?? Data(), as: UTF8.self)
        guard status == 0 else { throw TestFailure("tmux \(arguments.first ?? ""): \(text)") }
        return text
    }

    /// A value quoted for `sh`.
    static func quoted(_ value: String) -> String { "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
