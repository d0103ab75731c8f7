import Foundation
import PailCore
import Testing

@testable import PailTUI

/// The views draw a state into an in-memory grid; these tests read its text and styles.
@Suite("Views")
struct ViewTests {
    static let theme = Theme.builtIn
    static let modified = Date(timeIntervalSince1970: 1_795_000_000)

    static func state(files: [String: Int64], folders: [String: [String]] = [:], expanded: Set<String> = []) -> AppState {
        var state = AppState(user: "alice", root: "/tmp/root", delay: 0.5, themeName: "default")
        var entries: [String: [FileEntry]] = [:]
        for (path, size) in files {
            let folder = path.keySegments.dropLast().map { $0 + "/" }.joined()
            entries[folder, default: []].append(FileEntry(path: path, size: size, etag: "etag-\(size)", modified: modified))
        }
        // The engine lists a folder's files in byte order; so does this fixture.
        for folder in Set(entries.keys).union(folders.keys) {
            let sorted = (entries[folder] ?? []).sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
            state.tree.listings[folder] = FolderListing(folder: folder, folders: folders[folder] ?? [], files: sorted)
        }
        state.tree.expanded = expanded
        state.quota = QuotaReport(user: "alice", used: 0, limit: 1000)
        state.loaded = true
        state.refreshRows()
        return state
    }

    static func render(_ state: AppState, width: Int = 100, height: Int = 24) -> Grid {
        var grid = Grid(width: width, height: height)
        AppView.draw(state, theme: theme, layout: AppLayout(width: width, height: height), into: &grid)
        return grid
    }

    @Test func theTreeShowsFoldersFirstWithSizesAlignedAndWideNames() {
        let state = Self.state(
            files: ["b.txt": 1_500, "日本語.txt": 20, "docs/inner.pdf": 2_000_000, "🎉.png": 7],
            folders: ["": ["docs"]], expanded: ["docs/"])
        let grid = Self.render(state)
        let lines = grid.text.split(separator: "\n").map(String.init)
        let names = ["▾ docs/", "inner.pdf", "b.txt", "日本語.txt", "🎉.png"]
        let rows = names.map { name in lines.firstIndex { $0.contains(name) } }
        #expect(rows.allSatisfy { $0 != nil }, "\(grid.text)")
        #expect(rows.compactMap { $0 } == rows.compactMap { $0 }.sorted(), "folders first, then files in byte order")
        // Sizes end in the same column whatever the width of the names.
        let sizeEnds = ["2.0 MB", "1.5 kB", "20 B", "7 B"].map { size in
            lines.first { $0.contains(size) }.map { DisplayWidth.of(String($0[..<$0.range(of: size)!.upperBound])) }
        }
        #expect(sizeEnds.allSatisfy { $0 != nil } && Set(sizeEnds.compactMap { $0 }).count == 1, "\(sizeEnds) \(grid.text)")
        #expect(grid.style(of: "docs/") == Self.theme[.selected])
        #expect(grid.style(of: "b.txt") == Self.theme[.file])
    }

    @Test func pendingEntriesAreMarkedUntilTheInventoryHasThem() {
        var state = Self.state(files: ["old.txt": 5, "gone.txt": 9])
        state.tree.marks = PendingMarks(
            deliveries: [
                Self.delivery(1, "Object Created", key: "alice/new.txt", size: 2_048, age: 0.1, now: Self.modified),
                Self.delivery(2, "Object Deleted", key: "alice/gone.txt", age: 0.1, now: Self.modified),
            ], user: "alice")
        state.refreshRows()
        state.selection = state.visible.rows.firstIndex { $0.path == "old.txt" }!
        let grid = Self.render(state)
        #expect(grid.text.contains("new.txt ◌"), "\(grid.text)")
        let arriving = grid.text.split(separator: "\n").first { $0.contains("new.txt") }.map(String.init) ?? ""
        #expect(arriving.contains("2.0 kB") && arriving.contains("arriving…"), "the size its event gives: \(arriving)")
        #expect(grid.text.contains("gone.txt ✕"))
        #expect(grid.style(of: "new.txt")?.italic == true)
        #expect(grid.style(of: "gone.txt") == Self.theme[.deleting])
    }

    @Test(arguments: [(0, Theme.Role.quotaLow, "0%"), (500, .quotaLow, "50%"), (800, .quotaMid, "80%"), (1000, .quotaHigh, "100%")])
    func theQuotaBarFillsAndChangesColour(used: Int64, role: Theme.Role, percent: String) {
        var grid = Grid(width: 42, height: 2)
        QuotaBar.draw(
            QuotaReport(user: "alice", used: used, limit: 1000), theme: Self.theme,
            in: AppLayout.Rect(x: 0, y: 0, width: 42, height: 2), into: &grid)
        #expect(grid.text(row: 0).hasSuffix(percent + " "), "\(grid.text)")
        let bar = grid.text(row: 1)
        let filled = bar.filter { $0 == "█" }.count
        #expect(filled == Int(used) * 40 / 1000, "\(bar)")
        #expect(bar.filter { $0 == "░" }.count == 40 - filled)
        if filled > 0 { #expect(grid[1, 1].style == Self.theme[role]) }
        #expect(grid.style(of: percent) == Self.theme[role])
    }

    @Test func oldVersionsCountInTheQuotaBarAndSaySo() {
        var grid = Grid(width: 42, height: 3)
        QuotaBar.draw(
            QuotaReport(user: "alice", used: 500, limit: 1000, oldVersions: 250), theme: Self.theme,
            in: AppLayout.Rect(x: 0, y: 0, width: 42, height: 3), into: &grid)
        #expect(grid.text(row: 0).contains("750 B of 1.0 kB") && grid.text(row: 0).hasSuffix("75% "), "\(grid.text)")
        #expect(grid.style(of: "75%") == Self.theme[.quotaMid])
        let bar = grid.text(row: 1)
        #expect(bar.filter { $0 == "█" }.count == 20 && bar.filter { $0 == "▒" }.count == 10, "\(bar)")
        #expect(grid.text(row: 2).contains("250 B in old versions"))
    }

    static func delivery(
        _ id: Int64, _ detailType: String, key: String, size: Int64? = nil, age: TimeInterval, dueIn: TimeInterval = 0, attempts: Int = 0,
        dead: Bool = false, now: Date
    ) -> Delivery {
        let object: JSONValue = size.map { ["key": .string(key), "size": .number(Double($0))] } ?? ["key": .string(key)]
        let event = EventEnvelope(detailType: detailType, source: "pail.store", time: now, detail: ["object": object])
        return Delivery(
            id: id, bus: .default, rule: "inventory", target: "UpdateInventory", event: event, created: now - age,
            notBefore: now + dueIn, retryAt: now, attempts: attempts, isDead: dead, lastError: dead ? "failed" : nil)
    }

    @Test func theEventsPaneShowsEachEventsStateTypeKeyAndAge() {
        var state = Self.state(files: [:])
        let now = Self.modified
        state.now = now
        state.deliveries = [
            Self.delivery(1, "Object Created", key: "alice/docs/new.txt", age: 0.3, dueIn: 0.2, now: now),
            Self.delivery(2, "Object Deleted", key: "alice/old.txt", age: 12, now: now),
            Self.delivery(3, "Object Created", key: "alice/retry.bin", age: 90, attempts: 2, now: now),
            Self.delivery(4, "Object Created", key: "alice/broken.bin", age: 7200, attempts: 8, dead: true, now: now),
        ]
        let grid = Self.render(state, width: 100, height: 30)
        let text = grid.text
        #expect(text.contains("Events  3 pending, 1 dead (D redrives)"), "\(text)")
        let lines = text.split(separator: "\n").map(String.init)
        for (head, key, age) in [
            ("queued", "docs/new.txt", "0.3s"), ("due", "old.txt", "12s"), ("retrying ×2", "retry.bin", "1m"),
            ("dead ×8", "broken.bin", "2h"),
        ] {
            let row = lines.firstIndex { $0.contains(head) }
            #expect(row != nil, "\(head) in \(text)")
            guard let row else { continue }
            #expect(lines[row].hasSuffix(age) || lines[row].contains(" \(age)"), "\(lines[row])")
            #expect(lines[row + 1].contains(key), "the key under its event, without the user: \(lines[row + 1])")
            #expect(!lines[row + 1].contains("alice/"))
        }
        #expect(grid.style(of: "queued") == Self.theme[.eventQueued])
        #expect(grid.style(of: "retrying ×2") == Self.theme[.eventRetrying])
        #expect(grid.style(of: "dead ×8") == Self.theme[.eventDead])

        state.deliveries = []
        let empty = Self.render(state, width: 100, height: 30).text
        #expect(empty.contains("Events  0 pending") && empty.contains("All caught up."), "\(empty)")
    }

    @Test func theEventsPanesTitleIsCutAtAWordInANarrowColumn() {
        let now = Self.modified
        let deliveries = [
            Self.delivery(1, "Object Created", key: "alice/a.txt", age: 1, now: now),
            Self.delivery(2, "Object Created", key: "alice/b.txt", age: 1, attempts: 8, dead: true, now: now),
        ]
        var grid = Grid(width: 16, height: 6)
        EventsPane.draw(
            deliveries, user: "alice", now: now, theme: Self.theme, in: AppLayout.Rect(x: 0, y: 0, width: 16, height: 6), into: &grid)
        let title = grid.text.split(separator: "\n").first.map(String.init) ?? ""
        #expect(title.hasPrefix(" Events  1…"), "not \" Events  1 pend…\": \(title)")
    }

    @Test func bigFoldersShowACompactCountAndTheHeaderShowsWhereTheSelectionIs() {
        var files: [String: Int64] = [:]
        for index in 0..<50 { files["f\(index).txt"] = 1 }
        let state = Self.state(files: files, folders: ["": ["big"], "big/": (0..<123_456).map { "d\($0)" }])
        let grid = Self.render(state, width: 100, height: 12)
        let lines = grid.text.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("▸ big/") && $0.contains("123k items") }, "\(grid.text)")
        let header = lines[1]
        #expect(header.contains("1/51") && header.contains("Size") && header.contains("Modified"), "\(header)")
    }

    @Test func countsReadRightForOneAndMany() {
        var state = Self.state(
            files: ["one/a.txt": 1, "two/b.txt": 2, "two/c.txt": 3], folders: ["": ["one", "two"]], expanded: ["one/", "two/"])
        let lines = Self.render(state, width: 120, height: 30).text.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("▾ one/") && $0.contains("1 item") && !$0.contains("items") }, "\(lines)")
        #expect(lines.contains { $0.contains("▾ two/") && $0.contains("2 items") }, "\(lines)")
        state.selection = state.visible.rows.firstIndex { $0.path == "one/" }!
        let one = Self.render(state, width: 120, height: 30).text
        #expect(one.contains("Holds    1 entry") && !one.contains("1 entries"), "\(one)")
        state.selection = state.visible.rows.firstIndex { $0.path == "one/a.txt" }!
        let byte = Self.render(state, width: 120, height: 30).text
        #expect(byte.contains("1 B (1 byte)"), "\(byte)")
    }

    @Test func aLongStatusMessageIsCutAtAWord() {
        var state = Self.state(files: ["a.txt": 1])
        state.status = .init(text: "Cannot move docs/a.txt: it is not in the inventory yet", kind: .error)
        let last = Self.render(state, width: 50, height: 12).text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix(" Cannot move docs/a.txt: it is not in the…"), "\(last)")
    }

    @Test func aTinyTerminalSaysSoInsteadOfDrawing() {
        let grid = Self.render(Self.state(files: ["a": 1]), width: 30, height: 8)
        #expect(grid.text.contains("Terminal too small"))
        #expect(grid.text.contains("30×8"))
        #expect(!grid.text.contains("Quota"))
        // Even 1×1 and 0×0 do not crash.
        _ = Self.render(Self.state(files: [:]), width: 1, height: 1)
        _ = Self.render(Self.state(files: [:]), width: 0, height: 0)
    }

    @Test func anEmptyVaultSaysHowToStart() {
        let grid = Self.render(Self.state(files: [:]))
        #expect(grid.text.contains("This vault is empty."))
        #expect(grid.text.contains("Press u to upload"))
        #expect(grid.text.contains("? to see every key"))
    }

    @Test func theDeleteDialogAsksAndShowsTheFile() {
        var state = Self.state(files: ["a.txt": 1234])
        state.dialog = .confirm(
            title: "Delete", lines: ["Delete a.txt?", "", "y: delete    n/esc: keep"], action: .delete(path: "a.txt", isFolder: false))
        let grid = Self.render(state)
        #expect(grid.text.contains("Delete a.txt?"))
        #expect(grid.style(of: "Delete a.txt?")?.background == Self.theme[.dialog].background)
    }

    @Test func aPromptShowsItsTextAndCandidates() {
        var state = Self.state(files: [:])
        var prompt = Prompt(
            title: "Upload into docs/", hint: "a local file", field: TextField("/tmp/pho"), purpose: .upload(intoFolder: "docs/"))
        prompt.candidates = ["photos", "phone.txt"]
        state.dialog = .prompt(prompt)
        let grid = Self.render(state)
        #expect(grid.text.contains("Upload into docs/"))
        #expect(grid.text.contains("/tmp/pho"))
        #expect(grid.text.contains("photos  phone.txt"))
    }

    @Test func helpListsEveryBinding() {
        var state = Self.state(files: [:])
        state.screen = .help
        let grid = Self.render(state, width: 120, height: 40)
        for binding in KeyBinding.browser {
            #expect(grid.text.contains(binding.summary), "\(binding.summary)")
        }
    }

    @Test func theFilterKeepsMatchesAndTheFoldersLeadingToThem() {
        var state = Self.state(
            files: ["docs/report.pdf": 1, "docs/notes.txt": 1, "top-report.txt": 1, "x.bin": 1],
            folders: ["": ["docs"]], expanded: ["docs/"])
        state.filter = TextField("REPORT")
        state.refreshRows()
        #expect(state.visible.rows.map(\.path) == ["docs/", "docs/report.pdf", "top-report.txt"])
        #expect(state.visible.matches == 2)
        let grid = Self.render(state)
        #expect(grid.text.contains("/REPORT"))
        #expect(grid.text.contains("2 matches"))
        // The matched part of each name stands out; the rest of the name keeps its style.
        #expect(grid.style(of: "report.pdf")?.foreground == Self.theme[.match].foreground, "\(grid.text)")
        #expect(grid.style(of: ".pdf") == Self.theme[.file])
        #expect(grid.style(of: "top-") == Self.theme[.file])
    }

    @Test func aDividerSeparatesTheTreeFromTheSideColumnOnWideTerminals() {
        let wide = Self.render(Self.state(files: ["a.txt": 1]), width: 100, height: 24)
        let layout = AppLayout(width: 100, height: 24)
        #expect((layout.divider.y..<layout.divider.y + layout.divider.height).allSatisfy { wide[layout.divider.x, $0].character == "│" })
        #expect(wide[layout.divider.x, 1].style == Self.theme[.border])
        #expect(layout.quota.x == layout.divider.x + 1 && layout.tree.x + layout.tree.width == layout.divider.x)
        #expect(AppLayout(width: 60, height: 24).divider.isEmpty)
    }
}
