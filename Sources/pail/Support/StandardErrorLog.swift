import Foundation
import PailCore

/// Sends standard error to a log file while the terminal UI owns the screen, so a warning from the engine
/// lands in `<root>/tui.log` instead of tearing through the frame; `restore()` puts the terminal back.
///
/// ```swift
/// let log = try StandardErrorLog(appendingTo: engine.root + "/tui.log")
/// defer { log.restore() }
/// ```
struct StandardErrorLog {
    private let saved: Int32

    init(appendingTo path: String) throws {
        let file = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard file >= 0 else { throw PailError(.storageError, "Cannot open the log \(path): \(String(cString: strerror(errno)))") }
        defer { close(file) }
        saved = dup(STDERR_FILENO)
        guard saved >= 0, dup2(file, STDERR_FILENO) >= 0 else {
            throw PailError(.storageError, "Cannot send standard error to \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Standard error goes to where it went before.
    func restore() {
        dup2(saved, STDERR_FILENO)
        close(saved)
    }
}
