import Foundation
import PailCore

/// Workflow runs, newest first; Enter shows the selected run's steps with their input, output and error.
enum ExecutionsView {
    static func draw(
        _ runs: [Execution], selected: Int, showingSteps: Bool, now: Date, theme: Theme, in rect: AppLayout.Rect, into grid: inout Grid
    ) {
        grid.write(
            DisplayWidth.fit(
                DisplayWidth.shorten(" Workflow runs (\(runs.count))   enter: steps   esc: back   R: reload", to: rect.width),
                to: rect.width),
            x: rect.x, y: rect.y, style: theme[.header])
        guard !runs.isEmpty else {
            grid.write(" No workflow has run yet.", x: rect.x, y: rect.y + 2, style: theme[.dim])
            return
        }
        let listHeight = showingSteps ? min(runs.count, max(3, rect.height / 3)) : rect.height - 1
        let top = max(0, min(selected - listHeight / 2, runs.count - listHeight))
        for line in 0..<listHeight {
            let index = top + line
            guard index < runs.count else { break }
            let run = runs[index]
            let status = DisplayWidth.fit(run.status.rawValue, to: 10)
            let key =
                run.input["detail"]?["object"]?["key"]?.stringValue ?? run.input["detail"]?["key"]?.stringValue
                ?? run.input["detail"]?["source"]?.stringValue ?? ""
            let text =
                " " + status + DisplayWidth.fit(run.workflow, to: 17)
                + DisplayWidth.fit(Format.age(now.timeIntervalSince(run.started)) + " ago", to: 10)
                + "try \(run.attempt)  " + key + (run.error.map { "  " + $0 } ?? "")
            let style = index == selected ? theme[.selected] : run.error == nil ? theme[.text] : theme[.error]
            if index == selected { grid.fill(x: rect.x, y: rect.y + 1 + line, width: rect.width, height: 1, style: style) }
            grid.write(text, x: rect.x, y: rect.y + 1 + line, style: style, maxWidth: rect.width)
        }
        guard showingSteps, runs.indices.contains(selected) else { return }
        var y = rect.y + 2 + listHeight
        let bottom = rect.y + rect.height
        grid.write(
            DisplayWidth.fit(" Steps of \(runs[selected].workflow) \(runs[selected].id)", to: rect.width), x: rect.x, y: y,
            style: theme[.header])
        y += 1
        for step in runs[selected].history where y < bottom {
            let took = String(format: "%.1f ms", step.exited.timeIntervalSince(step.entered) * 1000)
            grid.write(
                " ▸ \(step.name)  \(took)", x: rect.x, y: y, style: step.error == nil ? theme[.key] : theme[.error], maxWidth: rect.width)
            y += 1
            var details = [("input", step.input.jsonString())]
            if let output = step.output { details.append(("output", output.jsonString())) }
            if let error = step.error { details.append(("error", error)) }
            for (label, value) in details where y < bottom {
                grid.write(
                    "     " + DisplayWidth.fit(label, to: 8) + value, x: rect.x, y: y,
                    style: label == "error" ? theme[.error] : theme[.dim],
                    maxWidth: rect.width)
                y += 1
            }
        }
    }
}
