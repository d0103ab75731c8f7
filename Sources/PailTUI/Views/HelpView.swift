/// The keys, generated from the bindings so it is never out of date.
enum HelpView {
    static func draw(theme: Theme, in rect: AppLayout.Rect, into grid: inout Grid) {
        var y = rect.y + 1
        grid.write(" Keys", x: rect.x + 1, y: y, style: theme[.header])
        y += 2
        let columnWidth = rect.width >= 100 ? rect.width / 2 : rect.width
        var x = rect.x + 2
        let top = y
        for group in KeyBinding.Group.allCases {
            let bindings = KeyBinding.browser.filter { $0.group == group }
            if y + bindings.count + 2 > rect.y + rect.height, columnWidth < rect.width, x == rect.x + 2 {
                x += columnWidth
                y = top
            }
            grid.write(group.rawValue, x: x, y: y, style: theme[.header])
            y += 1
            for binding in bindings {
                let keys = binding.keys.map(\.label).joined(separator: " ")
                grid.write(DisplayWidth.fit(keys, to: 13), x: x + 1, y: y, style: theme[.key])
                grid.write(binding.summary, x: x + 15, y: y, style: theme[.text], maxWidth: columnWidth - 17)
                y += 1
            }
            y += 1
        }
        grid.write("In a prompt: Tab completes, ctrl-u clears, ctrl-w deletes a word.  esc, q or ? closes this help.",
                   x: rect.x + 2, y: rect.y + rect.height - 1, style: theme[.dim], maxWidth: rect.width - 4)
    }
}
