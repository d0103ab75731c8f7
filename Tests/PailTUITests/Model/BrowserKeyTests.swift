import PailCore
import Testing

@testable import PailTUI

/// Keys of the browser and the screens over it, on the model alone: what changes and what work starts.
@Suite("Model: browser keys")
struct BrowserKeyTests {
    static let files: [String: Int64] = ["a.txt": 1, "b.txt": 2, "docs/report.pdf": 3, "docs/notes.txt": 4]

    @Test func startingLoadsTheTopFolderOnce() {
        let ui = ModelHarness(files: Self.files)
        #expect(ui.effects == [.reload(user: "alice", folders: [""])])
        #expect(ui.state.visible.rows.map(\.path) == ["docs/", "a.txt", "b.txt"])
        #expect(!ui.model.isBusy)
    }

    @Test func jAndKMoveWithinTheRows() {
        var ui = ModelHarness(files: Self.files)
        #expect(ui.press("j", "j", "j", "j").isEmpty)
        #expect(ui.state.selected?.path == "b.txt")
        ui.press("k", "up")
        #expect(ui.state.selected?.path == "docs/")
        ui.press("G")
        #expect(ui.state.selected?.path == "b.txt")
        ui.press("g", "g")
        #expect(ui.state.selection == 0)
    }

    @Test func openingAFolderReloadsWithItsListing() {
        var ui = ModelHarness(files: Self.files)
        let effects = ui.press("l")
        #expect(effects == [.reload(user: "alice", folders: ["", "docs/"])])
        #expect(ui.state.visible.rows.map(\.path) == ["docs/", "docs/notes.txt", "docs/report.pdf", "a.txt", "b.txt"])
    }

    @Test func hClosesTheFolderOrGoesToTheParent() {
        var ui = ModelHarness(files: Self.files)
        ui.press("enter", "j", "j")
        #expect(ui.state.selected?.path == "docs/report.pdf")
        ui.press("h")
        #expect(ui.state.selected?.path == "docs/")
        ui.press("left")
        #expect(ui.state.visible.rows.count == 3)
    }

    @Test func enterOnAFileFetchesItToView() {
        var ui = ModelHarness(files: Self.files)
        ui.select("a.txt")
        ui.press("enter")
        #expect(ui.jobs == [.fetchToOpen(path: "a.txt", purpose: .view)])
        #expect(ui.status == "Fetching a.txt to view it…")
    }

    @Test func anUnboundKeySaysSoAndDoesNothing() {
        var ui = ModelHarness(files: Self.files)
        #expect(ui.press("w").isEmpty)
        #expect(ui.status == "w does nothing here; press ? for the keys")
    }

    @Test func theFilterKeepsMatchesUntilEscClearsIt() {
        var ui = ModelHarness(files: Self.files)
        ui.press("/")
        ui.type("b.")
        #expect(ui.state.editingFilter && ui.state.visible.rows.map(\.path) == ["b.txt"])
        ui.press("enter")
        #expect(!ui.state.editingFilter && ui.state.filter.text == "b.")
        ui.press("esc")
        #expect(ui.state.filter.text.isEmpty && ui.state.visible.rows.count == 3)
        #expect(ui.status == "Filter cleared")
        ui.press("esc")
        #expect(ui.status == "esc does nothing here; press ? for the keys")
    }

    @Test func aClickSelectsARowAndASecondOneOpensTheFolder() {
        var ui = ModelHarness(files: Self.files)
        _ = ui.render(width: 60, height: 20)
        ui.send(.input(.click(x: 3, y: 4, button: 1)))
        #expect(ui.state.selected?.path == "b.txt")
        ui.send(.input(.click(x: 3, y: 2, button: 1)))
        #expect(ui.state.selected?.path == "docs/" && !ui.state.tree.expanded.contains("docs/"))
        ui.send(.input(.click(x: 3, y: 2, button: 1)))
        #expect(ui.state.tree.expanded.contains("docs/"))
    }

    @Test func theWheelAndPageKeysMoveByTheTreesHeight() {
        var files: [String: Int64] = [:]
        for index in 0..<40 { files["f\(index + 10).txt"] = 1 }
        var ui = ModelHarness(files: files)
        ui.send(.input(.scroll(x: 0, y: 5, lines: 3)))
        #expect(ui.state.selection == 3)
        _ = ui.render(width: 60, height: 20)
        ui.press("pgdn")
        #expect(ui.state.selection == 3 + ui.model.treeArea.height - 2)
        ui.press("ctrl-u")
        #expect(ui.state.selection == 3)
    }

    @Test func helpOpensOnAFreshStatusLineAndClosesWithEsc() {
        var ui = ModelHarness(files: Self.files)
        ui.press("w")
        ui.press("?")
        #expect(ui.state.screen == .help)
        #expect(ui.status.isEmpty, "the last message does not stay under the help")
        ui.press("j")
        #expect(ui.state.screen == .help && ui.state.selection == 0, "help takes the keys")
        ui.press("esc")
        #expect(ui.state.screen == .browser)
    }

    @Test func theWorkflowRunsScreenLoadsMovesShowsStepsAndGoesBack() {
        var ui = ModelHarness(files: Self.files)
        #expect(ui.press("x") == [.loadExecutions])
        ui.send(.message(.executions([])))
        ui.press("j")
        #expect(ui.state.screen == .executions(selected: 0, showingSteps: false), "nothing to move to")
        ui.press("enter")
        #expect(ui.state.screen == .executions(selected: 0, showingSteps: true))
        #expect(ui.press("R") == [.loadExecutions])
        ui.press("esc")
        #expect(ui.state.screen == .executions(selected: 0, showingSteps: false))
        ui.press("q")
        #expect(ui.state.screen == .browser)
    }

    @Test func anEngineChangeReloadsAndRefreshesTheRunsOnTheirScreen() {
        var ui = ModelHarness(files: Self.files)
        ui.clearEffects()
        ui.send(.message(.engineChanged))
        #expect(ui.effects == [.reload(user: "alice", folders: [""])])
        ui.press("x")
        ui.clearEffects()
        ui.send(.message(.engineChanged))
        #expect(ui.effects == [.reload(user: "alice", folders: [""]), .loadExecutions])
    }

    @Test func oneReloadRunsAtATimeAndOneMoreFollowsIfAskedMeanwhile() {
        var model = AppModel(user: "alice", root: "/vault", delay: 0, themeName: "default", themeNames: [], places: ModelHarness.places)
        #expect(model.update(.reloadRequested) == [.reload(user: "alice", folders: [""])])
        #expect(model.update(.reloadRequested).isEmpty)
        #expect(model.update(.input(.key(.character("R")))).isEmpty)
        #expect(model.isReloading && model.isBusy)
        let snapshot = Snapshot(user: "alice", listings: [:], quota: QuotaReport(user: "alice", used: 0, limit: 1), deliveries: [])
        #expect(model.update(.message(.loaded(snapshot))) == [.reload(user: "alice", folders: [""])])
        #expect(
            model.update(.message(.loadFailed(PailError(.internalError, "disk"))))
                .isEmpty)
        #expect(!model.isReloading && model.state.status.text == "InternalError: disk")
    }

    @Test func aReloadForTheUserSwitchedFromIsNotShown() {
        var ui = ModelHarness(files: Self.files)
        let other = Snapshot(user: "bob", listings: [:], quota: QuotaReport(user: "bob", used: 0, limit: 1), deliveries: [])
        ui.send(.message(.loaded(other)))
        #expect(ui.state.visible.rows.count == 3)
    }

    @Test func tCyclesTheThemesAndSaysWhichOrWhatWentWrong() {
        var ui = ModelHarness(files: Self.files)
        #expect(ui.press("t") == [.loadTheme("mono"), .remember(["theme"], value: "mono")], "remembered for the next start")
        ui.send(.message(.themeLoaded(name: "mono", warning: nil)))
        #expect(ui.status == "Theme: mono" && ui.state.themeName == "mono")
        #expect(ui.press("t") == [.loadTheme("default"), .remember(["theme"], value: "default")])
        ui.send(.message(.themeLoaded(name: "default", warning: "themes/default.toml:3: unknown colour")))
        #expect(ui.status == "themes/default.toml:3: unknown colour" && ui.state.status.kind == .error)
    }

    @Test func qQuitsAtOnceWhenNothingRuns() {
        var ui = ModelHarness(files: Self.files)
        #expect(ui.press("q").isEmpty)
        #expect(ui.model.wantsQuit)
    }

    @Test func qAsksWhileATransferRunsAndNStays() {
        var ui = ModelHarness(files: Self.files)
        ui.press("D")
        ui.press("q")
        guard case .confirm(let title, let lines, .quit)? = ui.state.dialog else { Issue.record("no question"); return }
        #expect(title == "Quit" && lines.contains("  Redriving dead letters"))
        ui.press("n")
        #expect(!ui.model.wantsQuit && ui.status == "Still here")
        ui.press("q", "y")
        #expect(ui.model.wantsQuit)
    }

    @Test func refreshReloadsAndSaysSo() {
        var ui = ModelHarness(files: Self.files)
        #expect(ui.press("ctrl-l") == [.reload(user: "alice", folders: [""])])
        #expect(ui.status == "Refreshing")
    }
}
