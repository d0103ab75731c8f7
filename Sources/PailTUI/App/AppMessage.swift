import Foundation
import PailCore
import Synchronization

/// What work the model asked for tells it: background results through the mailbox, and the answers of
/// quick effects (a completion, a theme) straight from the runtime.
enum AppMessage: Sendable {
    /// Something in the data root changed (this process or another one).
    case engineChanged
    /// A reload finished.
    case loaded(Snapshot)
    /// A reload failed.
    case loadFailed(PailError)
    /// A running task moved on.
    case progress(taskID: Int, TransferProgress)
    /// A task ended; `outcome` is what to tell the user.
    case finished(taskID: Int, outcome: TaskOutcome)
    /// The workflow runs, for the executions screen.
    case executions([Execution])
    /// A transfer found a name taken and waits for the user's answer.
    case question(ConflictQuestion)
    /// A local path in the open prompt was completed.
    case completed(LocalPathCompletion.Result)
    /// A theme was loaded (under its own name); `warning` says what went wrong if it could not be.
    case themeLoaded(name: String, warning: String?)
    /// The preview of an entry was read (for the entry as it was asked for: it may be stale by now).
    case previewed(PreviewRequest, FilePreview)
    /// The pager or editor ended (its exit status), or could not be started.
    case programExited(OpenedFile, program: String, Result<Int32, PailError>)
    /// The process came back from Ctrl-Z (`fg`); false if there was no terminal to suspend (headless).
    case resumed(Bool)
    /// The search `id` found these (in path order, after those it sent before); `finished` once it read everything.
    case searchFound(id: Int, hits: [SearchHit], finished: Bool)
    case searchFailed(id: Int, PailError)
    /// Where a path asked for (go-to, `-`, a bookmark) is: nil if it is not in the vault.
    case located(String, Result<PathLocation?, PailError>)
    /// A vault path in the go-to prompt was completed.
    case vaultPathCompleted(LocalPathCompletion.Result)
    /// A setting was written into config.toml, or could not be (why).
    case settingWritten(PailError?)
}

/// How a background task ended.
enum TaskOutcome: Sendable {
    case done(String)
    /// Done, and `z` can undo it.
    case undoable(String, UndoableOperation)
    /// An undo that could not be done (the operation is not applied yet, or changed since): it stays undoable.
    case undoFailed(UndoableOperation, PailError)
    /// A move found its destination taken: ask how to go on.
    case moveConflict(MoveConflict)
    case link(title: String, url: String, expires: Date)
    case users([String])
    /// The user asked for with `U`, and the users there are.
    case userLookup(name: String, users: [String])
    /// What a folder holds, counted before asking whether to delete it.
    case folderCount(path: String, files: Int, bytes: Int64)
    /// A file was fetched to be opened with a program.
    case fetchedToOpen(OpenedFile)
    /// An opened file was changed by the editor; it is now `size` bytes.
    case edited(OpenedFile, size: Int64)
    /// What a selection holds, counted before asking whether to delete it.
    case chosenCount(Selection, entries: Int, files: Int, bytes: Int64)
    /// Share links, one per file.
    case links(title: String, links: [SharedLink], expires: Date)
    case failed(PailError)
}

/// A file's share link.
struct SharedLink: Sendable, Equatable {
    let path: String
    let url: String
}

/// What a reload read from the engine for the screen.
struct Snapshot: Sendable {
    let user: String
    let listings: [String: FolderListing]
    let quota: QuotaReport
    let deliveries: [Delivery]
    /// True if the reload goes on: a big folder's window came first, its count follows in another snapshot.
    var countFollows = false
}

/// The queue of messages from background work to the UI thread; each message also makes `wakeUp`
/// readable (a byte in a pipe), so a UI thread waiting for input wakes at once.
final class Mailbox: Sendable {
    private let messages = Mutex<[AppMessage]>([])
    private let pipe: (read: Int32, write: Int32)

    init() {
        var ends: [Int32] = [-1, -1]
        if Glibc.pipe(&ends) == 0 {
            for end in ends {
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            }
        }
        pipe = (ends[0], ends[1])
    }

    deinit {
        for end in [pipe.read, pipe.write] where end >= 0 { close(end) }
    }

    /// Readable while messages may be waiting (-1, which `poll` skips, if the pipe could not be made).
    var wakeUp: Int32 { pipe.read }

    func post(_ message: AppMessage) {
        messages.withLock { $0.append(message) }
        var byte: UInt8 = 1
        _ = write(pipe.write, &byte, 1)  // a full pipe is readable already
    }

    /// Waits up to `timeout` seconds for a message to be posted (at once if one is waiting).
    func wait(timeout: Double) {
        var waiting = pollfd(fd: pipe.read, events: Int16(POLLIN), revents: 0)
        _ = poll(&waiting, 1, Int32(timeout * 1000))
    }

    /// Takes every message posted so far.
    func drain() -> [AppMessage] {
        var bytes = [UInt8](repeating: 0, count: 256)
        while pipe.read >= 0, read(pipe.read, &bytes, bytes.count) > 0 {}
        return messages.withLock { messages in
            defer { messages = [] }; return messages
        }
    }
}
