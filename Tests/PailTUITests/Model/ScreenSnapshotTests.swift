import Foundation
import Testing

@testable import PailCore
@testable import PailTUI

/// Whole screens, text and styles, as the model and the views draw them after a few keys.
@Suite("Screens")
struct ScreenSnapshotTests {
    static let files: [String: Int64] = ["a.txt": 1_234, "docs/report.pdf": 2_000_000, "docs/notes.txt": 40]

    @Test func theTreeWithAnOpenFolder() {
        var ui = ModelHarness(files: Self.files)
        ui.press("l", "j")
        assertSnapshot(
            ui.render(width: 58, height: 14),
            """
            | Pail  alice · /vault                      ? help  q quit |
            |TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT|
            | Name · name ↑                                      Size  |
            |HHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHH|
            | ▾ docs/                                         2 items  |
            |FFFFFFFF......................................dddddddddd..|
            |     notes.txt                                      40 B  |
            |SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS|
            |     report.pdf                                   2.0 MB  |
            |..............................................dddddddddd..|
            |   a.txt                                          1.2 kB  |
            |..............................................dddddddddd..|
            |                                                          |
            |..........................................................|
            |                                                          |
            |..........................................................|
            |                                                          |
            |..........................................................|
            | Quota  250 B of 1.0 kB                               25% |
            |HHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHgggg|
            | ██████████████░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░ |
            |.gggggggggggggg000000000000000000000000000000000000000000.|
            | Events  0 pending                                        |
            |HHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHH|
            | All caught up.                                           |
            |ddddddddddddddd...........................................|
            |                                                          |
            |ssssssssssssssssssssssssssssssssssssssssssssssssssssssssss|
            """)
    }

    @Test func theHelpScreen() {
        var ui = ModelHarness(files: Self.files)
        ui.press("?")
        assertSnapshot(
            ui.render(width: 100, height: 30),
            """
            | Pail  alice · /vault                                                                ? help  q quit |
            |TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT|
            |                                                                                                    |
            |....................................................................................................|
            |  Keys                                                                                              |
            |.HHHHH..............................................................................................|
            |  Move                                              Files                                           |
            |..HHHH..............................................HHHHH...........................................|
            |   ↓ j           next entry                          u             upload a file or folder here     |
            |...KKKKKKKKKKKKK.....................................KKKKKKKKKKKKK..................................|
            |   ↑ k           previous entry                      d delete      delete (asks first)              |
            |...KKKKKKKKKKKKK.....................................KKKKKKKKKKKKK..................................|
            |   pgdn ctrl-d   page down                           r             rename or move                   |
            |...KKKKKKKKKKKKK.....................................KKKKKKKKKKKKK..................................|
            |   pgup ctrl-u   page up                             o             fetch (download)                 |
            |...KKKKKKKKKKKKK.....................................KKKKKKKKKKKKK..................................|
            |   home          first entry (also gg)               e             edit a file, upload it back      |
            |...KKKKKKKKKKKKK.....................................KKKKKKKKKKKKK..................................|
            |   G end         last entry                          s             share link                       |
            |...KKKKKKKKKKKKK.....................................KKKKKKKKKKKKK..................................|
            |   l → enter     open/close a folder, view a file    n             new folder                       |
            |...KKKKKKKKKKKKK.....................................KKKKKKKKKKKKK..................................|
            |   h ←           close the folder / go to parent     /             filter as you type               |
            |...KKKKKKKKKKKKK.....................................KKKKKKKKKKKKK..................................|
            |   g             go to a path (Tab completes)        f ctrl-f      search every path of the vault   |
            |...KKKKKKKKKKKKK.....................................KKKKKKKKKKKKK..................................|
            |   -             back to where the last jump left    esc           clear selection, then filter     |
            |...KKKKKKKKKKKKK.....................................KKKKKKKKKKKKK..................................|
            |   b             bookmark this folder, + a letter    z             undo the last operation          |
            |...KKKKKKKKKKKKK.....................................KKKKKKKKKKKKK..................................|
            |   '             go to a bookmark, + its letter      Z             list recent operations, undo one |
            |...KKKKKKKKKKKKK.....................................KKKKKKKKKKKKK..................................|
            |                                                                                                    |
            |....................................................................................................|
            |                                                    Selection (d r o s act on it)                   |
            |....................................................HHHHHHHHHHHHHHHHHHHHHHHHHHHHH...................|
            |                                                     space         select or unselect, then next    |
            |.....................................................KKKKKKKKKKKKK..................................|
            |                                                     v             start / end a range selection    |
            |.....................................................KKKKKKKKKKKKK..................................|
            |                                                     * ctrl-a      select all in this folder        |
            |.....................................................KKKKKKKKKKKKK..................................|
            |                                                     y             copy to Pail's clipboard         |
            |.....................................................KKKKKKKKKKKKK..................................|
            |                                                     Y             cut to Pail's clipboard          |
            |.....................................................KKKKKKKKKKKKK..................................|
            |                                                     p             paste into this folder           |
            |.....................................................KKKKKKKKKKKKK..................................|
            |                                                                                                    |
            |....................................................................................................|
            |                                                    Vault and view                                  |
            |....................................................HHHHHHHHHHHHHH..................................|
            |                                                     U             switch user                      |
            |.....................................................KKKKKKKKKKKKK..................................|
            |                                                     x             workflow runs and steps          |
            |.....................................................KKKKKKKKKKKKK..................................|
            |  j/k scroll (more below) · in prompts: ctrl-u clears, ctrl-w deletes a word · esc, q or ? closes   |
            |..ddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd...|
            |                                                                                                    |
            |ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss|
            """)
        // What does not fit scrolls: j goes down to the end, and no further.
        for _ in 0..<40 { ui.press("j") }
        let end = ui.render(width: 100, height: 30).text
        #expect(end.contains("Recent operations: ↓/j next") && end.contains("j/k scroll (the end)"), "\(end)")
        ui.press("k")
        #expect(ui.render(width: 100, height: 30).text.contains("j/k scroll (more below)"))
    }

    @Test func theDeleteQuestionForAFolder() {
        var ui = ModelHarness(files: Self.files)
        ui.press("d")
        ui.finishLastTask(.folderCount(path: "docs/", files: 2, bytes: 2_000_040))
        assertSnapshot(
            ui.render(width: 58, height: 14),
            """
            | Pail  alice · /vault                      ? help  q quit |
            |TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT|
            | Name · name ↑                                      Size  |
            |HHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHH|
            | ▸ Delete                                                 |
            |SSWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWSS|
            |                                                          |
            |..DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD..|
            |    Delete the folder docs/ and everything in it?         |
            |..DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD..|
            |    It holds 2 files, 2.0 MB.                             |
            |..DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD..|
            |                                                          |
            |..DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD..|
            |    It goes to the trash: z undoes, `pail restore`        |
            |..DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD..|
            |    brings it back.                                       |
            |..DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD..|
            | Q  y: delete    n/esc: keep                            % |
            |HHDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDgg|
            | █                                                      ░ |
            |.gDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD0.|
            | E                                                        |
            |HHDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDHH|
            | All caught up.                                           |
            |ddddddddddddddd...........................................|
            | Counting what docs/ holds…                               |
            |ssssssssssssssssssssssssssssssssssssssssssssssssssssssssss|
            """)
    }

    @Test func theWorkflowRunsWithTheStepsOfOne() throws {
        var ui = ModelHarness(files: Self.files)
        ui.press("x", "enter")
        ui.send(.message(.executions([try Self.execution(), try Self.execution(failing: true)])))
        ui.press("j")
        assertSnapshot(
            ui.render(width: 80, height: 14),
            """
            | Pail  alice · /vault                                            ? help  q quit |
            |TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT|
            | Workflow runs (2)   enter: steps   esc: back   R: reload                       |
            |HHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHH|
            | SUCCEEDED UpdateInventory  1m ago    try 1  alice/docs/new.txt                 |
            |................................................................................|
            | FAILED    UpdateInventory  1m ago    try 2  alice/docs/new.txt  disk full      |
            |SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS|
            |                                                                                |
            |................................................................................|
            | Steps of UpdateInventory run-2                                                 |
            |HHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHH|
            | ▸ ReadObject  1.2 ms                                                           |
            |KKKKKKKKKKKKKKKKKKKKK...........................................................|
            |     input   {"key":"alice/docs/new.txt"}                                       |
            |ddddddddddddddddddddddddddddddddddddddddd.......................................|
            |     output  {"size":9}                                                         |
            |ddddddddddddddddddddddd.........................................................|
            | ▸ PutInventory  2.0 ms                                                         |
            |EEEEEEEEEEEEEEEEEEEEEEE.........................................................|
            |     input   {"size":9}                                                         |
            |ddddddddddddddddddddddd.........................................................|
            |     error   disk full                                                          |
            |EEEEEEEEEEEEEEEEEEEEEE..........................................................|
            |                                                                                |
            |................................................................................|
            |                                                                                |
            |ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss|
            """)
    }

    @Test func theNameTakenQuestion() {
        var ui = ModelHarness(files: Self.files)
        ui.send(.message(.question(ConflictQuestion(name: "docs/report.pdf", transfer: "Uploading docs to the top of the vault"))))
        assertSnapshot(
            ui.render(width: 70, height: 16),
            """
            | Pail  alice · /vault                                  ? help  q quit |
            |TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT|
            | N Name taken                                                         |
            |HHWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWHH|
            | ▸                                                                    |
            |SSDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDSS|
            |    Uploading docs to the top of the vault                          6 |
            |..DDaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaDDDDDDDDDDDDDDDDDDDDDDDDDDd.|
            |                                                                      |
            |..DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD..|
            |    docs/report.pdf already exists.                                   |
            |..DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD..|
            |                                                                      |
            |..DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD..|
            |    o: overwrite (the old one is kept as an old version)              |
            |..DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD..|
            |    k: keep both (the new one is named like "name (2).ext")           |
            |..DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD..|
            |    s: skip this one                                                  |
            |..DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD..|
            |                                                                      |
            |..DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD..|
            | Q  O/K/S: the same for all the rest    esc: cancel                 % |
            |HHDDaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaDDDDDDDDDDDDDDDDDgg|
            | █                                                                  ░ |
            |.gDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD0.|
            | E                                                                    |
            |HHDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDHH|
            | All caught up.                                                       |
            |ddddddddddddddd.......................................................|
            |                                                                      |
            |ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss|
            a: fg indexed(245) bg indexed(237)
            """)
    }

    @Test func aTerminalTooSmall() {
        var ui = ModelHarness(files: Self.files)
        assertSnapshot(
            ui.render(width: 30, height: 8),
            """
            |                              |
            |..............................|
            |                              |
            |..............................|
            |      Terminal too small      |
            |......EEEEEEEEEEEEEEEEEE......|
            |             30×8             |
            |..............................|
            |       Pail needs 40×10       |
            |..............................|
            |           q quits            |
            |..............................|
            |                              |
            |..............................|
            |                              |
            |..............................|
            """)
    }

    @Test func headersAreUnderlinedAcrossTheirPaneInTheHighContrastTheme() throws {
        let path = Self.themesFolder + "/high-contrast.toml"
        let theme = try ThemeFile.parse(String(contentsOfFile: path, encoding: .utf8), path: path)
        var ui = ModelHarness(files: Self.files)
        ui.deliveries = [ViewTests.delivery(1, "Object Created", key: "alice/new.txt", size: 9, age: 2, now: ModelHarness.modified)]
        ui.send(.reloadRequested)
        assertSnapshot(
            ui.render(width: 92, height: 10, theme: theme),
            """
            | Pail  alice · /vault                                                        ? help  q quit |
            |TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT|
            | Name · name ↑                                    Size  │ Quota  250 B of 1.0 kB        25% |
            |HHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHH.HHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHaaaa|
            | ▸ docs/                                                │ ████████░░░░░░░░░░░░░░░░░░░░░░░░░ |
            |SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS..11111111..........................|
            |   a.txt                                        1.2 kB  │                                   |
            |............................................................................................|
            |   new.txt ◌                                       9 B  │ Events  1 pending                 |
            |pppppppppppp................................pppppppppp...HHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHH|
            |                                                        │ due         Object Created     1m |
            |.........................................................FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF.|
            |                                                        │   new.txt                         |
            |............................................................................................|
            |                                                        │                                   |
            |............................................................................................|
            |                                                        │                                   |
            |............................................................................................|
            |                                                                                            |
            |ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss|
            a: fg ansi(2) bg standard bold underline
            """, theme: theme)
    }

    static let themesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes").path

    /// A run of UpdateInventory for `docs/new.txt`, two steps, the second failing if asked, as the log stores it
    /// (its document, and its input apart).
    static func execution(failing: Bool = false) throws -> Execution {
        let started = ModelHarness.modified.timeIntervalSince1970
        let error = failing ? "\"disk full\"" : "null"
        let json = """
            {"id": "run-\(failing ? 2 : 1)", "workflow": "UpdateInventory", "event_id": "e1", "attempt": \(failing ? 2 : 1),
             "status": "\(failing ? "FAILED" : "SUCCEEDED")", "started": \(started), "stopped": \(started + 0.004),
             "output": null, "error": \(error),
             "history": [
               {"name": "ReadObject", "input": {"key": "alice/docs/new.txt"}, "output": {"size": 9}, "entered": \(started),
                "exited": \(started + 0.0012)},
               {"name": "PutInventory", "input": {"size": 9}, "error": \(error), "entered": \(started + 0.002),
                "exited": \(started + 0.004)}
             ]}
            """
        return try Execution(
            document: JSONValue.parse(json), input: JSONValue.parse(#"{"detail": {"object": {"key": "alice/docs/new.txt"}}}"#))
    }
}
