import Foundation
import Testing

/// The task list (`T`) in the real app: a large upload listed with its progress, cancelled from the list,
/// and nothing of it left in the vault. `PAIL_TASK_PAUSE_MS` slows the transfer so the cancel lands mid-way.
@Suite("Task list in the UI")
struct TaskListUITests {
    @Test("T lists a 200 MB upload; c cancels it part-way and the vault holds nothing of it")
    func cancelALargeUploadFromTheList() throws {
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("keep.txt", size: 100, seed: 1), "keep.txt")
        let big = pail.local("big.bin")
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        #expect(truncate(big, 200 << 20) == 0)
        let result = try pail.headless(
            """
            key u
            key ctrl-u
            type \(big)
            key enter
            key T
            expect Tasks (1 running, 0 ended)
            expect running    Uploading big.bin
            key c
            wait-idle 120
            expect Tasks (0 running, 1 ended)
            expect cancelled  Uploading big.bin
            expect Cancelled; nothing was stored
            expect-not Cancelled: Cancelled
            key r
            expect running    Uploading big.bin
            key c
            wait-idle 120
            expect Tasks (0 running, 2 ended)
            run wait
            run ls
            key q
            """, size: "120x30", env: ["PAIL_TASK_PAUSE_MS": "300"])
        #expect(result.status == 0, "\(result)")
        #expect(!result.stdout.contains("big.bin"), "run ls lists no big.bin: \(result.stdout)")
        #expect(try pail.ls().map(\.path) == ["keep.txt"])
        try pail.check()
    }
}
