import Foundation
import PailCore
import Testing

@testable import PailTUI

/// Choosing entries (space, v, *, ctrl-a, Esc), what the screen shows of them, and the jobs the bulk
/// operations and the clipboard (y, Y, p) hand over, on the model alone.
@Suite("Model: selection and clipboard")
struct SelectionTests {
    /// Rows: `docs/`, `a.txt`, `b.txt`, `c.txt` (and `docs/x.txt` inside `docs/`).
    static let files: [String: Int64] = ["a.txt": 1_000, "b.txt": 2_000, "c.txt": 4_000, "docs/x.txt": 8]

    static func chosenPaths(_ ui: ModelHarness) -> [String] {
        ui.state.visible.rows.map(\.path).filter { ui.state.chosen.contains($0) }
    }

    @Test func spaceTogglesTheEntryAndMovesDown() {
        var ui = ModelHarness(files: Self.files)
        ui.select("a.txt")
        ui.press("space", "space")
        #expect(Self.chosenPaths(ui) == ["a.txt", "b.txt"])
        #expect(ui.state.selected?.path == "c.txt")
        #expect(ui.state.chosen.summary == "2 selected, 3.0 kB")
        ui.press("k", "space")
        #expect(Self.chosenPaths(ui) == ["a.txt"])
    }

    @Test func vSelectsEverythingBetweenTheAnchorAndTheCursor() {
        var ui = ModelHarness(files: Self.files)
        ui.select("c.txt")
        ui.press("v", "k", "k")
        #expect(ui.state.rangeRows == 1...3 && ui.state.chosen.isEmpty, "the range shows while it is open")
        ui.press("v")
        #expect(Self.chosenPaths(ui) == ["a.txt", "b.txt", "c.txt"])
        #expect(ui.state.rangeAnchor == nil && ui.status.isEmpty && ui.state.chosen.summary == "3 selected, 7.0 kB")
    }

    @Test func anOperationKeyEndsAnOpenRangeAndActsOnIt() {
        var ui = ModelHarness(files: Self.files)
        ui.select("a.txt")
        ui.press("v", "j", "y")
        #expect(ui.state.clipboard?.selection.count == 2 && ui.state.clipboard?.summary == "2 to copy")
    }

    @Test func starAndCtrlASelectTheWholeFolderOfTheCursor() {
        var ui = ModelHarness(files: Self.files)
        ui.select("b.txt")
        ui.press("*")
        #expect(Self.chosenPaths(ui) == ["docs/", "a.txt", "b.txt", "c.txt"])
        #expect(ui.state.chosen.summary == "4 selected, 7.0 kB", "docs/ has no total in this fixture: it counts as empty")
        ui.press("esc")
        #expect(ui.state.chosen.isEmpty && ui.status == "Selection cleared")
        ui.select("docs/")
        ui.press("l", "j", "ctrl-a")
        #expect(Self.chosenPaths(ui) == ["docs/x.txt"], "only the folder the cursor is in")
    }

    @Test func aChosenFolderCountsByItsTotalsOnceAndFollowsThemOnReload() {
        var ui = ModelHarness(files: Self.files)
        ui.listings[""]?.folderTotals = ["docs": FolderTotal(files: 40, bytes: 3_500_000)]
        ui.press("R")
        ui.select("docs/")
        ui.press("space", "space")
        #expect(Self.chosenPaths(ui) == ["docs/", "a.txt"])
        #expect(ui.state.chosen.summary == "2 selected, 3.5 MB", "the folder by its total (3.5 MB) and a.txt (1 kB), no folder read")
        #expect(ui.render(width: 100, height: 30).text.contains("2 selected, 3.5 MB"), "the status line shows it")
        ui.select("docs/")
        ui.press("l", "j", "space")
        #expect(ui.state.chosen.contains("docs/x.txt") && ui.state.chosen.summary == "3 selected, 3.5 MB", "x.txt is in docs/'s total")
        ui.listings[""]?.folderTotals = ["docs": FolderTotal(files: 41, bytes: 7_200_000)]
        ui.press("R")
        #expect(ui.state.chosen.summary == "3 selected, 7.2 MB", "the total as the inventory now has it")
    }

    @Test func escClearsTheSelectionFirstThenTheFilter() {
        var ui = ModelHarness(files: Self.files)
        ui.press("/")
        ui.type("t")
        ui.press("enter", "*")
        #expect(ui.state.chosen.count == 3, "the files the filter shows")
        ui.press("esc")
        #expect(ui.state.chosen.isEmpty && ui.state.filter.text == "t")
        ui.press("esc")
        #expect(ui.state.filter.text.isEmpty)
        ui.press("esc")
        #expect(ui.status == "esc does nothing here; press ? for the keys")
    }

    @Test func theSelectionSurvivesReloadsAndLosesWhatDisappears() {
        var ui = ModelHarness(files: Self.files)
        ui.select("a.txt")
        ui.press("space", "space")
        ui.changeFiles(in: "") { files in files.removeAll { $0.path == "b.txt" } }
        ui.press("R")
        #expect(Self.chosenPaths(ui) == ["a.txt"])
        #expect(ui.state.chosen.summary == "1 selected, 1.0 kB")
    }

    @Test func aBigFolderIsChosenWholeWithoutReadingItsFiles() {
        var files: [String: Int64] = [:]
        for index in 0..<2_500 { files["big/f\(10_000 + index)"] = 1 }
        var ui = ModelHarness(files: files)
        _ = ui.render(width: 80, height: 30)
        ui.press("l", "j", "*")
        #expect(ui.state.chosen.count == 2_500 && ui.state.chosen.wholeFolders.keys.sorted() == ["big/"])
        #expect(ui.state.chosen.files.isEmpty, "no file read one by one")
        #expect(ui.state.chosen.contains("big/f12499"))
        ui.press("space")
        #expect(ui.state.chosen.count == 2_499 && !ui.state.chosen.contains("big/f10000"))
        #expect(ui.state.chosen.summary == "2499 selected, 0 B + 2499 files of big folders")
    }

    @Test func aWholeFolderChosenThroughAFilterLeavesItsOtherFilesApart() {
        var chosen = Selection()
        chosen.chooseFiles(of: "big/", count: 10, matching: "jpg")
        #expect(chosen.contains("big/a.jpg") && !chosen.contains("big/a.txt") && !chosen.contains("other/a.jpg"))
        chosen.insert(TreeRow(file: FileEntry(path: "big/a.txt", size: 5, etag: "e", modified: ModelHarness.modified), depth: 1, mark: nil))
        chosen.remove("big/b.jpg")
        #expect(chosen.contains("big/a.txt") && !chosen.contains("big/b.jpg") && chosen.count == 10)
        chosen.chooseFiles(of: "big/", count: 12, matching: "jpg")
        #expect(chosen.contains("big/b.jpg") && chosen.contains("big/a.txt") && chosen.count == 13, "chosen again: nothing taken out")
    }

    @Test func chosenRowsAreMarkedAndTheStatusLineCountsThemAndTheClipboard() {
        var ui = ModelHarness(files: Self.files)
        ui.select("a.txt")
        ui.press("space", "Y", "space")
        let text = ui.render(width: 100, height: 16, theme: Theme.builtIn.adapted(colors: 256, noColor: true)).text
        let lines = text.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("●  b.txt") }, "\(text)")
        #expect(lines.contains { $0.hasPrefix("   c.txt") })
        #expect(lines.last?.hasSuffix("1 selected, 2.0 kB · 1 to move") == true, "\(text)")
    }

    @Test func dAsksWithTheCountAndSizeThenDeletesTheSelection() {
        var ui = ModelHarness(files: Self.files)
        ui.select("a.txt")
        ui.press("space", "space")
        let chosen = ui.state.chosen
        ui.press("d")
        #expect(ui.jobs == [.countChosen(chosen)] && ui.state.dialog == nil)
        ui.finishLastTask(.chosenCount(chosen, entries: 2, files: 2, bytes: 3_000))
        guard case .confirm("Delete", let lines, _)? = ui.state.dialog else { Issue.record("no question"); return }
        #expect(lines.prefix(2) == ["Delete 2 selected entries?", "They hold 2 files, 3.0 kB, folders included."])
        ui.press("y")
        #expect(ui.jobs.last == .deleteChosen(chosen))
        #expect(ui.state.chosen.isEmpty && ui.state.tasks.values.map(\.title) == ["Deleting 2 entries"])
    }

    @Test func rMovesTheSelectionIntoAFolderTyped() {
        var ui = ModelHarness(files: Self.files)
        ui.select("a.txt")
        ui.press("space", "space")
        let chosen = ui.state.chosen
        ui.press("r")
        guard case .prompt(let prompt)? = ui.state.dialog else { Issue.record("no prompt"); return }
        #expect(prompt.title == "Move 2 selected entries into")
        ui.press("ctrl-u")
        ui.type("docs")
        ui.press("enter")
        #expect(ui.jobs == [.relocate(chosen, into: "docs/", copy: false)] && ui.state.chosen.isEmpty)
    }

    @Test func oFetchesAndSSharesTheSelection() {
        var ui = ModelHarness(files: Self.files)
        ui.select("a.txt")
        ui.press("space", "space")
        let chosen = ui.state.chosen
        ui.press("o")
        ui.type("out")
        ui.press("enter", "s")
        #expect(ui.jobs == [.fetchChosen(chosen, local: "/work/out/"), .shareChosen(chosen)])
        let links = [SharedLink(path: "a.txt", url: "http://x/a"), SharedLink(path: "b.txt", url: "http://x/b")]
        ui.finishLastTask(.links(title: "Share links for 2 files", links: links, expires: ModelHarness.modified))
        guard case .message(_, let lines, _)? = ui.state.dialog else { Issue.record("no links"); return }
        #expect(lines.prefix(3) == ["2 links, one per file:", "  a.txt", "  b.txt"])
        #expect(ui.press("c") == [.copyToClipboard("a.txt http://x/a\nb.txt http://x/b")])
    }

    @Test func yThenPCopiesIntoTheCursorsFolderAndKeepsTheClipboard() {
        var ui = ModelHarness(files: Self.files)
        ui.select("a.txt")
        ui.press("y")
        let single = ui.state.clipboard!.selection
        #expect(single.contains("a.txt") && single.count == 1 && ui.status.hasPrefix("1 to copy"))
        ui.select("docs/")
        ui.press("p")
        #expect(ui.jobs == [.relocate(single, into: "docs/", copy: true)])
        #expect(ui.state.clipboard?.summary == "1 to copy")
    }

    @Test func capitalYCutsAndPastingEmptiesTheClipboard() {
        var ui = ModelHarness(files: Self.files)
        ui.select("a.txt")
        ui.press("space", "space", "Y")
        let cut = ui.state.clipboard!.selection
        #expect(ui.state.chosen.isEmpty && ui.state.clipboard?.summary == "2 to move")
        ui.select("docs/")
        ui.press("l", "j", "p")
        #expect(ui.jobs == [.relocate(cut, into: "docs/", copy: false)] && ui.state.clipboard == nil)
        ui.press("p")
        #expect(ui.status == "The clipboard is empty: y copies, Y cuts")
    }

    @Test func aFolderIsNeverPastedIntoItself() {
        var ui = ModelHarness(files: Self.files)
        ui.select("docs/")
        ui.press("y", "p")
        #expect(ui.jobs.isEmpty)
        #expect(ui.state.status.kind == .error && ui.status == "InvalidArgument: Cannot paste docs/ into itself (docs/)")
    }

    @Test func aBatchIsUndoneAsOneOperation() {
        var ui = ModelHarness(files: Self.files)
        ui.select("a.txt")
        ui.press("y", "p")
        let copies = [
            UndoableOperation(kind: .copy(path: "a (2).txt"), title: "copy of a.txt to a (2).txt", time: ModelHarness.modified)
        ]
        let batch = UndoableOperation(kind: .batch(copies + copies), title: "copy of 2 entries into the top", time: ModelHarness.modified)
        ui.finishLastTask(.undoable("Copy of 2 entries into the top accepted", batch))
        ui.press("z")
        #expect(ui.jobs.last == .undo(batch))
    }

    @Test func theHelpListsEveryBrowserKey() {
        var grid = Grid(width: 120, height: 50)
        HelpView.draw(theme: .builtIn, in: AppLayout.Rect(x: 0, y: 1, width: 120, height: 48), into: &grid)
        for binding in KeyBinding.browser {
            #expect(grid.text.contains(binding.summary), "\(binding.summary)")
        }
    }
}
