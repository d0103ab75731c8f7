import Foundation
import PailCore
import Testing

@testable import PailTUI

/// The task list (`T`): running and ended tasks with their progress, `c` to cancel, `r` to retry, and the
/// quit question while tasks run.
@Suite struct TaskListTests {
    static let files: [String: Int64] = ["docs/a.txt": 5]

    /// A harness with an upload of `photos/` started; returns its task id.
    static func uploading() -> (ModelHarness, Int) {
        var ui = ModelHarness(files: files)
        ui.press("u")
        ui.type("photos/")
        ui.press("enter")
        return (ui, ui.state.tasks.keys.first ?? -1)
    }

    static let cancelled = TaskOutcome.failed(PailError(.cancelled, "Cancelled after 12 of 40 files; those stay in the vault"))

    @Test func tListsARunningTaskWithItsProgressAndEscCloses() {
        var (ui, id) = Self.uploading()
        let progress = TransferProgress(
            bytesDone: 50_000_000, bytesTotal: 200_000_000, filesDone: 12, filesTotal: 40, current: "docs/photos/x")
        ui.send(.message(.progress(taskID: id, progress)))
        ui.press("T")
        #expect(ui.state.screen == .tasks(selected: 0))
        let screen = ui.render(width: 120, height: 20).text
        #expect(screen.contains("Tasks (1 running, 0 ended)"), "\(screen)")
        #expect(screen.contains("running    Uploading photos to docs/"), "\(screen)")
        #expect(screen.contains("12/40 files  50.0 MB of 200 MB (25%)"), "\(screen)")
        #expect(screen.contains("/s") && screen.contains("left"), "speed and time left: \(screen)")
        ui.press("esc")
        #expect(ui.state.screen == .browser)
        ui.press("T", "T")
        #expect(ui.state.screen == .browser, "T closes it too")
    }

    @Test func cCancelsTheTaskUnderTheCursorAndItEndsCancelled() {
        var (ui, id) = Self.uploading()
        ui.clearEffects()
        ui.press("T", "c")
        #expect(ui.effects == [.cancelTask(id: id)])
        #expect(ui.state.tasks[id]?.phase == .cancelling && ui.status == "Cancelling Uploading photos to docs/…")
        ui.clearEffects()
        ui.press("c")
        #expect(ui.effects.isEmpty, "a task being cancelled is not cancelled twice")
        ui.send(.message(.finished(taskID: id, outcome: Self.cancelled)))
        #expect(ui.state.tasks.isEmpty)
        #expect(ui.state.endedTasks.map(\.phase) == [.cancelled("Cancelled after 12 of 40 files; those stay in the vault")])
        #expect(ui.status == "Cancelled after 12 of 40 files; those stay in the vault", "cancelled once, not as an error code")
        let screen = ui.render(width: 120, height: 20).text
        #expect(!screen.contains("Cancelled: Cancelled"), "\(screen)")
        #expect(screen.contains("cancelled  Uploading photos to docs/"), "\(screen)")
        #expect(screen.contains("Cancelled after 12 of 40 files; those stay in the vault"), "the detail line: \(screen)")
        ui.press("c")
        #expect(ui.status == "That task has ended: nothing to cancel")
    }

    @Test func aFailedTaskShowsItsErrorAndRStartsItAgain() {
        var (ui, id) = Self.uploading()
        ui.send(.message(.finished(taskID: id, outcome: .failed(PailError(.quotaExceeded, "No room")))))
        #expect(ui.state.endedTasks.first?.phase == .failed("QuotaExceeded: No room"))
        ui.press("T")
        #expect(ui.render(width: 120, height: 20).text.contains("QuotaExceeded: No room"))
        ui.press("r")
        #expect(ui.jobs == [.upload(local: "/work/photos/", intoFolder: "docs/"), .upload(local: "/work/photos/", intoFolder: "docs/")])
        #expect(ui.state.tasks.count == 1 && ui.state.endedTasks.count == 1, "the failed one stays listed")
        // The new task is first (running), the failed one below it.
        #expect(ui.state.taskRows.map(\.phase.label) == ["running", "failed"])
    }

    @Test func aDoneTaskIsNotRetried() {
        var (ui, id) = Self.uploading()
        ui.send(.message(.finished(taskID: id, outcome: .done("Uploaded 1 file"))))
        ui.press("T", "r")
        #expect(ui.jobs.count == 1)
        #expect(ui.status == "Only a failed or cancelled task can be retried; this one is done")
    }

    @Test func endedTasksAreKeptUpToALimitNewestFirst() {
        var ui = ModelHarness(files: Self.files)
        for index in 0..<(TaskPhase.kept + 5) {
            ui.press("D")
            let id = ui.state.tasks.keys.first!
            ui.send(.message(.finished(taskID: id, outcome: .done("redrive \(index)"))))
        }
        #expect(ui.state.endedTasks.count == TaskPhase.kept)
        #expect(ui.state.endedTasks.first?.phase == .done("redrive \(TaskPhase.kept + 4)"))
    }

    @Test func theStatusLineSumsUpSeveralRunningTasks() {
        var (ui, id) = Self.uploading()
        ui.press("D")
        ui.send(
            .message(
                .progress(taskID: id, TransferProgress(bytesDone: 1 << 20, bytesTotal: 4 << 20, filesDone: 0, filesTotal: 1, current: ""))))
        let status = ui.render(width: 120, height: 20).text.components(separatedBy: "\n").last { !$0.isEmpty } ?? ""
        #expect(status.contains("2 running · ") && status.contains("/s (T lists them)"), "\(status)")
    }

    @Test func quitWithTasksRunningAsksAndYesCancelsThem() {
        var (ui, id) = Self.uploading()
        ui.press("q")
        guard case .confirm(_, let lines, .quit)? = ui.state.dialog else { Issue.record("no question"); return }
        #expect(lines.first == "1 task still running: quit and cancel it?")
        ui.clearEffects()
        ui.press("y")
        #expect(ui.effects == [.cancelTask(id: id)])
        #expect(ui.model.wantsQuit)
    }
}

/// The queue: two transfers run at once, the others wait in order; commands never wait.
@Suite struct TaskQueueTests {
    /// Starts an upload of `name` into `docs/`; returns its task id.
    static func upload(_ name: String, _ ui: inout ModelHarness) -> Int {
        ui.press("u")
        ui.type(name)
        ui.press("enter")
        return ui.state.tasks.keys.max() ?? -1
    }

    @Test func aThirdTransferWaitsAndStartsWhenOneEnds() {
        var ui = ModelHarness(files: TaskListTests.files)
        let first = Self.upload("a", &ui)
        _ = Self.upload("b", &ui)
        ui.clearEffects()
        let third = Self.upload("c", &ui)
        #expect(ui.jobs.isEmpty, "the third upload is not started")
        #expect(ui.state.tasks[third]?.phase == .queued)
        #expect(ui.status == "Uploading c to docs/: queued behind 2 transfers (T lists them)")
        ui.press("D")
        #expect(ui.jobs == [.redrive], "a command runs at once")
        ui.clearEffects()
        ui.send(.message(.finished(taskID: first, outcome: .done("Uploaded 1 file"))))
        #expect(ui.jobs == [.upload(local: "/work/c", intoFolder: "docs/")])
        #expect(ui.state.tasks[third]?.phase == .running)
    }

    @Test func aQueuedTaskCancelledEndsAtOnceAndTheQuitQuestionCountsTheQueue() {
        var ui = ModelHarness(files: TaskListTests.files)
        let first = Self.upload("a", &ui)
        _ = Self.upload("b", &ui)
        let third = Self.upload("c", &ui)
        ui.press("T")
        #expect(ui.render(width: 120, height: 20).text.contains("Tasks (2 running, 1 queued, 0 ended)"))
        #expect(ui.render(width: 120, height: 20).text.contains("2 running, 1 queued"), "the status line")
        ui.press("esc", "q")
        guard case .confirm(_, let lines, .quit)? = ui.state.dialog else { Issue.record("no question"); return }
        #expect(lines.first == "2 tasks still running, 1 queued: quit and cancel them?")
        ui.press("n", "T", "j", "j")
        ui.clearEffects()
        ui.press("c")
        #expect(ui.effects.isEmpty, "nothing was started, nothing to stop")
        #expect(ui.state.tasks[third] == nil && ui.state.endedTasks.first?.phase == .cancelled("Cancelled before it started"))
        ui.send(.message(.finished(taskID: first, outcome: .done("Uploaded 1 file"))))
        #expect(ui.jobs.isEmpty, "the cancelled one does not start")
    }
}
