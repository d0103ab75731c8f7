import Foundation
import PailCore

/// The task list: one row per task of the session (running first), with its state, progress, speed and
/// time left; below, the selected task's outcome or error in full.
enum TasksView {
    static func draw(
        _ tasks: [AppState.RunningTask], selected: Int, now: Date, theme: Theme, in rect: AppLayout.Rect, into grid: inout Grid
    ) {
        let running = tasks.filter(\.phase.isRunning).count
        let queued = tasks.filter { $0.phase == .queued }.count
        let counts = "\(running) running, " + (queued > 0 ? "\(queued) queued, " : "") + "\(tasks.count - running - queued) ended"
        grid.write(
            DisplayWidth.fit(" Tasks (\(counts))   c: cancel   r: retry   esc: back", to: rect.width),
            x: rect.x, y: rect.y, style: theme[.header])
        guard !tasks.isEmpty else {
            grid.write(" No task has run in this session yet.", x: rect.x, y: rect.y + 2, style: theme[.dim])
            return
        }
        let listHeight = max(1, rect.height - 4)
        let top = max(0, min(selected - listHeight / 2, tasks.count - listHeight))
        for line in 0..<listHeight {
            let index = top + line
            guard index < tasks.count else { break }
            let task = tasks[index]
            let text =
                " " + DisplayWidth.fit(task.phase.label, to: 11) + DisplayWidth.fit(task.title, to: 40) + "  " + figures(task, now: now)
            let style: Style
            switch task.phase {
            case _ where index == selected: style = theme[.selected]
            case .failed: style = theme[.error]
            case .done: style = theme[.dim]
            default: style = theme[.text]
            }
            if index == selected { grid.fill(x: rect.x, y: rect.y + 1 + line, width: rect.width, height: 1, style: style) }
            grid.write(text, x: rect.x, y: rect.y + 1 + line, style: style, maxWidth: rect.width)
        }
        guard tasks.indices.contains(selected) else { return }
        let detail: String
        switch tasks[selected].phase {
        case .queued, .running, .cancelling: detail = tasks[selected].progress.map { "now: " + $0.current } ?? ""
        case .done(let text), .failed(let text), .cancelled(let text): detail = text
        }
        let isError: Bool
        if case .failed = tasks[selected].phase { isError = true } else { isError = false }
        grid.write(
            " " + DisplayWidth.shorten(detail, to: rect.width - 2), x: rect.x, y: rect.y + rect.height - 2,
            style: isError ? theme[.error] : theme[.text])
    }

    /// Files and bytes done of their totals, the speed, and the time left (or how long it took).
    static func figures(_ task: AppState.RunningTask, now: Date) -> String {
        var parts: [String] = []
        if let progress = task.progress {
            if progress.filesTotal > 1 { parts.append("\(progress.filesDone)/\(progress.filesTotal) files") }
            if progress.bytesTotal > 0 {
                let percent = Int(min(1, Double(progress.bytesDone) / Double(progress.bytesTotal)) * 100)
                parts.append("\(ByteSize.format(progress.bytesDone)) of \(ByteSize.format(progress.bytesTotal)) (\(percent)%)")
            }
        }
        if let rate = task.rate(now: now) { parts.append("\(ByteSize.format(Int64(rate)))/s") }
        if let left = task.remaining(now: now) {
            parts.append("\(Format.age(left)) left")
        } else if let ended = task.ended {
            parts.append("took \(Format.age(ended.timeIntervalSince(task.started)))")
        }
        return parts.joined(separator: "  ")
    }
}
