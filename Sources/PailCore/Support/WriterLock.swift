import CLinux
import Foundation
import Synchronization

/// The root's write lock between processes, held around every write transaction: a POSIX record lock on
/// `pail.sqlite.writer`. The kernel keeps the holder's pid with it (`F_GETLK`), exact and never stale,
/// so a process waiting for it can tell a holder that is only slow from one that is stopped (Ctrl-Z,
/// SIGSTOP) and will never let go until resumed: it then fails at once with `RootBusy` naming the process,
/// instead of waiting out SQLite's busy timeout for a "database is locked".
///
/// Record locks belong to a process, and closing any descriptor of the file drops them all: each process
/// opens the file once per root and keeps it open.
final class WriterLock: Sendable {
    /// How long a stopped holder must stay stopped before the waiter gives up.
    static let stoppedGrace: TimeInterval = 0.25

    private let path: String
    private let fd: Int32

    private init(path: String) throws {
        self.path = path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw PailError(.storageError, "Cannot open the lock file \(path): \(String(cString: strerror(errno)))") }
    }

    private static let opened = Mutex<[String: WriterLock]>([:])

    /// The write lock of the database at `databasePath` (nil for an in-memory database: one process only).
    static func of(databasePath: String) throws -> WriterLock? {
        guard databasePath.contains("/") else { return nil }
        return try opened.withLock { opened in
            if let lock = opened[databasePath] { return lock }
            let lock = try WriterLock(path: databasePath + ".writer")
            opened[databasePath] = lock
            return lock
        }
    }

    /// Waits for the lock, up to `timeout` seconds; `RootBusy` naming the holder if it is stopped or
    /// keeps the lock that long.
    func acquire(timeout: TimeInterval) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var pause: useconds_t = 1000
        var stopped: (pid: Int32, since: Date)?
        while pail_try_write_lock(fd) != 0 {
            guard [EAGAIN, EACCES, EINTR].contains(errno) else {
                throw PailError(.storageError, "Cannot lock \(path): \(String(cString: strerror(errno)))")
            }
            let holder = pail_write_lock_holder(fd)
            if holder > 0, let process = RunningProcess(pid: holder) {
                if process.isStopped {
                    let since = stopped?.pid == holder ? stopped!.since : Date()
                    stopped = (holder, since)
                    if Date().timeIntervalSince(since) >= Self.stoppedGrace {
                        throw PailError(
                            .rootBusy, "process \(holder) (\(process.command)) holds the vault and is stopped: resume it (fg) or end it")
                    }
                } else {
                    stopped = nil
                }
                if Date() >= deadline {
                    throw PailError(
                        .rootBusy,
                        "process \(holder) (\(process.command)) has held the vault for more than \(Int(timeout)) s: try again when it is done"
                    )
                }
            } else if Date() >= deadline {
                throw PailError(.rootBusy, "another process has held the vault for more than \(Int(timeout)) s: try again when it is done")
            }
            usleep(pause)
            pause = min(pause * 2, 50_000)
        }
    }

    func release() { _ = pail_unlock(fd) }
}

/// What `/proc` says about a process: whether it is stopped, and its command line.
struct RunningProcess {
    let isStopped: Bool
    /// `pail wait --timeout 60`: the program's name and its arguments, shortened.
    let command: String

    /// Nil if the process is gone.
    init?(pid: Int32) {
        guard let stat = FileManager.default.contents(atPath: "/proc/\(pid)/stat"),
            let close = stat.lastIndex(of: UInt8(ascii: ")")), close + 2 < stat.endIndex
        else { return nil }
        // `pid (comm) S …`: the state follows the last parenthesis (the name may hold any character).
        isStopped = [UInt8(ascii: "T"), UInt8(ascii: "t")].contains(stat[close + 2])
        let arguments = (FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") ?? Data())
            .split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        let words = [(arguments.first as NSString?)?.lastPathComponent ?? "?"] + arguments.dropFirst()
        let text = words.joined(separator: " ")
        command = text.count > 80 ? String(text.prefix(77)) + "..." : text
    }
}
