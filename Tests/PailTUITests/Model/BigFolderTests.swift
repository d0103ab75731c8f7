import Foundation
import PailCore
import Testing

@testable import PailTUI

/// A folder bigger than a window: only the rows around the selection are read, and scrolling, jumps,
/// the filter and changes in the vault still show the right rows.
@Suite("Model: big folders")
struct BigFolderTests {
    /// `big/` holds 2,500 files (more than two windows), `docs/` one, and `z.txt` comes after them.
    static func harness() -> ModelHarness {
        var files: [String: Int64] = ["docs/a.txt": 1, "z.txt": 1]
        for index in 0..<2_500 { files[name(index)] = Int64(index) }
        var ui = ModelHarness(files: files)
        _ = ui.render(width: 80, height: 30)
        ui.press("l")
        return ui
    }

    static func name(_ index: Int) -> String { "big/f" + String(index + 10_000).dropFirst() }

    @Test func openingReadsTheFirstWindowAndCountsTheRest() {
        let ui = Self.harness()
        #expect(ui.effects.last == .reload(user: "alice", folders: ["", "big/"]))
        #expect(ui.state.visible.count == 1 + 2_500 + 2)
        #expect(ui.state.tree.listings["big/"]?.files.count == TreeModel.page)
        #expect(ui.state.visible[1]?.path == Self.name(0) && ui.state.visible[TreeModel.page + 1] == nil)
        #expect(ui.state.visible[2_501]?.path == "docs/", "rows after the folder are at hand")
    }

    @Test func aWindowShownBeforeItsCountKeepsTheReloadGoing() {
        var model = AppModel(user: "alice", root: "/vault", delay: 0, themeName: "default", themeNames: [], places: ModelHarness.places)
        model.update(.reloadRequested)
        let files = (0..<3).map { FileEntry(path: "f\($0)", size: 1, etag: "e", modified: ModelHarness.modified) }
        func snapshot(counted: Bool) -> Snapshot {
            let top = FolderListing(
                folder: "", folders: [], files: files, firstFileIndex: 0, fileCount: counted ? 5_000 : 3, matching: "", isCounted: counted,
                order: .natural)
            return Snapshot(
                user: "alice", listings: ["": top], quota: QuotaReport(user: "alice", used: 0, limit: 1), deliveries: [],
                countFollows: !counted)
        }
        model.update(.message(.loaded(snapshot(counted: false))))
        #expect(model.isReloading && model.state.visible.count == 3 && model.state.selected?.path == "f0", "the window shows at once")
        model.update(.message(.loaded(snapshot(counted: true))))
        #expect(!model.isReloading && model.state.visible.count == 5_000)
    }

    @Test func gAndGGoToTheFolderBoundariesAndReadTheWindowsThere() {
        var ui = Self.harness()
        ui.press("G")
        #expect(ui.state.selected?.path == "z.txt")
        ui.press("k", "k")
        #expect(ui.state.selected?.path == Self.name(2_499))
        #expect(ui.model.windowsRead["big/"] == FileWindow(start: 1_500, limit: TreeModel.page, order: .natural))
        ui.press("g", "g", "j")
        #expect(ui.state.selected?.path == Self.name(0))
        #expect(ui.model.windowsRead.isEmpty, "back to the first window")
    }

    @Test func pagingThroughTheFolderAlwaysLandsOnARowAtHand() {
        var ui = Self.harness()
        var seen = 0
        while ui.state.selection < ui.state.visible.count - 1 {
            ui.press("pgdn")
            let row = ui.state.selected
            #expect(row != nil, "row \(ui.state.selection) is at hand")
            if row?.path.hasPrefix("big/") == true { seen += 1 }
        }
        #expect(seen > 2_500 / ui.model.treeArea.height - 2)
        #expect(ui.state.selected?.path == "z.txt")
        ui.press("ctrl-u")
        #expect(ui.state.selected != nil)
    }

    @Test func theFilterSearchesTheWholeFolderThroughTheInventory() {
        var ui = Self.harness()
        ui.press("/")
        ui.type("f24")
        // f2400…f2499 (f0240 has no "f24" in it).
        #expect(ui.state.visible.matches == 100)
        #expect(ui.model.windowsRead["big/"] == FileWindow(start: 0, limit: TreeModel.page, matching: "f24", order: .natural))
        #expect(ui.state.visible.rows.map(\.path).prefix(3) == ["big/", Self.name(2_400), Self.name(2_401)])
        ui.press("enter", "G")
        #expect(ui.state.selected?.path == Self.name(2_499))
        ui.press("esc")
        #expect(ui.state.visible.count == 2_503 && ui.state.selected != nil && ui.model.windowsRead["big/"]?.matching == "")
    }

    @Test func filesArrivingAndLeavingKeepTheSelectionAndTheMarks() {
        var ui = Self.harness()
        ui.select(Self.name(700))
        ui.deliveries = [
            ViewTests.delivery(1, "Object Created", key: "alice/" + Self.name(701), size: 9, age: 1, now: ModelHarness.modified),
            ViewTests.delivery(2, "Object Deleted", key: "alice/" + Self.name(702), age: 1, now: ModelHarness.modified),
        ]
        ui.send(.message(.engineChanged))
        #expect(ui.state.visible[ui.state.selection + 1]?.mark == .uploading)
        #expect(ui.state.visible[ui.state.selection + 2]?.mark == .deleting)
        // The inventory catches up: one file arrives before the selection, one leaves.
        ui.deliveries = []
        ui.changeFiles(in: "big/") { files in
            files.insert(FileEntry(path: "big/a-new", size: 1, etag: "e", modified: ModelHarness.modified), at: 0)
            files.removeAll { $0.path == Self.name(702) }
        }
        ui.send(.message(.engineChanged))
        #expect(ui.state.selected?.path == Self.name(700) && ui.state.selection == 702)
        #expect(ui.state.visible.count == 2_503 && ui.state.visible[1]?.path == "big/a-new")
        #expect(ui.state.visible[ui.state.selection + 1]?.mark == nil)
        #expect(ui.state.visible[ui.state.selection + 2]?.path == Self.name(703))
    }
}
