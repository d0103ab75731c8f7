import Foundation
import PailCore

/// Where a task of the session stands; the task list shows it, `c` and `r` act on it.
enum TaskPhase: Sendable, Equatable {
    /// A transfer waiting for one of those running to end.
    case queued
    case running
    /// The user cancelled it; it stops at its next chunk or file.
    case cancelling
    case done(String)
    /// It ended with this error (`Code: message`).
    case failed(String)
    /// The user cancelled it; what it did before that.
    case cancelled(String)

    /// How many ended tasks the list keeps (the oldest go first).
    static let kept = 50
    /// How many transfers run at once; the others wait in the queue, in the order they were asked for.
    static let transfersAtOnce = 2

    var label: String {
        switch self {
        case .queued: "queued"
        case .running: "running"
        case .cancelling: "cancelling"
        case .done: "done"
        case .failed: "failed"
        case .cancelled: "cancelled"
        }
    }

    var isRunning: Bool { self == .running || self == .cancelling }

    /// What `r` can start again.
    var canRetry: Bool {
        switch self {
        case .failed, .cancelled: true
        default: false
        }
    }

    /// The phase a task ends in: cancelled if the user asked, failed if its outcome says so, else done.
    init(ending outcome: TaskOutcome, cancelled: Bool) {
        let text: String
        switch outcome {
        case .done(let said), .undoable(let said, _): text = said
        // A cancel's message says "Cancelled" itself, and what was kept or left.
        case .failed(let error) where error.code == .cancelled: text = error.message
        case .failed(let error): text = "\(error.code.rawValue): \(error.message)"
        case .undoFailed(_, let error): text = "\(error.code.rawValue): \(error.message)"
        default: text = "done"
        }
        if cancelled {
            self = .cancelled(text)
        } else if case .failed = outcome {
            self = .failed(text)
        } else if case .undoFailed = outcome {
            self = .failed(text)
        } else {
            self = .done(text)
        }
    }
}

extension AppState.RunningTask {
    /// Bytes a second since it started (nil before any byte moved).
    func rate(now: Date) -> Double? {
        guard let progress, progress.bytesDone > 0 else { return nil }
        return Double(progress.bytesDone) / max(0.001, (ended ?? now).timeIntervalSince(started))
    }

    /// How long the rest should take at the rate so far (running transfers only).
    func remaining(now: Date) -> TimeInterval? {
        guard phase.isRunning, let progress, progress.bytesTotal > 0, let rate = rate(now: now) else { return nil }
        return Double(progress.bytesTotal - progress.bytesDone) / rate
    }
}

extension AppState {
    /// The task list's rows: the running tasks, oldest first, then the ended ones, newest first.
    var taskRows: [RunningTask] { tasks.values.sorted { $0.id < $1.id } + endedTasks }

    /// The status line's summary of the tasks: "2 running, 1 queued · 34 MB/s".
    var tasksSummary: String {
        let rate = tasks.values.compactMap { $0.rate(now: now) }.reduce(0, +)
        let queued = tasks.values.filter { $0.phase == .queued }.count
        return "\(tasks.count - queued) running" + (queued > 0 ? ", \(queued) queued" : "")
            + (rate > 0 ? " · \(ByteSize.format(Int64(rate)))/s" : "")
    }
}

extension Job {
    /// Whether the job moves bytes between the machine and the vault: those queue (`TaskPhase.transfersAtOnce`).
    var isTransfer: Bool {
        switch self {
        case .upload, .fetch, .fetchChosen, .uploadEdited: true
        default: false
        }
    }
}
