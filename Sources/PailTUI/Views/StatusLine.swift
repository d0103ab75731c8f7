import Foundation
import PailCore

/// The last row: the filter being typed, a running transfer's progress, or the last action's result.
enum StatusLine {
    static func draw(_ state: AppState, theme: Theme, in rect: AppLayout.Rect, into grid: inout Grid) {
        grid.fill(x: rect.x, y: rect.y, width: rect.width, height: 1, style: theme[.status])
        if state.editingFilter || !state.filter.text.isEmpty {
            let count = state.visible.matches.map { Plural.count($0, "match", "matches") } ?? ""
            let prompt = " /" + state.filter.text + (state.editingFilter ? "▏" : "")
            let end = grid.write(prompt, x: rect.x, y: rect.y, style: state.editingFilter ? theme[.input] : theme[.status])
            let help = state.editingFilter ? "  \(count)  enter keeps · esc clears" : "  \(count)  esc clears"
            grid.write(help, x: end, y: rect.y, style: theme[.status], maxWidth: rect.width - end)
            return
        }
        if let task = state.tasks.values.filter(\.phase.isRunning).sorted(by: { $0.id < $1.id }).first {
            // Several at once: how many and how fast in all, then the oldest one's progress.
            let summary = state.tasks.count > 1 ? state.tasksSummary + " (T lists them) · " : ""
            grid.write(
                " " + DisplayWidth.shorten(summary + progressText(task, now: state.now), to: rect.width - 1), x: rect.x, y: rect.y,
                style: theme[.status])
            return
        }
        // What the selection and the clipboard hold, at the right; the last message in the rest.
        let held = [state.chosen.isEmpty ? nil : state.chosen.summary, state.clipboard?.summary].compactMap { $0 }.joined(separator: " · ")
        var width = rect.width - 2
        if !held.isEmpty, DisplayWidth.of(held) + 4 < rect.width {
            let x = rect.x + rect.width - DisplayWidth.of(held) - 1
            grid.write(held, x: x, y: rect.y, style: theme[.status])
            width = x - rect.x - 2
        }
        let role: Theme.Role
        switch state.status.kind {
        case .info: role = .status
        case .success: role = .success
        case .error: role = .error
        }
        var style = theme[role]
        style.background = theme[.status].background
        grid.write(" " + DisplayWidth.shorten(state.status.text, to: width), x: rect.x, y: rect.y, style: style)
    }

    private static func progressText(_ task: AppState.RunningTask, now: Date) -> String {
        guard let progress = task.progress else { return task.title + "…" }
        // A batch of commands: how many of its entries are through.
        guard progress.bytesTotal > 0 else {
            return task.title + "…" + (progress.filesTotal > 1 ? "  \(progress.filesDone)/\(progress.filesTotal)" : "")
        }
        let fraction = min(1, Double(progress.bytesDone) / Double(progress.bytesTotal))
        let width = 20
        let filled = Int(fraction * Double(width))
        let rate = Double(progress.bytesDone) / max(0.001, now.timeIntervalSince(task.started))
        var text = task.title + "  [" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "] "
        text += "\(Int(fraction * 100))%  \(ByteSize.format(progress.bytesDone)) of \(ByteSize.format(progress.bytesTotal))"
        text += "  \(ByteSize.format(Int64(rate)))/s"
        if progress.filesTotal > 1 { text += "  \(progress.filesDone)/\(progress.filesTotal) files" }
        return text
    }
}
