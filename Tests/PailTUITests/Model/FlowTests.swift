import Foundation
import Testing

@testable import PailCore
@testable import PailTUI

/// The flows a key starts, on the model alone: the dialogs they ask in, and the jobs they hand over.
@Suite("Model: flows")
struct FlowTests {
    static let files: [String: Int64] = ["a.txt": 1_234, "docs/report.pdf": 3, "docs/notes.txt": 4]

    @Test func dThenYDeletesTheSelectedFile() {
        var ui = ModelHarness(files: Self.files)
        ui.select("a.txt")
        #expect(ui.press("d").isEmpty)
        guard case .confirm("Delete", let lines, _)? = ui.state.dialog else { Issue.record("no question"); return }
        #expect(lines.first == "Delete a.txt?")
        ui.press("y")
        #expect(ui.jobs == [.delete(path: "a.txt", isFolder: false)])
        #expect(ui.state.dialog == nil && ui.status == "Deleting a.txt…")
        #expect(ui.state.tasks.values.map(\.title) == ["Deleting a.txt"] && ui.model.isBusy)
    }

    @Test func enterNeverConfirmsADeleteAndNKeepsTheFile() {
        var ui = ModelHarness(files: Self.files)
        ui.select("a.txt")
        ui.press("d", "enter", "j")
        #expect(ui.state.dialog != nil && ui.jobs.isEmpty)
        ui.press("n")
        #expect(ui.state.dialog == nil && ui.status == "Nothing was deleted")
    }

    @Test func aFolderIsCountedBeforeTheQuestion() {
        var ui = ModelHarness(files: Self.files)
        ui.press("d")
        #expect(ui.jobs == [.countFolder(path: "docs/")])
        ui.finishLastTask(.folderCount(path: "docs/", files: 2, bytes: 7))
        guard case .confirm(_, let lines, _)? = ui.state.dialog else { Issue.record("no question"); return }
        #expect(lines.prefix(2) == ["Delete the folder docs/ and everything in it?", "It holds 2 files, 7 B."])
        ui.press("Y")
        #expect(ui.jobs.last == .delete(path: "docs/", isFolder: true))
    }

    @Test func uploadStartsFromTheWorkingFolderIntoTheSelectedFolder() {
        var ui = ModelHarness(files: Self.files)
        ui.press("u")
        guard case .prompt(let prompt)? = ui.state.dialog else { Issue.record("no prompt"); return }
        #expect(prompt.title == "Upload into docs/" && prompt.field.text == "/work/")
        ui.type("photos/")
        ui.press("enter")
        #expect(ui.jobs == [.upload(local: "/work/photos/", intoFolder: "docs/")])
        #expect(ui.state.tasks.values.map(\.title) == ["Uploading photos to docs/"])
    }

    @Test func typingSlashAfterThePrefilledFolderStartsAFreshPath() {
        var ui = ModelHarness(files: Self.files)
        ui.select("a.txt")
        ui.press("u")
        ui.type("/etc/hosts")
        guard case .prompt(let prompt)? = ui.state.dialog else { Issue.record("no prompt"); return }
        #expect(prompt.field.text == "/etc/hosts", "not /work//etc/hosts")
        ui.press("enter")
        #expect(ui.jobs == [.upload(local: "/etc/hosts", intoFolder: "")])
        #expect(ui.status == "Uploading hosts to the top of the vault…")
    }

    @Test func typingTildeSlashStartsFromHome() {
        var ui = ModelHarness(files: Self.files)
        ui.select("a.txt")
        ui.press("u")
        ui.type("~/notes.txt")
        ui.press("enter")
        #expect(ui.jobs == [.upload(local: "/home/alice/notes.txt", intoFolder: "")])
    }

    @Test func aTildeAloneIsTheHomeFolderAndCompletesFromIt() throws {
        var ui = ModelHarness(files: Self.files)
        ui.select("a.txt")
        ui.press("o", "ctrl-u")
        ui.type("~")
        ui.press("enter")
        #expect(ui.jobs == [.fetch(remote: "a.txt", local: "/home/alice")])

        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pail-home-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home + "/notes", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        #expect(LocalPathCompletion.complete("~", in: "/work", home: home) == .init(text: "~/notes/", candidates: []))
        #expect(LocalPathCompletion.complete("~/no", in: "/work", home: home) == .init(text: "~/notes/", candidates: []))
    }

    @Test func tabAsksForACompletionAndShowsWhatCameBack() {
        var ui = ModelHarness(files: Self.files)
        ui.press("u")
        #expect(ui.press("tab") == [.completeLocalPath("/work/")])
        ui.send(.message(.completed(LocalPathCompletion.Result(text: "/work/pho", candidates: ["photos", "phone.txt"]))))
        guard case .prompt(let prompt)? = ui.state.dialog else { Issue.record("no prompt"); return }
        #expect(prompt.field.text == "/work/pho" && prompt.candidates == ["photos", "phone.txt"])
        ui.press("esc")
        #expect(ui.state.dialog == nil && ui.status == "Cancelled" && ui.jobs.isEmpty)
    }

    @Test func aPlainNameRenamesInTheSameFolder() {
        var ui = ModelHarness(files: Self.files)
        ui.press("l", "j")
        ui.press("r")
        guard case .prompt(let prompt)? = ui.state.dialog else { Issue.record("no prompt"); return }
        #expect(prompt.field.text == "notes.txt")
        ui.press("ctrl-u")
        ui.type("todo.txt")
        ui.press("enter")
        #expect(ui.jobs == [.move(from: "docs/notes.txt", to: "docs/todo.txt", onConflict: .refuse, merge: false)])
    }

    @Test func aPathWithASlashMovesFromTheTopAndTheSameNameIsNoMove() {
        var ui = ModelHarness(files: Self.files)
        ui.press("r", "ctrl-u")
        ui.type("archive/docs")
        ui.press("enter")
        #expect(ui.jobs == [.move(from: "docs", to: "archive/docs", onConflict: .refuse, merge: false)])
        ui.press("r", "enter")
        #expect(ui.status == "The name is unchanged" && ui.jobs.count == 1)
    }

    @Test func aTakenDestinationAsksAndMergeTriesAgain() {
        var ui = ModelHarness(files: Self.files)
        let conflict = MoveConflict(from: "docs", to: "old", message: "old/ exists: --merge", canMerge: true, merging: false)
        ui.finishLastTask(.moveConflict(conflict))
        #expect(ui.state.dialog == .moveConflict(conflict))
        ui.press("m")
        #expect(ui.jobs == [.move(from: "docs", to: "old", onConflict: .refuse, merge: true)])
        ui.finishLastTask(.moveConflict(conflict))
        ui.press("k")
        #expect(ui.jobs.last == .move(from: "docs", to: "old", onConflict: .keepBoth, merge: false))
        ui.finishLastTask(.moveConflict(conflict))
        ui.press("esc")
        #expect(ui.status == "Nothing was moved" && ui.jobs.count == 2)
    }

    @Test func mergeIsNoAnswerWhenTheDestinationIsAFile() {
        var ui = ModelHarness(files: Self.files)
        let conflict = MoveConflict(from: "a.txt", to: "b.txt", message: "b.txt exists", canMerge: false, merging: false)
        ui.finishLastTask(.moveConflict(conflict))
        ui.press("m")
        #expect(ui.state.dialog == .moveConflict(conflict) && ui.jobs.isEmpty)
    }

    @Test func fetchAsksWhereAndFetchesThere() {
        var ui = ModelHarness(files: Self.files)
        ui.select("a.txt")
        ui.press("o", "ctrl-u")
        ui.type("copies/")
        ui.press("enter")
        #expect(ui.jobs == [.fetch(remote: "a.txt", local: "/work/copies/")])
    }

    @Test func aShareLinkOpensInADialogAndCCopiesIt() {
        var ui = ModelHarness(files: Self.files)
        ui.select("a.txt")
        ui.press("s")
        #expect(ui.jobs == [.share(path: "a.txt")])
        ui.finishLastTask(.link(title: "Share link for a.txt", url: "http://x/a.txt?sig", expires: ModelHarness.modified))
        #expect(ui.status == "Share link ready")
        #expect(ui.press("c") == [.copyToClipboard("http://x/a.txt?sig")])
        #expect(ui.state.dialog == nil && ui.status.hasPrefix("Copied to the clipboard"))
    }

    @Test func aFolderCannotBeShared() {
        var ui = ModelHarness(files: Self.files)
        #expect(ui.press("s").isEmpty)
        #expect(ui.status == "Select a file to share")
    }

    @Test func aNewFolderShowsUntilTheListingHasIt() {
        var ui = ModelHarness(files: Self.files)
        ui.select("a.txt")
        ui.press("n")
        ui.type("photos")
        ui.press("enter")
        #expect(ui.state.tree.newFolders == ["photos/"] && ui.state.selected?.path == "photos/")
        ui.listings[""]!.folders.append("photos")
        ui.send(.reloadRequested)
        #expect(ui.state.tree.newFolders.isEmpty && ui.state.visible.rows.contains { $0.path == "photos/" })
        ui.press("n")
        ui.type("a/b")
        ui.press("enter")
        #expect(ui.status == "InvalidArgument: A folder name cannot contain '/'")
    }

    @Test func switchingUserCompletesNamesAndLoadsTheirVault() {
        var ui = ModelHarness(files: Self.files)
        ui.press("U")
        #expect(ui.jobs == [.listUsers] && ui.state.tasks.isEmpty, "listing users is no task on the status line")
        ui.finishLastTask(.users(["alice", "bob"]))
        ui.clearEffects()
        ui.type("b")
        ui.press("tab")
        ui.press("enter")
        #expect(ui.jobs == [.lookUpUser("bob")], "the name is looked up first: a typo must not make a user")
        ui.finishLastTask(.userLookup(name: "bob", users: ["alice", "bob"]))
        #expect(ui.state.user == "bob" && ui.status == "Now showing bob's vault")
        #expect(ui.effects.contains(.reload(user: "bob", folders: [""])))
    }

    @Test func aNameTakenDuringATransferIsAnsweredForAllWithUppercase() {
        var ui = ModelHarness(files: Self.files)
        ui.select("a.txt")
        ui.press("u", "enter")
        let question = ConflictQuestion(name: "a.txt", transfer: "Uploading work to the top of the vault")
        ui.send(.message(.question(question)))
        #expect(!ui.model.isBusy, "a transfer waiting for the user does not keep the UI busy")
        #expect(ui.press("K") == [.answer(question, .keepBoth, forAll: true)])
        ui.send(.message(.question(question)))
        #expect(ui.press("esc") == [.answer(question, .refuse, forAll: false)])
        #expect(ui.state.dialog == nil)
    }

    @Test func zUndoesTheLastOperationAndZListsOlderOnes() {
        var ui = ModelHarness(files: Self.files)
        #expect(ui.press("z").isEmpty && ui.status == "Nothing to undo yet in this session")
        let time = ModelHarness.modified
        let first = UndoableOperation(kind: .delete(path: "a.txt", at: time), title: "delete of a.txt", time: time)
        let second = UndoableOperation(kind: .move(from: "b", to: "c"), title: "move of b to c", time: time)
        ui.finishLastTask(.undoable("Delete accepted", first))
        ui.finishLastTask(.undoable("Move accepted", second))
        #expect(ui.status == "Move accepted (z undoes it)")
        ui.press("Z", "j", "enter")
        #expect(ui.jobs == [.undo(first)] && ui.state.history.operations == [second])
        ui.press("z")
        #expect(ui.jobs.last == .undo(second) && ui.status == "Undoing the move of b to c…")
    }

    @Test func progressShowsAndAFailureIsSaidWithItsCode() {
        var ui = ModelHarness(files: Self.files)
        ui.press("D")
        #expect(ui.jobs == [.redrive])
        let progress = TransferProgress(bytesDone: 5, bytesTotal: 10, filesDone: 0, filesTotal: 1, current: "a.txt")
        ui.send(.message(.progress(taskID: ui.model.lastTaskID, progress)))
        #expect(ui.state.tasks[ui.model.lastTaskID]?.progress == progress)
        let effects = ui.finishLastTask(.failed(PailError(.conflict, "taken")))
        #expect(effects == [.reload(user: "alice", folders: [""])], "the tree is read again after every task")
        #expect(ui.state.tasks.isEmpty && ui.status == "Conflict: taken" && ui.state.status.kind == .error)
    }
}
