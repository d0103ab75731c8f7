import Foundation
import Testing

@testable import PailCore

/// The Copy flow: `FileAPI.copy` accepts a `CopyFile` command (conflicts and quota checked first), the
/// CopyFile workflow copies inside the store, and UpdateInventory lists the copies.
@Suite("Copy")
struct CopyFileTests {
    @Test func aFileCopySharesTheBlobKeepsItsHeadersAndIsListed() throws {
        let vault = try TestVault(delay: 3600)
        let upload = try vault.engine.store.beginUpload(key: "alice/a.txt")
        try Data("hello copy".utf8).withUnsafeBytes { try upload.write($0) }
        let headers = try ObjectHeaders(contentType: "text/plain", fields: ["x-amz-meta-mtime": "1700000000.5"])
        let original = try upload.commit(headers: headers)
        try vault.engine.waitUntilIdle()
        let blobs = vault.files(in: "blobs").count

        let accepted = try vault.engine.api.copy(user: "alice", from: RemotePath("a.txt"), to: RemotePath("docs/"))
        #expect(accepted.source.value == "a.txt" && accepted.destination.value == "docs/a.txt")
        #expect(accepted.files == 1 && accepted.bytes == 10)
        let command = try #require(try vault.pending().first { $0.event.id == accepted.eventId })
        #expect(command.bus == .pail && command.event.detailType == "CopyFile" && command.event.detail["size"] == 10)
        #expect(try vault.engine.store.head(key: "alice/docs/a.txt") == nil, "storage-first: nothing is copied yet")

        // The workflow copies inside the store: the store's own Object Created (reason CopyObject) follows.
        try vault.engine.deliverer.deliver(ids: [command.id])
        let copy = try #require(try vault.engine.store.head(key: "alice/docs/a.txt"))
        #expect(copy.blob == original.blob && copy.etag == original.etag && copy.size == 10 && copy.headers == headers)
        #expect(vault.files(in: "blobs").count == blobs, "no byte was written again")
        let created = try vault.pending().filter { $0.event.subjectKey == "alice/docs/a.txt" }
        #expect(created.map(\.event.detailType) == ["Object Created"])
        #expect(created.first?.event.detail["reason"] == "CopyObject")
        let run = try #require(try vault.engine.executions(limit: 1).first)
        #expect(run.workflow == "CopyFile" && run.history.map(\.name) == ["FindObjects", "CheckQuota", "CopyObjects"])

        try vault.engine.waitUntilIdle()
        #expect(try vault.list() == ["a.txt": 10, "docs/a.txt": 10])
        #expect(try vault.used() == 20)
        #expect(try vault.check().isEmpty)
    }

    @Test func aFolderCopiesAsAWholeWithRAndNeverIntoItself() throws {
        let vault = try TestVault()
        for (name, size) in [("docs/a.txt", 10), ("docs/sub/b.txt", 20), ("docs2/c.txt", 5)] { try vault.upload(name, bytes(size)) }
        try vault.engine.waitUntilIdle()
        let api = vault.engine.api
        let withoutR = #expect(throws: PailError.self) { try api.copy(user: "alice", from: RemotePath("docs"), to: RemotePath("backup/")) }
        #expect(withoutR?.code == .invalidArgument && withoutR?.message.contains("-r") == true, "\(String(describing: withoutR))")

        let accepted = try api.copy(user: "alice", from: RemotePath("docs"), to: RemotePath("backup/"), recursive: true)
        #expect(accepted.source.value == "docs/" && accepted.destination.value == "backup/docs/")
        #expect(accepted.files == 2 && accepted.bytes == 30)
        try vault.engine.waitUntilIdle()
        #expect(
            try vault.list() == [
                "docs/a.txt": 10, "docs/sub/b.txt": 20, "docs2/c.txt": 5, "backup/docs/a.txt": 10, "backup/docs/sub/b.txt": 20,
            ])
        #expect(try vault.used() == 65)

        for target in ["docs/sub/", "docs/", "docs"] {
            let error = #expect(throws: PailError.self, "\(target)") {
                try api.copy(user: "alice", from: RemotePath("docs"), to: RemotePath(target), recursive: true)
            }
            #expect(error?.code == .invalidArgument && error?.message.contains("into itself") == true, "\(String(describing: error))")
        }
        // Onto itself, keeping both is a duplicate beside it.
        let duplicate = try api.copy(
            user: "alice", from: RemotePath("docs"), to: RemotePath("docs"), recursive: true, onConflict: .keepBoth)
        #expect(duplicate.destination.value == "docs (2)/")
        try vault.engine.waitUntilIdle()
        #expect(try vault.list().keys.filter { $0.hasPrefix("docs (2)/") }.sorted() == ["docs (2)/a.txt", "docs (2)/sub/b.txt"])
        #expect(try vault.pending().isEmpty && vault.check().isEmpty)
    }

    @Test func aCopyOverTheQuotaIsRefusedWholeBeforeAnythingIsCopied() throws {
        let vault = try TestVault.holding("docs/a", size: 300, user: "bob", quota: 1000)
        try vault.upload("docs/b", bytes(300), user: "bob")
        try vault.engine.waitUntilIdle()
        let api = vault.engine.api
        let stored = { try vault.engine.read { try vault.engine.store.list($0, prefix: "bob/") } }
        let before = try stored()

        let error = #expect(throws: PailError.self) {
            try api.copy(user: "bob", from: RemotePath("docs"), to: RemotePath("backup/"), recursive: true)
        }
        #expect(error?.code == .quotaExceeded && error?.message.contains("Copying docs/ (2 files, 600 B)") == true)
        #expect(try vault.pending().isEmpty && stored() == before && vault.used("bob") == 600)

        // One file fits; a second copy while the first waits does not: the first holds its room.
        _ = try api.copy(user: "bob", from: RemotePath("docs/a"), to: RemotePath("one"))
        let second = #expect(throws: PailError.self) { try api.copy(user: "bob", from: RemotePath("docs/b"), to: RemotePath("two")) }
        #expect(second?.code == .quotaExceeded && second?.message.contains("300 B for copies not applied yet") == true)
        try vault.engine.waitUntilIdle()
        #expect(try vault.list("bob") == ["docs/a": 300, "docs/b": 300, "one": 300])
        #expect(try vault.used("bob") == 900 && vault.check().isEmpty)
    }

    /// Accepted, then the room is taken before it is applied: the workflow refuses the copy whole (no file
    /// copied) and retries, and copies it once there is room again.
    @Test func aCopyThatNoLongerFitsWhenAppliedCopiesNothingAndRetries() throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        let vault = try TestVault(clock: clock)
        let api = vault.engine.api
        _ = try api.addUser("bob", quota: 1500, retention: 0)
        for name in ["docs/a", "docs/b"] { try vault.upload(name, bytes(300), user: "bob") }
        try vault.engine.waitUntilIdle()

        let accepted = try api.copy(user: "bob", from: RemotePath("docs"), to: RemotePath("backup/"), recursive: true, merge: true)
        #expect(accepted.bytes == 600)
        // Uploads do not see the copy's reservation (only copies do).
        try vault.upload("later", bytes(400), user: "bob")
        try vault.engine.deliverer.deliverBatch()
        let waiting = try #require(try api.pendingCommand(eventId: accepted.eventId))
        #expect(waiting.lastError?.contains("QuotaExceeded") == true, "\(String(describing: waiting.lastError))")
        #expect(try vault.engine.read { try vault.engine.store.list($0, prefix: "bob/backup/") }.isEmpty)
        let failed = try #require(try vault.engine.executions(failedOnly: true, limit: 1).first)
        #expect(failed.workflow == "CopyFile" && failed.history.last?.name == "CheckQuota")

        _ = try api.delete(user: "bob", path: RemotePath("later"))
        try vault.engine.deliverer.deliverBatch()  // the delete runs; the copy is backing off
        clock.advance(by: 60)
        try vault.engine.waitUntilIdle()
        #expect(try api.pendingCommand(eventId: accepted.eventId) == nil)
        #expect(try vault.list("bob") == ["docs/a": 300, "docs/b": 300, "backup/docs/a": 300, "backup/docs/b": 300])
        #expect(try vault.check().isEmpty)
    }

    @Test func conflictsFollowTheMoveRulesAndAnOverwriteCanBeUndone() throws {
        let vault = try TestVault()
        for (name, size) in [("a.txt", 10), ("b.txt", 20), ("docs/a.txt", 1), ("backup/docs/a.txt", 2), ("backup/docs/z", 3)] {
            try vault.upload(name, bytes(size, seed: UInt8(size)))
        }
        try vault.engine.waitUntilIdle()
        let api = vault.engine.api
        func code(_ body: () throws -> AcceptedCopy) -> PailError.Code? { (#expect(throws: PailError.self) { _ = try body() })?.code }
        func copy(
            _ from: String, _ to: String, _ choice: ConflictChoice = .refuse, recursive: Bool = false, merge: Bool = false
        ) throws
            -> AcceptedCopy
        {
            try api.copy(user: "alice", from: RemotePath(from), to: RemotePath(to), recursive: recursive, onConflict: choice, merge: merge)
        }

        #expect(code { try copy("a.txt", "b.txt") } == .conflict)
        #expect(code { try copy("a.txt", "docs") } == .conflict, "a file cannot take a folder's name")
        #expect(code { try copy("a.txt", "b.txt", .skip) } == .invalidArgument)
        #expect(code { try copy("a.txt", "a.txt") } == .invalidArgument)
        #expect(code { try copy("a.txt", "a.txt", .overwrite) } == .invalidArgument)
        #expect(code { try copy("docs", "backup/", recursive: true) } == .conflict)
        #expect(code { try copy("docs", "backup/", recursive: true, merge: true) } == .conflict)
        #expect(try vault.pending().isEmpty)

        #expect(try copy("a.txt", "b.txt", .keepBoth).destination.value == "b (2).txt")
        #expect(try copy("a.txt", "a.txt", .keepBoth).destination.value == "a (2).txt")
        _ = try copy("docs", "backup/", .keepBoth, recursive: true, merge: true)
        _ = try copy("a.txt", "b.txt", .overwrite)
        try vault.engine.waitUntilIdle()
        #expect(
            try vault.list() == [
                "a.txt": 10, "a (2).txt": 10, "b.txt": 10, "b (2).txt": 10, "docs/a.txt": 1, "backup/docs/a.txt": 2,
                "backup/docs/a (2).txt": 1, "backup/docs/z": 3,
            ])
        // The replaced b.txt is an old version: restoring it undoes the copy.
        #expect(try api.versions(user: "alice", path: RemotePath("b.txt")).map(\.size) == [10, 20])
        _ = try api.restore(user: "alice", path: RemotePath("b.txt"))
        try vault.engine.waitUntilIdle()
        #expect(try vault.list()["b.txt"] == 20)
        #expect(try vault.check().isEmpty)
    }

    @Test func aMissingSourceIsNoSuchKey() throws {
        let vault = try TestVault()
        try vault.upload("secret.txt", bytes(5), user: "bob")
        try vault.engine.waitUntilIdle()
        for (user, path) in [("alice", "nothing"), ("alice", "secret.txt"), ("bob", "secret.txt/")] {
            let error = #expect(throws: PailError.self, "\(user) \(path)") {
                try vault.engine.api.copy(user: user, from: RemotePath(path), to: RemotePath("copy"), recursive: true)
            }
            #expect(error?.code == .noSuchKey)
        }
        #expect(try vault.pending().isEmpty)
    }

    @Test func theCommandDeliveredTwiceCopiesOnce() throws {
        let vault = try TestVault(delay: 3600)
        try vault.upload("a.txt", bytes(10))
        try vault.upload("b.txt", bytes(20))
        try vault.engine.waitUntilIdle()
        let accepted = try vault.engine.api.copy(user: "alice", from: RemotePath("a.txt"), to: RemotePath("b.txt"), onConflict: .overwrite)
        let command = try #require(try vault.pending().first { $0.event.id == accepted.eventId })
        try vault.engine.deliverer.duplicate(id: command.id)
        let copied = try #require(try vault.engine.store.head(key: "alice/b.txt"))
        try vault.engine.waitUntilIdle()
        #expect(try vault.engine.store.head(key: "alice/b.txt") == copied, "the second run left the copy as it was")
        #expect(try vault.engine.api.versions(user: "alice", path: RemotePath("b.txt")).map(\.size) == [10, 20])
        let runs = try vault.engine.executions().filter { $0.workflow == "CopyFile" }
        #expect(runs.map { $0.output?["copied"] } == [0, 1])
        #expect(try vault.list() == ["a.txt": 10, "b.txt": 10])
        #expect(try vault.used() == 20 && vault.check().isEmpty)
    }

    @Test func writesAfterTheCopyWasAcceptedWin() throws {
        let vault = try TestVault(delay: 3600)
        try vault.upload("a.txt", bytes(10))
        try vault.upload("c.txt", bytes(30))
        try vault.engine.waitUntilIdle()
        _ = try vault.engine.api.copy(user: "alice", from: RemotePath("a.txt"), to: RemotePath("b.txt"))
        _ = try vault.engine.api.copy(user: "alice", from: RemotePath("c.txt"), to: RemotePath("d.txt"))
        try vault.upload("a.txt", bytes(11))  // a newer source is not copied
        let newer = try vault.upload("d.txt", bytes(40))  // a newer destination is not overwritten
        try vault.engine.waitUntilIdle()
        #expect(try vault.list() == ["a.txt": 11, "c.txt": 30, "d.txt": 40])
        #expect(try vault.engine.store.head(key: "alice/d.txt")?.etag == newer.etag)
        #expect(try vault.check().isEmpty)
    }

    /// A move takes its source away and a copy writes its destination: while one is not applied yet, a
    /// command that touches what it writes (or writes what it touches) is refused; copies of one source are not.
    @Test func copiesAndMovesThatOverlapNeverInterleave() throws {
        let vault = try TestVault(delay: 3600)
        for name in ["a", "q", "docs/f"] { try vault.upload(name, bytes(5)) }
        try vault.engine.waitUntilIdle()
        let api = vault.engine.api
        func code(_ body: () throws -> Void) -> PailError.Code? { (#expect(throws: PailError.self) { try body() })?.code }
        _ = try api.copy(user: "alice", from: RemotePath("a"), to: RemotePath("x"))
        _ = try api.copy(user: "alice", from: RemotePath("a"), to: RemotePath("y"))
        #expect(code { _ = try api.move(user: "alice", from: RemotePath("a"), to: RemotePath("z")) } == .conflict)
        #expect(code { _ = try api.copy(user: "alice", from: RemotePath("q"), to: RemotePath("x"), onConflict: .overwrite) } == .conflict)
        _ = try api.move(user: "alice", from: RemotePath("docs"), to: RemotePath("moved"))
        #expect(code { _ = try api.copy(user: "alice", from: RemotePath("docs/f"), to: RemotePath("f")) } == .conflict)
        #expect(code { _ = try api.copy(user: "alice", from: RemotePath("q"), to: RemotePath("moved/")) } == .conflict)
        try vault.engine.waitUntilIdle()
        #expect(try vault.list() == ["a": 5, "q": 5, "x": 5, "y": 5, "moved/f": 5])
        #expect(try vault.check().isEmpty)
    }
}
