import Foundation
import Synchronization

/// Tells subscribers that something in the data root changed: a commit by this process, or (polled a few
/// times a second while anyone subscribes) by another Pail process on the same root.
///
/// ```swift
/// let subscription = engine.changes.subscribe { redraw() }
/// ```
public final class ChangeFeed: Sendable {
    private let handlers = Mutex<[UUID: @Sendable () -> Void]>([:])
    private let watcher = Mutex<DispatchSourceTimer?>(nil)
    private let database: any SQLDatabase
    private let pollInterval: TimeInterval

    init(database: any SQLDatabase, pollInterval: TimeInterval = 0.2) {
        self.database = database
        self.pollInterval = pollInterval
    }

    deinit { watcher.withLock { $0?.cancel() } }

    /// Calls `handler` (on a background queue) after each change until the subscription is cancelled.
    public func subscribe(_ handler: @escaping @Sendable () -> Void) -> ChangeSubscription {
        startWatchingOtherProcesses()
        return subscribeToLocalChanges(handler)
    }

    /// Like `subscribe`, for commits of this process only (no polling).
    func subscribeToLocalChanges(_ handler: @escaping @Sendable () -> Void) -> ChangeSubscription {
        let id = UUID()
        handlers.withLock { $0[id] = handler }
        return ChangeSubscription { [weak self] in _ = self?.handlers.withLock { $0.removeValue(forKey: id) } }
    }

    func notify() {
        for handler in handlers.withLock({ Array($0.values) }) { handler() }
    }

    /// The database's change version moves whenever anyone commits; it is first read now, so a commit made once
    /// `subscribe` returns is heard.
    private func startWatchingOtherProcesses() {
        watcher.withLock { timer in
            guard timer == nil, let first = try? database.changeVersion() else { return }
            let database = database
            let source = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "pail.changes"))
            let lastVersion = Mutex(first)
            source.schedule(deadline: .now() + pollInterval, repeating: pollInterval)
            source.setEventHandler { [weak self] in
                guard let version = try? database.changeVersion() else { return }
                let changed = lastVersion.withLock { last in
                    defer { last = version }
                    return last != version
                }
                if changed { self?.notify() }
            }
            source.resume()
            timer = source
        }
    }
}

/// Keeps a change-feed subscription alive; `cancel()` (or letting it go) ends it.
public final class ChangeSubscription: Sendable {
    private let onCancel: Mutex<(@Sendable () -> Void)?>

    init(onCancel: @escaping @Sendable () -> Void) { self.onCancel = Mutex(onCancel) }

    deinit { cancel() }

    public func cancel() { onCancel.withLock { $0 }?(); onCancel.withLock { $0 = nil } }
}
