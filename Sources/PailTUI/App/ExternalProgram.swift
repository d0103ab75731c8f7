import Foundation
import PailCore

/// The user's pager and editor, run on a file as a shell would run them.
enum ExternalProgram {
    /// The command line that views (`$PAGER`, else `less`) or edits (`$VISUAL`, `$EDITOR`, else `vi`) a file.
    static func command(for purpose: OpenedFile.Purpose, environment: [String: String]) -> String {
        let names = purpose == .view ? ["PAGER"] : ["VISUAL", "EDITOR"]
        let set = names.lazy.compactMap { environment[$0] }.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return set ?? (purpose == .view ? "less" : "vi")
    }

    /// Runs `command` (a shell command line, so `less -R` works) with `file` as its last argument, and waits
    /// for it to end; returns its exit status (128 + the signal if one ended it). The file name is passed
    /// as an argument, never read by the shell. With `terminal`, the program has this process's terminal
    /// (which must be free: the screen put away); otherwise its input, output and errors are `/dev/null`.
    ///
    /// While it runs, this process ignores the interrupt and quit signals the terminal sends the program
    /// (as `system` does), and stops and continues with it on Ctrl-Z and `fg`.
    static func run(_ command: String, file: String, terminal: Bool) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if !terminal {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGPIPE, SIGWINCH] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let previous = (signal(SIGINT, SIG_IGN), signal(SIGQUIT, SIG_IGN), signal(SIGTSTP, SIG_DFL))
        defer {
            signal(SIGINT, previous.0)
            signal(SIGQUIT, previous.1)
            signal(SIGTSTP, previous.2)
        }
        let arguments: [String] = ["/bin/sh", "-c", command + " \"$1\"", "sh", file]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw PailError(.internalError, "Cannot start /bin/sh: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw PailError(.internalError, "Lost \(command): \(String(cString: strerror(errno)))") }
        }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}
