import Foundation
import PailCore

/// The task list (`T`): every task of the session, `c` cancels a running one, `r` starts a failed or
/// cancelled one again (as a new task; the ended one stays listed).
extension AppModel {
    mutating func handleTasks(_ key: Key, selected: Int) {
        let rows = state.taskRows
        let task = rows.indices.contains(selected) ? rows[selected] : nil
        switch KeyBinding.action(for: key, in: .tasks) {
        case .back?: state.screen = .browser
        case .moveDown?: state.screen = .tasks(selected: min(max(0, rows.count - 1), selected + 1))
        case .moveUp?: state.screen = .tasks(selected: max(0, selected - 1))
        case .cancel?:
            guard let task else { return say("No task to cancel", .info) }
            cancelTask(task.id)
        case .retry?:
            guard let task else { return say("No task to retry", .info) }
            retryTask(task)
        default: break
        }
    }

    /// Asks a running task to stop (it stays listed as cancelling until it does); a queued one ends at once.
    mutating func cancelTask(_ id: Int) {
        guard let task = state.tasks[id] else { return say("That task has ended: nothing to cancel", .info) }
        if task.phase == .queued {
            state.tasks[id]?.phase = .cancelling
            endTask(id, outcome: .done("Cancelled before it started"))
            return say("Cancelled \(task.title) before it started", .info)
        }
        guard task.phase == .running else { return say("\(task.title) is being cancelled", .info) }
        state.tasks[id]?.phase = .cancelling
        emit(.cancelTask(id: id))
        say("Cancelling \(task.title)…", .info)
    }

    mutating func retryTask(_ task: AppState.RunningTask) {
        guard task.phase.canRetry, let request = task.request else {
            return say("Only a failed or cancelled task can be retried; this one is \(task.phase.label)", .info)
        }
        startTask(task.title, request.job)
    }

    /// Moves a task that ended to the ended ones, in the phase its outcome and the user's cancel give it.
    mutating func endTask(_ id: Int, outcome: TaskOutcome) {
        guard var task = state.tasks.removeValue(forKey: id) else { return }
        task.phase = TaskPhase(ending: outcome, cancelled: task.phase == .cancelling)
        task.ended = Date()
        state.endedTasks.insert(task, at: 0)
        if state.endedTasks.count > TaskPhase.kept { state.endedTasks.removeLast() }
        startQueued()
    }

    /// Starts the transfers waiting in the queue, oldest first, while fewer than `TaskPhase.transfersAtOnce` run.
    private mutating func startQueued() {
        var running = state.tasks.values.filter { $0.phase.isRunning && $0.request?.job.isTransfer == true }.count
        for id in state.tasks.keys.sorted() where running < TaskPhase.transfersAtOnce && state.tasks[id]?.phase == .queued {
            guard let request = state.tasks[id]?.request else { continue }
            state.tasks[id]?.phase = .running
            state.tasks[id]?.started = Date()
            emit(.task(request))
            running += 1
        }
    }
}
