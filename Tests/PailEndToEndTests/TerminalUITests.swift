import Foundation
import Testing

/// The real `pail` on a real terminal (tmux): keys in, `capture-pane` out.
@Suite("Terminal UI in tmux")
struct TerminalUITests {
    /// Starts `pail` in tmux on this runner's root; the shell around it records the terminal settings
    /// before and after, and says on one line (so a capture never catches half of it) how pail exited.
    static func start(
        _ pail: PailRunner, arguments: [String] = [], env: [String: String] = [:], width: Int = 100, height: Int = 30
    ) throws -> TmuxSession {
        let settings = TmuxSession.quoted(pail.sandbox + "/stty")
        let command = commandLine(pail, arguments: arguments, env: env)
        let script = """
            cd \(TmuxSession.quoted(pail.files)); stty -g > \(settings).before; \(command); status=$?; \
            stty -g > \(settings).after; cmp -s \(settings).before \(settings).after && restored=restored || restored=CHANGED; \
            echo "pail exited $status, terminal settings $restored"; sleep 600
            """
        return try TmuxSession(command: script, width: width, height: height)
    }

    /// `env SETTINGS… pail ARGUMENTS…` for a shell: the runner's root and user, and `env` besides.
    static func commandLine(_ pail: PailRunner, arguments: [String] = [], env: [String: String] = [:]) -> String {
        let environment = pail.environment(user: nil, clean: false, extra: ["NO_COLOR": ""])
            .filter { $0.key.hasPrefix("PAIL_") || $0.key.hasPrefix("XDG_") || $0.key == "NO_COLOR" }.merging(env) { $1 }
            .map { "\($0.key)=\(TmuxSession.quoted($0.value))" }.sorted().joined(separator: " ")
        return "env \(environment) " + ([pail.binary] + arguments).map(TmuxSession.quoted).joined(separator: " ")
    }

    @Test("upload: a pending event, then the tree and the quota; other processes' changes show; q restores the terminal")
    func uploadInARealTerminal() throws {
        let pail = try PailRunner()
        try pail.success("users", "add", "alice", "--quota", "10kB")
        let first = try pail.makeFile("report.pdf", size: 5000)
        let tmux = try Self.start(pail, arguments: ["--delay", "1500"])
        try tmux.waitFor("This vault is empty.")
        let empty = try tmux.waitFor("0 B of 10.0 kB")
        #expect(empty.contains("░░░░░"), "the quota bar is drawn in UTF-8: \(empty)")

        try tmux.send("u")
        try tmux.waitFor("Upload into the top of the vault")
        try tmux.send("C-u")
        try tmux.send(first, literal: true)
        try tmux.send("Enter")
        // The store has it and its event waits on the bus; the inventory does not list it yet.
        let pending = try tmux.waitFor("Object Created")
        #expect(pending.contains("1 pending"), "\(pending)")
        try tmux.waitFor("report.pdf ◌", timeout: 1)  // marked in the tree while the event waits
        let settled = try tmux.waitForGone("Object Created")
        #expect(settled.contains("report.pdf"), "\(settled)")
        try tmux.waitFor("5.0 kB of 10.0 kB")
        let half = try tmux.screen(escapes: true)

        // Another pail process fills the quota; the open UI follows on its own.
        try pail.success(["upload", try pail.makeFile("more.bin", size: 5000), "more.bin"], env: ["PAIL_DELAY_MS": "0"])
        try tmux.waitFor("more.bin", timeout: 5)
        try tmux.waitFor("10.0 kB of 10.0 kB")
        let full = try tmux.screen(escapes: true)
        #expect(Self.styleBefore("50%", in: half) != Self.styleBefore("100%", in: full), "the bar changes colour as it fills")

        try tmux.resize(width: 30, height: 8)
        try tmux.waitFor("Terminal too small")
        try tmux.resize(width: 100, height: 30)
        try tmux.waitFor("10.0 kB of 10.0 kB")

        // s shows a share link; c copies it to the clipboard (OSC 52, which tmux keeps as a buffer).
        try tmux.send("g", "g")
        try tmux.send("s")
        try tmux.waitFor("Share link for more.bin")
        try tmux.send("c")
        try tmux.waitFor("Copied to the clipboard")
        let link = try tmux.pasteBuffer()
        #expect(link.hasPrefix("http://") && link.contains("/more.bin?") && link.contains("X-Amz-Signature="), "\(link)")
        let fetched = pail.sandbox + "/shared.bin"
        try pail.success("get-url", link, fetched)
        #expect(FileManager.default.contents(atPath: fetched)?.count == 5000)

        try tmux.send("q")
        let after = try tmux.waitFor("pail exited")
        #expect(after.contains("pail exited 0"), "\(after)")
        #expect(after.contains("terminal settings restored"), "\(after)")
        #expect(try pail.ls().map(\.path) == ["more.bin", "report.pdf"])
        try pail.check()
    }

    @Test("a terminal closed under pail ends it, also when hang-ups are ignored (nohup) and in the search screen")
    func aClosedTerminalEndsTheUI() throws {
        let pail = try PailRunner()
        try pail.success("users", "add", "alice")
        try pail.success("upload", "-q", try pail.makeFile("notes.txt", size: 10), "notes.txt")
        try pail.success("wait")
        let pidFile = pail.sandbox + "/tui.pid"
        let command = "trap '' HUP; echo $$ > \(TmuxSession.quoted(pidFile)); exec " + Self.commandLine(pail)
        let tmux = try TmuxSession(command: command, width: 100, height: 30)
        try tmux.waitFor("notes.txt")
        try tmux.send("f")
        try tmux.send("note", literal: true)
        try tmux.waitFor("1 match")
        let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        try tmux.hangUp()
        let deadline = Date().addingTimeInterval(10)
        while Self.isRunning(pid), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!Self.isRunning(pid), "pail still runs on a terminal that is gone")
        if Self.isRunning(pid) { kill(pid, SIGKILL) }
    }

    /// Whether `pid` runs (a zombie waiting for its parent does not).
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        return !(stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? true)
    }

    @Test("pail without a terminal says so with a code")
    func notATerminal() throws {
        let pail = try PailRunner()
        try pail.failure("NotATerminal", [])
        try pail.failure("NotATerminal", ["tui"])
    }

    /// The escape sequences just before the first `text` on an escaped screen capture.
    static func styleBefore(_ text: String, in screen: String) -> String {
        guard let range = screen.range(of: text) else { return "" }
        let before = screen[..<range.lowerBound]
        let start = before.range(of: "\u{1B}[", options: .backwards)?.lowerBound ?? before.startIndex
        return String(before[start...])
    }
}
