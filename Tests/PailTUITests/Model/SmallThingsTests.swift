import PailCore
import Testing

@testable import PailTUI

/// The small things of a day's use: `U` with a typo, `n` in a closed folder, keys typed ahead of a listing.
@Suite("Model: switching users, new folders, keys typed ahead")
struct SmallThingsTests {
    static let files = BrowserKeyTests.files

    @Test func switchingToAnUnknownUserAsksBeforeCreatingThem() {
        var ui = ModelHarness(files: Self.files)
        ui.press("U")
        ui.type("bob")
        ui.press("enter")
        #expect(ui.jobs.last == .lookUpUser("bob"))
        ui.finishLastTask(.userLookup(name: "bob", users: ["alice", "carol"]))
        guard case .confirm(_, let lines, .createUser("bob"))? = ui.state.dialog else {
            Issue.record("no question: \(String(describing: ui.state.dialog))")
            return
        }
        #expect(lines.prefix(2) == ["No user \"bob\" — create it? (y/n)", "Users: alice, carol."])
        ui.press("n")
        #expect(ui.state.dialog == nil)
        #expect(ui.state.user == "alice")
        ui.press("U")
        ui.type("bob")
        ui.press("enter")
        ui.finishLastTask(.userLookup(name: "bob", users: ["alice", "carol"]))
        ui.clearEffects()
        ui.press("y")
        #expect(ui.state.user == "bob")
        #expect(ui.effects.first == .reload(user: "bob", folders: [""]))
    }

    @Test func switchingToAKnownUserAsksNothing() {
        var ui = ModelHarness(files: Self.files)
        ui.press("U")
        ui.type("carol")
        ui.press("enter")
        ui.finishLastTask(.userLookup(name: "carol", users: ["alice", "carol"]))
        #expect(ui.state.dialog == nil)
        #expect(ui.state.user == "carol")
        #expect(ui.status == "Now showing carol's vault")
    }

    @Test func anInvalidUserNameIsRefusedWithoutALookUp() {
        var ui = ModelHarness(files: Self.files)
        ui.press("U")
        ui.type("bob/x")
        ui.press("enter")
        #expect(!ui.jobs.contains(.lookUpUser("bob/x")))
        #expect(ui.status.hasPrefix("InvalidArgument: Not a valid user name: 'bob/x'"))
        #expect(ui.state.user == "alice")
    }

    @Test func aNewFolderInAClosedFolderShowsWithTheFoldersEntries() {
        var ui = ModelHarness(files: Self.files)
        ui.select("docs/")
        ui.press("n")
        ui.type("new")
        ui.press("enter")
        #expect(ui.state.visible.rows.map(\.path) == ["docs/", "docs/new/", "docs/notes.txt", "docs/report.pdf", "a.txt", "b.txt"])
        #expect(ui.state.selected?.path == "docs/new/")
    }

    @Test func keysTypedWhileAFolderOpensMoveAmongItsEntries() {
        var ui = ModelHarness(files: Self.files)
        ui.holdsReloads = true
        ui.press("l", "j", "j")
        #expect(ui.state.selected?.path == "docs/")  // nothing to move to yet: the keys wait
        ui.answerHeldReloads()
        #expect(ui.state.visible.rows.map(\.path) == ["docs/", "docs/notes.txt", "docs/report.pdf", "a.txt", "b.txt"])
        #expect(ui.state.selected?.path == "docs/report.pdf")
        #expect(ui.press("j").isEmpty)  // and from then on keys act at once
        #expect(ui.state.selected?.path == "a.txt")
    }

    @Test func aFolderAlreadyReadOpensWithoutHoldingKeys() {
        var ui = ModelHarness(files: Self.files)
        ui.press("l", "h")  // read, then closed: its listing is gone with the next reload
        ui.holdsReloads = true
        ui.press("j", "k")
        #expect(ui.state.selected?.path == "docs/")
        #expect(ui.model.keysAhead.isEmpty)
    }
}
