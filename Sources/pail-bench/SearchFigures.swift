import Foundation

/// The search screen in a real terminal (tmux, as the browse part): in a vault of `bigFolderFiles` paths in
/// folders of 1,000, `f` pressed and a pattern typed in one go (as a paste or a fast typist), until its first
/// result row is on the screen. Two patterns: the vault's last path, which matches only itself, so the whole
/// inventory is read before the first result; and `f500`, which matches a file of every folder from the
/// first on. The baseline is the same run's keystroke round trip: `f` pressed until the prompt shows.
extension Figures {
    func search() throws -> [Figure] {
        let folder = work + "/search"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? Fixtures.remove(folder) }
        guard let tmux = try tmuxServer(in: folder, for: "the search part", required: !quick) else { return [] }
        defer { tmux.stop() }
        let root = folder + "/root"
        try Fixtures.vault(items: bigFolderFiles, root: root)
        let last = Fixtures.vaultFolder(bigFolderFiles / 1_000 - 1) + Fixtures.vaultFile(999, folderSize: 1_000)
        let patterns = [(pattern: last, says: "one match, the last path"), (pattern: "f500", says: "a match in every folder")]
        var (prompt, found) = ([Double](), patterns.map { _ in [Double]() })
        // Alternating, after an untimed launch (not with --quick), so every timed one starts from the page cache.
        for run in (quick ? 1 : 0)...max(runs, 5) {
            for (index, pattern) in patterns.map(\.pattern).enumerated() {
                let (keystroke, result) = try firstResult(of: pattern, root: root, tmux: tmux)
                guard run > 0 else { continue }
                if index == 0 { prompt.append(keystroke) }
                found[index].append(result)
            }
        }
        let b = Measure.median(prompt)
        return zip(patterns, found.map(Measure.median)).map { pattern, seconds in
            Figure(
                name: "search of \(Show.count(bigFolderFiles)) paths, '\(pattern.pattern)' (\(pattern.says)) typed to its first result on "
                    + "the screen (tmux \(TmuxServer.width)×\(TmuxServer.height))",
                pail: Show.milliseconds(seconds), baseline: "f pressed to the search prompt: \(Show.milliseconds(b))", ratio: seconds / b,
                target: "< 200 ms", met: seconds < 0.200, numbers: ["pail_seconds": seconds, "baseline_seconds": b])
        }
    }

    /// In a UI launched on `root`: seconds from `f` until the search prompt shows, and from `pattern` typed
    /// (all at once) until a result row holding it shows under the prompt and the count.
    private func firstResult(of pattern: String, root: String, tmux: TmuxServer) throws -> (keystroke: Double, result: Double) {
        try tmux.session([pail, "--root", root, "--user", "bench", "tui"]) { pane in
            _ = try pane.wait(for: Fixtures.vaultFolder(0))
            let pressed = try pane.type(["f"])
            let prompt = try pane.wait(for: " Search: ")
            let typed = try pane.type([pattern], literal: true)
            let shown = try pane.wait(for: "a result row with '\(pattern)'") { Self.showsResult(pattern, on: $0) }
            // The search is closed before the session ends: a UI whose terminal goes away while its search screen is
            // open keeps running (spinning) instead of ending, which would load the next launches.
            _ = try pane.type(["Escape"])
            _ = try pane.wait(for: "the tree again") { !$0.contains(" Search: ") }
            return (prompt - pressed, shown - typed)
        }
    }

    /// Whether `screen` is the search screen with a result row holding `pattern`: its first line is the title,
    /// the second the prompt, the third the count, and the results come after.
    static func showsResult(_ pattern: String, on screen: String) -> Bool {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.count > 3 && lines[1].hasPrefix(" Search: ") && lines.dropFirst(3).contains { $0.contains(pattern) }
    }
}
