import Foundation
import PailCore
import Testing

@testable import PailTUI

/// The tree's order: natural by name unless `S` chose another, which is remembered for the vault; big
/// folders are read in it from the inventory's indexes, a window at a time.
@Suite("Model: sort")
struct SortTests {
    /// The top holds `docs/`, `Zeta/`, `a.dat` (200 bytes), `B.txt` (50) and `file_1.txt` … `file_12.txt` (99 … 88).
    static func harness(sorts: [String: TreeSort] = [:]) -> ModelHarness {
        var files: [String: Int64] = ["docs/readme.md": 5, "Zeta/z": 1, "a.dat": 200, "B.txt": 50]
        for index in 1...12 { files["file_\(index).txt"] = Int64(100 - index) }
        var ui = ModelHarness(files: files, sorts: sorts)
        _ = ui.render(width: 80, height: 30)
        return ui
    }

    static let numbered = (1...12).map { "file_\($0).txt" }

    @Test("by default, folders first, then files in natural order: numbers as numbers, case folded")
    func naturalByDefault() {
        let ui = Self.harness()
        #expect(ui.state.visible.rows.map(\.name) == ["docs", "Zeta", "a.dat", "B.txt"] + Self.numbered)
        #expect(ui.state.tree.sort == TreeSort())
    }

    @Test("S opens the menu; its keys choose the order, which is saved, and the rows follow at once")
    func menuChoosesTheOrder() {
        var ui = Self.harness()
        ui.press("S")
        #expect(ui.state.dialog == .sort)
        ui.press("s")
        #expect(ui.state.dialog == nil && ui.state.tree.sort == TreeSort(key: .size))
        #expect(ui.state.visible.rows.map(\.name) == ["docs", "Zeta", "B.txt"] + Self.numbered.reversed() + ["a.dat"])
        #expect(ui.jobs.last == .saveSort(TreeSort(key: .size), message: "Sorted by size ↑, folders first"))
        ui.finishLastTask(.done("Sorted by size ↑, folders first"))
        #expect(ui.status == "Sorted by size ↑, folders first")
        ui.press("S", "r")
        #expect(ui.state.visible.rows.map(\.name) == ["Zeta", "docs", "a.dat"] + Self.numbered + ["B.txt"])
        ui.press("S", "f")
        #expect(ui.state.tree.sort == TreeSort(key: .size, reversed: true, foldersFirst: false))
        #expect(ui.state.visible.rows.map(\.name) == ["a.dat"] + Self.numbered + ["B.txt", "Zeta", "docs"], "a folder has no size")
        ui.press("S", "e", "S", "r")
        #expect(ui.state.visible.rows.map(\.name) == ["docs", "Zeta", "a.dat", "B.txt"] + Self.numbered, "by extension, mixed")
        ui.press("S", "n")
        #expect(ui.state.tree.sort == TreeSort(key: .name, reversed: false, foldersFirst: false))
        ui.press("S", "esc")
        #expect(ui.state.dialog == nil && ui.state.tree.sort.key == .name)
    }

    @Test("by modified time, the newest last; the selection stays on its entry when the order changes")
    func modifiedKeepsTheSelection() {
        var ui = Self.harness()
        ui.changeFiles(in: "") { files in
            files = files.map { FileEntry(path: $0.path, size: $0.size, etag: $0.etag, modified: ModelHarness.modified - Double($0.size)) }
        }
        ui.press("ctrl-l")
        ui.select("file_3.txt")
        ui.press("S", "m")
        #expect(ui.state.visible.rows.map(\.name) == ["docs", "Zeta", "a.dat"] + Self.numbered + ["B.txt"])
        #expect(ui.state.selected?.name == "file_3.txt")
    }

    @Test("the order remembered for the vault is the one it opens in; the header shows it")
    func rememberedOrderAndHeader() {
        var ui = Self.harness(sorts: ["alice": TreeSort(key: .size, reversed: true), "bob": TreeSort(key: .extension)])
        #expect(ui.state.visible.rows.map(\.name) == ["Zeta", "docs", "a.dat"] + Self.numbered + ["B.txt"])
        #expect(ui.render(width: 80, height: 30).text.contains("Name · size ↓"))
        ui.press("U")
        ui.type("bob")
        ui.press("enter")
        ui.finishLastTask(.userLookup(name: "bob", users: ["alice", "bob"]))
        #expect(ui.state.tree.sort == TreeSort(key: .extension), "each vault has its own")
    }

    @Test("a big folder is read again from the index backwards when the name order is reversed")
    func bigFolderReversed() {
        var ui = BigFolderTests.harness()
        ui.press("S", "r")
        #expect(ui.model.windowsRead.isEmpty)
        #expect(ui.effects.contains(.reload(user: "alice", folders: ["", "big/"], order: .naturalDescending)))
        #expect(ui.state.visible[0]?.path == "docs/" && ui.state.visible[1]?.path == "big/", "folders first, reversed too")
        #expect(ui.state.visible[2]?.path == BigFolderTests.name(2_499))
        ui.press("G", "k")
        #expect(ui.state.selected?.path == BigFolderTests.name(0))
        #expect(ui.state.visible.count == 2 + 2_500 + 1)
        #expect(ui.render(width: 80, height: 30).text.contains("2502/2503"), "the position indicator")
    }

    @Test("by size a big folder is read again from the index in that order, its rows loading meanwhile; G reaches the smallest")
    func bigFolderBySize() {
        // In BigFolderTests' vault file k is k bytes, except that here the first is made the biggest.
        var ui = BigFolderTests.harness()
        ui.changeFiles(in: "big/") { files in
            files[0] = FileEntry(path: files[0].path, size: 1_000_000, etag: files[0].etag, modified: files[0].modified)
        }
        ui.holdsReloads = true
        ui.press("S", "s", "S", "r")
        #expect(ui.state.tree.sort == TreeSort(key: .size, reversed: true))
        #expect(ui.jobs.last == .saveSort(TreeSort(key: .size, reversed: true), message: "Sorted by size ↓, folders first"))
        #expect(ui.state.visible.count == 2 + 2_500 + 1 && ui.state.visible[2] == nil, "the window read by name shows as loading")
        ui.answerHeldReloads()
        let order = ListingOrder.by(.size, descending: true)
        #expect(ui.effects.contains(.reload(user: "alice", folders: ["", "big/"], order: order)))
        #expect(ui.state.visible[2]?.path == BigFolderTests.name(0) && ui.state.visible[3]?.path == BigFolderTests.name(2_499))
        ui.press("G", "k")
        #expect(ui.state.selected?.path == BigFolderTests.name(1), "the smallest last")
        #expect(ui.model.windowsRead["big/"] == FileWindow(start: 1_500, limit: TreeModel.page, order: order))
        #expect(ui.render(width: 80, height: 30).text.contains("2502/2503"), "the position indicator")
        ui.press("k")
        #expect(ui.state.selected?.path == BigFolderTests.name(2))
        ui.press("S", "e")
        let byExtension = ui.effects.compactMap { if case .reload(_, _, let windows, let order) = $0 { (windows, order) } else { nil } }
            .last
        #expect(byExtension?.1 == .by(.extension, descending: true), "read again by extension")
        #expect(byExtension?.0["big/"]?.start == 1_500, "around the selection, which keeps its place")
    }
}
