import Foundation
import PailCore
import Testing

@testable import PailTUI

/// Bookmarks: `b` then a letter marks the folder under the cursor (or the selected file's folder) and has
/// it written into config.toml; `'` then the letter goes there; `'` shows the list to pick one from.
@Suite("Model: bookmarks")
struct BookmarkModelTests {
    static func remembered(_ effects: [Effect]) -> [[String]] {
        effects.compactMap { if case .remember(let keyPath, let value) = $0 { return keyPath + [value] } else { return nil } }
    }

    @Test func bThenALetterMarksTheFilesFolderAndRemembersIt() {
        var ui = GoToModelTests.harness()
        ui.press("l")
        ui.press("j")
        #expect(ui.state.selected?.path == "deep/er/")
        ui.press("b")
        #expect(ui.render(width: 100, height: 30).text.contains("Bookmark deep/er/"))
        ui.press("a")
        #expect(ui.state.dialog == nil && ui.status == "Bookmark a: deep/er/ ('a goes there)")
        #expect(Self.remembered(ui.effects) == [["bookmarks", "/vault", "alice", "a", "deep/er/"]])
        ui.press("G", "b", "Z")
        #expect(ui.state.bookmarks.byUser["alice"] == ["a": "deep/er/", "Z": ""], "z.txt is at the top")
        ui.press("b", "esc")
        #expect(ui.state.dialog == nil && Self.remembered(ui.effects).count == 2)
    }

    @Test func quoteThenTheLetterGoesThere() throws {
        var ui = GoToModelTests.harness()
        ui.model.state.bookmarks.byUser["alice"] = ["d": "docs/", "x": "deep/er/big/"]
        ui.press("G")
        ui.press("'", "d")
        #expect(GoToModelTests.locates(ui.effects) == ["docs/"])
        try GoToModelTests.answer(&ui, PathLocation(path: "docs/", position: 0))
        #expect(ui.state.selected?.path == "docs/")
        ui.press("-")
        #expect(GoToModelTests.locates(ui.effects).last == "z.txt", "a bookmark is a jump - comes back from")
        ui.press("'", "q")
        #expect(ui.status == "InvalidArgument: No bookmark 'q' (b then q sets it)")
    }

    @Test func quoteAloneListsTheBookmarksToPickOne() {
        var ui = GoToModelTests.harness()
        ui.press("'")
        #expect(ui.state.dialog == nil && ui.status.hasPrefix("No bookmarks yet"))
        ui.model.state.bookmarks.byUser["alice"] = ["d": "docs/", "x": "deep/er/big/"]
        ui.model.state.bookmarks.byUser["bob"] = ["b": "bobs/"]
        ui.press("'")
        let text = ui.render(width: 100, height: 30).text
        #expect(text.contains("Bookmarks") && text.contains("› d  docs/") && text.contains("x  deep/er/big/") && !text.contains("bobs/"))
        ui.press("down", "enter")
        #expect(GoToModelTests.locates(ui.effects) == ["deep/er/big/"])
    }

    @Test func aTakenLetterIsReplacedAndTheMessageNamesTheFolderItHad() {
        var ui = GoToModelTests.harness()
        ui.model.state.bookmarks.byUser["alice"] = ["a": "docs/"]
        ui.press("G", "b", "a")
        #expect(ui.status == "Bookmark a: the top of the vault, replacing a → docs/ ('a goes there)")
        #expect(ui.state.bookmarks.byUser["alice"] == ["a": ""])
        #expect(Self.remembered(ui.effects) == [["bookmarks", "/vault", "alice", "a", ""]])
        ui.press("b", "a")
        #expect(ui.status == "Bookmark a: the top of the vault ('a goes there)", "the same folder again replaces nothing")
    }

    @Test func deleteInTheListRemovesThePickedBookmarkFromTheConfig() {
        var ui = GoToModelTests.harness()
        ui.model.state.bookmarks.byUser["alice"] = ["d": "docs/", "x": "deep/er/big/"]
        ui.press("'")
        #expect(ui.render(width: 100, height: 30).text.contains("delete: remove"))
        ui.press("down", "delete")
        #expect(ui.status == "Bookmark x → deep/er/big/ removed (b then x sets it again)")
        #expect(ui.state.bookmarks.byUser["alice"] == ["d": "docs/"])
        #expect(ui.effects.contains(.forget(["bookmarks", "/vault", "alice", "x"])))
        #expect(ui.render(width: 100, height: 30).text.contains("› d  docs/"), "the list stays open on the next one")
        ui.press("delete")
        #expect(ui.state.dialog == nil && ui.state.bookmarks.byUser["alice"] == [:], "the last one closes the list")
        #expect(ui.effects.contains(.forget(["bookmarks", "/vault", "alice", "d"])))
        ui.press("'")
        #expect(ui.status.hasPrefix("No bookmarks yet"))
    }
}
