import Foundation
import PailCore
import Synchronization

/// Runs the engine's work off the UI thread and posts what comes of it to the mailbox.
///
/// Reloads run one at a time on their own queue; user tasks (uploads, fetches, commands) run side by side.
final class EngineWorker: Sendable {
    let engine: Engine
    let mailbox: Mailbox
    /// Searches of the vault's paths, one at a time.
    let searcher: PathSearcher
    let reloads = DispatchQueue(label: "pail.ui.reload", qos: .userInitiated)
    private let tasks = DispatchQueue(label: "pail.ui.tasks", qos: .userInitiated, attributes: .concurrent)
    let previews = DispatchQueue(label: "pail.ui.previews", qos: .userInitiated)
    /// The tasks the user cancelled that have not ended yet.
    private let cancelled = Mutex<Set<Int>>([])
    /// A pause after each progress report of a task (`PAIL_TASK_PAUSE_MS`, for tests that cancel a transfer
    /// part-way); 0 in normal use.
    private let pause: TimeInterval

    init(engine: Engine, mailbox: Mailbox, pause: TimeInterval = 0) {
        self.engine = engine
        self.mailbox = mailbox
        self.pause = pause
        searcher = PathSearcher(engine: engine, mailbox: mailbox)
    }

    /// Reads the listings of `folders` (through their `windows`, else their first page in `order`), the quota and
    /// the pending events for `user`.
    /// A big folder's window is shown first, then the folder is counted and read again with its count.
    func reload(user: String, folders: [String], windows: [String: FileWindow], order: ListingOrder) {
        reloads.async { [engine, mailbox] in
            do {
                func read(_ folder: String, count: Bool) throws -> FolderListing {
                    try engine.api.listFolder(
                        user: user, folder: folder.isEmpty ? nil : try RemotePath(folder),
                        window: windows[folder] ?? TreeModel.firstPage(order),
                        count: count)
                }
                var listings: [String: FolderListing] = [:]
                for folder in folders { listings[folder] = try read(folder, count: false) }
                let (quota, deliveries) = (try engine.api.quota(user: user), try engine.pendingEvents())
                let uncounted = listings.filter { !$0.value.isCounted }.keys
                mailbox.post(
                    .loaded(
                        Snapshot(user: user, listings: listings, quota: quota, deliveries: deliveries, countFollows: !uncounted.isEmpty)))
                guard !uncounted.isEmpty else { return }
                for folder in uncounted { listings[folder] = try read(folder, count: true) }
                mailbox.post(.loaded(Snapshot(user: user, listings: listings, quota: quota, deliveries: deliveries)))
            } catch {
                mailbox.post(.loadFailed(PailError.wrapping(error)))
            }
        }
    }

    /// Reads the latest workflow runs; a failure is reported as a reload's is.
    func loadExecutions() {
        reloads.async { [engine, mailbox] in
            do {
                mailbox.post(.executions(try engine.executions(limit: 200)))
            } catch {
                mailbox.post(.loadFailed(PailError.wrapping(error)))
            }
        }
    }

    /// Starts a task in the background; its progress and outcome come back under its id.
    /// A cancelled task stops at its next progress report, with a `Cancelled` error.
    func start(_ request: TaskRequest) {
        let body = body(of: request)
        tasks.async { [self, mailbox, pause] in
            let outcome: TaskOutcome
            do {
                outcome = try body { progress in
                    if self.cancelled.withLock({ $0.contains(request.id) }) { throw PailError(.cancelled, "Cancelled") }
                    mailbox.post(.progress(taskID: request.id, progress))
                    if pause > 0 { Thread.sleep(forTimeInterval: pause) }
                }
            } catch {
                outcome = .failed(PailError.wrapping(error))
            }
            self.cancelled.withLock { _ = $0.remove(request.id) }
            mailbox.post(.finished(taskID: request.id, outcome: outcome))
        }
    }

    /// Asks the task `id` to stop where it next reports progress (between chunks and files); a task that
    /// reports none (a quick command) runs to its end.
    func cancel(taskID id: Int) {
        cancelled.withLock { _ = $0.insert(id) }
    }
}

extension PailError {
    /// The error as a `PailError`; anything else becomes an `InternalError` carrying its description.
    static func wrapping(_ error: any Error) -> PailError {
        error as? PailError ?? PailError(.internalError, String(describing: error))
    }
}
