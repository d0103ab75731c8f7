import Foundation
import PailCore
import Testing

@testable import PailTUI

/// Jumping around: `g` asks for a vault path (Tab completes folder names, `g` again goes to the first
/// entry, as `gg` does in vim and lf), the engine worker finds it and the tree opens the folders leading
/// there; `-` goes back to where the cursor was before the last jump, and again forward.
@Suite("Model: go to and back")
struct GoToModelTests {
    /// `deep/er/big/` holds 3,000 files (three windows), `docs/` a file, and `z.txt` is at the top.
    static func harness() -> ModelHarness { SearchModelTests.harness() }

    static func locates(_ effects: [Effect]) -> [String] {
        effects.compactMap { if case .locate("alice", let path, _) = $0 { return path } else { return nil } }
    }

    /// Answers the last path looked for as the engine worker would.
    static func answer(_ ui: inout ModelHarness, _ location: PathLocation?) throws {
        let asked = try #require(locates(ui.effects).last)
        ui.send(.message(.located(asked, .success(location))))
    }

    @Test func ggGoesToTheFirstEntryAndGAloneOpensTheGoToPrompt() {
        var ui = Self.harness()
        ui.press("G")
        ui.press("g")
        guard case .prompt(let prompt)? = ui.state.dialog else { Issue.record("no prompt"); return }
        #expect(prompt.purpose == .goTo && prompt.title == "Go to")
        #expect(ui.render(width: 100, height: 30).text.contains("Go to"))
        ui.press("g")
        #expect(ui.state.dialog == nil && ui.state.selection == 0)
        ui.press("G", "home")
        #expect(ui.state.selection == 0, "Home stays the first entry")
        // In a path typed, g is a letter like any other.
        ui.press("g")
        ui.type("dog")
        guard case .prompt(let typed)? = ui.state.dialog else { Issue.record("no prompt"); return }
        #expect(typed.field.text == "dog")
    }

    @Test func enterLooksThePathUpThenOpensTheFoldersAndPlacesTheWindowAroundTheFile() throws {
        var ui = Self.harness()
        ui.press("g")
        ui.type("/deep/er/big/f2500")
        ui.clearEffects()
        ui.press("enter")
        #expect(Self.locates(ui.effects) == ["deep/er/big/f2500"], "a leading / is the top of the vault")
        #expect(ui.state.dialog == nil && ui.state.selection == 0, "nothing moves before the answer")
        try Self.answer(&ui, PathLocation(path: "deep/er/big/f2500", position: 2_500))
        #expect(ui.state.tree.expanded == ["deep/", "deep/er/", "deep/er/big/"])
        #expect(ui.model.windowsRead["deep/er/big/"] == FileWindow(start: 2_000, limit: TreeModel.page, order: .natural))
        #expect(ui.state.selected?.path == "deep/er/big/f2500")
        #expect(ui.render(width: 100, height: 30).text.contains("f2490"))
    }

    @Test func aFolderIsSelectedWithTheFoldersLeadingToItOpened() throws {
        var ui = Self.harness()
        ui.press("g")
        ui.type("deep/er")
        ui.press("enter")
        try Self.answer(&ui, PathLocation(path: "deep/er/", position: 0))
        #expect(ui.state.selected?.path == "deep/er/" && ui.state.tree.expanded == ["deep/"])
    }

    @Test func theStartPathOfAFolderOpensItAndOfAFileSelectsIt() throws {
        var ui = Self.harness()
        ui.send(.startAt("/deep/er/big"))
        #expect(Self.locates(ui.effects) == ["deep/er/big"])
        try Self.answer(&ui, PathLocation(path: "deep/er/big/", position: 0))
        #expect(ui.state.selected?.path == "deep/er/big/")
        #expect(ui.state.tree.expanded == ["deep/", "deep/er/", "deep/er/big/"], "the folder itself is opened, as nnn DIR shows DIR")
        var file = Self.harness()
        file.send(.startAt("docs/notes.txt"))
        try Self.answer(&file, PathLocation(path: "docs/notes.txt", position: 0))
        #expect(file.state.selected?.path == "docs/notes.txt" && file.state.tree.expanded == ["docs/"])
        // Only the start path opens on arrival: a later g to a folder selects it, as before.
        file.press("g")
        file.type("deep/er")
        file.press("enter")
        try Self.answer(&file, PathLocation(path: "deep/er/", position: 0))
        #expect(file.state.selected?.path == "deep/er/" && !file.state.tree.expanded.contains("deep/er/"))
    }

    @Test func aStartPathNotInTheVaultIsAnErrorAndTheTopIsShown() throws {
        var ui = Self.harness()
        ui.send(.startAt("nope/"))
        try Self.answer(&ui, nil)
        #expect(ui.status == "NoSuchKey: nope/ is not in alice's vault" && ui.state.status.kind == .error)
        #expect(ui.state.selection == 0 && ui.state.tree.expanded.isEmpty)
    }

    @Test func aPathNotInTheVaultIsAnErrorAndNothingMoves() throws {
        var ui = Self.harness()
        ui.press("G")
        ui.press("g")
        ui.type("docs/nope.txt")
        ui.press("enter")
        try Self.answer(&ui, nil)
        #expect(ui.status == "NoSuchKey: docs/nope.txt is not in alice's vault" && ui.state.status.kind == .error)
        #expect(ui.state.selected?.path == "z.txt" && ui.state.tree.expanded.isEmpty)
        ui.send(.message(.located("docs/x", .failure(PailError(.noSuchUser, "no user")))))
        #expect(ui.status == "NoSuchUser: no user" && ui.state.selected?.path == "z.txt")
    }

    @Test func aPathThatCannotBeOneIsRefusedWithoutAskingTheEngine() {
        var ui = Self.harness()
        ui.press("g")
        ui.type("docs//x")
        ui.clearEffects()
        ui.press("enter")
        #expect(Self.locates(ui.effects).isEmpty)
        #expect(ui.status.hasPrefix("InvalidArgument: ") && ui.status.contains("empty segment"))
    }

    @Test func tabAsksTheWorkerToCompleteAndTheAnswerFillsTheField() {
        var ui = Self.harness()
        ui.press("g")
        ui.type("deep/e")
        #expect(ui.press("tab") == [.completeVaultPath(user: "alice", "deep/e")])
        #expect(ui.model.isBusy, "the headless wait-idle waits for the answer")
        ui.send(.message(.vaultPathCompleted(LocalPathCompletion.Result(text: "deep/er/", candidates: []))))
        guard case .prompt(let prompt)? = ui.state.dialog else { Issue.record("no prompt"); return }
        #expect(prompt.field.text == "deep/er/" && prompt.field.cursor == 8 && !ui.model.isBusy)
        // An answer that comes after the prompt was closed changes no other prompt.
        ui.press("tab", "esc", "u")
        ui.send(.message(.vaultPathCompleted(LocalPathCompletion.Result(text: "deep/er/big/", candidates: []))))
        guard case .prompt(let upload)? = ui.state.dialog else { Issue.record("no prompt"); return }
        #expect(upload.field.text != "deep/er/big/" && !ui.model.isBusy)
    }

    @Test func minusGoesBackToWhereTheCursorWasAndAgainForward() throws {
        var ui = Self.harness()
        ui.press("-")
        #expect(ui.status.hasPrefix("No earlier place yet") && Self.locates(ui.effects).isEmpty)
        ui.press("G")
        ui.press("g")
        ui.type("docs/notes.txt")
        ui.press("enter")
        try Self.answer(&ui, PathLocation(path: "docs/notes.txt", position: 0))
        #expect(ui.state.selected?.path == "docs/notes.txt")
        ui.press("-")
        #expect(Self.locates(ui.effects).last == "z.txt")
        try Self.answer(&ui, PathLocation(path: "z.txt", position: 0))
        #expect(ui.state.selected?.path == "z.txt")
        ui.press("-")
        #expect(Self.locates(ui.effects).last == "docs/notes.txt", "- again goes forward again")
        try Self.answer(&ui, PathLocation(path: "docs/notes.txt", position: 0))
        #expect(ui.state.selected?.path == "docs/notes.txt")
    }

    @Test func aSearchResultAndGgAreJumpsMinusComesBackFrom() throws {
        var ui = Self.harness()
        ui.press("G")
        ui.press("f")
        ui.type("notes")
        let id = try #require(SearchModelTests.searches(ui.effects).last?.id)
        ui.send(.message(.searchFound(id: id, hits: [SearchModelTests.hit("docs/notes.txt")], finished: true)))
        ui.press("enter")
        try Self.answer(&ui, PathLocation(path: "docs/notes.txt", position: 0))
        #expect(ui.state.selected?.path == "docs/notes.txt")
        ui.press("-")
        #expect(Self.locates(ui.effects).last == "z.txt")
        ui.press("g", "g")
        ui.press("-")
        #expect(Self.locates(ui.effects).last == "docs/notes.txt", "gg is a jump too")
    }
}
