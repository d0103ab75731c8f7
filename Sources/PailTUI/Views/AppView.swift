import PailCore

/// Draws the whole screen for a state: the panes, then a dialog over them, or the help or executions screen.
enum AppView {
    static func draw(_ state: AppState, theme: Theme, layout: AppLayout, into grid: inout Grid) {
        grid.fill(x: 0, y: 0, width: layout.width, height: layout.height, style: theme[.text])
        if layout.isTooSmall { return drawTooSmall(layout, theme: theme, into: &grid) }
        TitleBar.draw(state, theme: theme, in: layout.title, into: &grid)
        switch state.screen {
        case .browser where state.search != nil:
            SearchView.draw(
                state.search ?? SearchState(), theme: theme, in: AppLayout.Rect(x: 0, y: 1, width: layout.width, height: layout.height - 2),
                into: &grid)
        case .browser:
            TreeView.draw(state, theme: theme, in: layout.tree, into: &grid)
            for y in layout.divider.y..<layout.divider.y + layout.divider.height {
                grid.write("│", x: layout.divider.x, y: y, style: theme[.border])
            }
            QuotaBar.draw(state.quota, theme: theme, in: layout.quota, into: &grid)
            EventsPane.draw(state.deliveries, user: state.user, now: state.now, theme: theme, in: layout.events, into: &grid)
            DetailsPane.draw(state, theme: theme, in: layout.details, into: &grid)
            PreviewPane.draw(state.preview, theme: theme, in: layout.preview, into: &grid)
        case .help:
            HelpView.draw(theme: theme, in: layout.screenBelowTitle, scroll: state.helpScroll, into: &grid)
        case .executions(let selected, let showingSteps):
            ExecutionsView.draw(
                state.executions, selected: selected, showingSteps: showingSteps, now: state.now, theme: theme,
                in: AppLayout.Rect(x: 0, y: 1, width: layout.width, height: layout.height - 2), into: &grid)
        case .tasks(let selected):
            TasksView.draw(
                state.taskRows, selected: selected, now: state.now, theme: theme,
                in: AppLayout.Rect(x: 0, y: 1, width: layout.width, height: layout.height - 2), into: &grid)
        }
        StatusLine.draw(state, theme: theme, in: layout.status, into: &grid)
        if let dialog = state.dialog {
            DialogView.draw(
                dialog, history: state.history, sort: state.tree.sort, theme: theme, screenWidth: layout.width,
                screenHeight: layout.height, into: &grid)
        }
    }

    private static func drawTooSmall(_ layout: AppLayout, theme: Theme, into grid: inout Grid) {
        let lines = [
            "Terminal too small", "\(layout.width)×\(layout.height)",
            "Pail needs \(AppLayout.minimumWidth)×\(AppLayout.minimumHeight)", "q quits",
        ]
        let top = max(0, (layout.height - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let x = max(0, (layout.width - DisplayWidth.of(line)) / 2)
            grid.write(line, x: x, y: top + index, style: index == 0 ? theme[.error] : theme[.text])
        }
    }
}

/// The first row: the app, the user, the root, and the key hints.
enum TitleBar {
    static func draw(_ state: AppState, theme: Theme, in rect: AppLayout.Rect, into grid: inout Grid) {
        grid.fill(x: rect.x, y: rect.y, width: rect.width, height: 1, style: theme[.title])
        let hints = "? help  q quit "
        let left = " Pail  \(state.user) · \(state.root)"
        let end = grid.write(left, x: rect.x, y: rect.y, style: theme[.title], maxWidth: rect.width - DisplayWidth.of(hints) - 1)
        let delay = state.delay > 0 ? "delay \(Int(state.delay * 1000)) ms  " : ""
        let right = delay + hints
        let x = rect.x + rect.width - DisplayWidth.of(right)
        if x > end { grid.write(right, x: x, y: rect.y, style: theme[.title]) }
    }
}
