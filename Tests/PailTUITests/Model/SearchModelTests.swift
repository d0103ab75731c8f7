import Foundation
import PailCore
import Testing

@testable import PailTUI

/// The search screen as a state machine: each keystroke starts a new search (giving up the last one),
/// results accumulate as they stream in, `Esc` gives up, and `Enter` opens the folders leading to the
/// result and selects it, also deep in a folder read through windows.
@Suite("Model: search")
struct SearchModelTests {
    /// `deep/er/big/` holds 3,000 files (three windows), `docs/` a file, and `z.txt` is at the top.
    static func harness() -> ModelHarness {
        var files: [String: Int64] = ["docs/notes.txt": 7, "z.txt": 1]
        for index in 0..<3_000 { files[name(index)] = Int64(index) }
        var ui = ModelHarness(files: files)
        _ = ui.render(width: 100, height: 30)
        return ui
    }

    static func name(_ index: Int) -> String { "deep/er/big/f" + String(index + 10_000).dropFirst() }

    static func hit(_ path: String, size: Int64 = 1) -> SearchHit {
        let file = path.hasSuffix("/") ? nil : FileEntry(path: path, size: size, etag: "e", modified: ModelHarness.modified)
        return SearchHit(path: path, file: file, matched: [0..<1])
    }

    /// The searches started, in order.
    static func searches(_ effects: [Effect]) -> [(id: Int, pattern: SearchPattern)] {
        effects.compactMap { if case .search(let id, _, let pattern) = $0 { return (id, pattern) } else { return nil } }
    }

    @Test func eachKeystrokeGivesUpTheLastSearchAndStartsANewOne() throws {
        var ui = Self.harness()
        ui.press("f")
        #expect(ui.state.search != nil)
        #expect(ui.type("b").count == 1)
        let effects = ui.type("i")
        #expect(effects.first == .cancelSearch)
        let started = Self.searches(ui.effects)
        #expect(started.map(\.pattern.text) == ["b", "bi"] && started[1].id > started[0].id)
        #expect(started.allSatisfy { !$0.pattern.fuzzy })
        #expect(ui.model.isBusy, "a search running keeps the headless wait-idle waiting")
        // Results of the search given up are dropped.
        ui.send(.message(.searchFound(id: started[0].id, hits: [Self.hit("b.txt")], finished: true)))
        #expect(ui.state.search?.hits.isEmpty == true && ui.state.search?.running == true)
        ui.press("backspace", "backspace")
        #expect(ui.effects.last == .cancelSearch && ui.state.search?.running == false, "an empty pattern searches nothing")
        ui.press("tab")
        #expect(ui.state.search?.fuzzy == true)
        ui.type("z")
        #expect(Self.searches(ui.effects).last?.pattern == (try SearchPattern("z", fuzzy: true)))
    }

    @Test func ctrlFOpensTheSearchToo() {
        var ui = Self.harness()
        ui.press("ctrl-f")
        #expect(ui.state.search != nil)
        let grid = ui.render(width: 100, height: 30)
        #expect(grid.text.contains("Search: ") && grid.text.contains("Type to search every path of the vault"))
    }

    @Test func resultsAccumulateAndTheCountShows() throws {
        var ui = Self.harness()
        ui.press("f")
        ui.type("f0")
        let id = try #require(Self.searches(ui.effects).last?.id)
        ui.send(.message(.searchFound(id: id, hits: (0..<2).map { Self.hit(Self.name($0)) }, finished: false)))
        #expect(ui.render(width: 100, height: 30).text.contains("searching… 2 matches so far"))
        ui.send(.message(.searchFound(id: id, hits: (2..<1_234).map { Self.hit(Self.name($0)) }, finished: true)))
        #expect(ui.state.search?.count == 1_234 && ui.state.search?.running == false && !ui.model.isBusy)
        ui.press("down", "down")
        let text = ui.render(width: 100, height: 30).text
        #expect(text.contains("1,234 matches") && text.contains(Self.name(0)) && text.contains(Self.name(2)))
        #expect(ui.state.search?.selected?.path == Self.name(2))
    }

    @Test func escGivesUpTheSearchAndCloses() {
        var ui = Self.harness()
        ui.press("f")
        ui.type("xy")
        ui.clearEffects()
        #expect(ui.press("esc") == [.cancelSearch])
        #expect(ui.state.search == nil && !ui.model.isBusy)
        #expect(!ui.render(width: 100, height: 30).text.contains("Search: "))
    }

    @Test func enterOpensTheFoldersAndSelectsAFileDeepInABigFolder() throws {
        var ui = Self.harness()
        ui.press("f")
        ui.type("f2500")
        let id = try #require(Self.searches(ui.effects).last?.id)
        ui.send(.message(.searchFound(id: id, hits: [Self.hit(Self.name(2_500), size: 2_500)], finished: false)))
        ui.clearEffects()
        ui.press("enter")
        #expect(ui.effects.first == .cancelSearch, "the search still running is given up")
        #expect(ui.state.search == nil)
        // The engine counts its place in the tree's order (natural).
        #expect(ui.effects.last == .locate(user: "alice", Self.name(2_500), order: .natural))
        ui.send(.message(.located(Self.name(2_500), .success(PathLocation(path: Self.name(2_500), position: 2_500)))))
        #expect(ui.state.tree.expanded == ["deep/", "deep/er/", "deep/er/big/"])
        #expect(
            ui.model.windowsRead["deep/er/big/"] == FileWindow(start: 2_000, limit: TreeModel.page, order: .natural),
            "the window is around the file")
        #expect(ui.state.selected?.path == Self.name(2_500) && ui.state.jump == nil)
        let text = ui.render(width: 100, height: 30).text
        #expect(text.contains("f2500") && text.contains("f2490"), "the rows around it are on screen: \(text)")
        ui.press("j")
        #expect(ui.state.selected?.path == Self.name(2_501), "the tree goes on from there")
    }

    @Test func enterOnAFolderSelectsIt() throws {
        var ui = Self.harness()
        ui.press("f")
        ui.type("er")
        let id = try #require(Self.searches(ui.effects).last?.id)
        ui.send(.message(.searchFound(id: id, hits: [Self.hit("deep/er/"), Self.hit("docs/notes.txt")], finished: true)))
        ui.press("enter")
        #expect(GoToModelTests.locates(ui.effects) == ["deep/er/"], "a folder is looked for too (it may be gone since)")
        try GoToModelTests.answer(&ui, PathLocation(path: "deep/er/", position: 0))
        #expect(ui.state.selected?.path == "deep/er/" && ui.state.tree.expanded == ["deep/"])
    }

    @Test func aResultNoLongerListedIsSaidSo() throws {
        var ui = Self.harness()
        ui.press("f")
        ui.type("gone")
        let id = try #require(Self.searches(ui.effects).last?.id)
        ui.send(.message(.searchFound(id: id, hits: [Self.hit("docs/gone.txt")], finished: true)))
        ui.press("enter")
        try GoToModelTests.answer(&ui, nil)
        #expect(ui.state.jump == nil && ui.status == "NoSuchKey: docs/gone.txt is not in alice's vault")
    }
}
