import Foundation
import Testing

@testable import PailCore

@Suite("Versions and the trash")
struct VersionTests {
    @Test func aDeletedFileGoesToTheTrashAndComesBackThroughTheWorkflows() throws {
        let vault = try TestVault()
        let original = try vault.upload("docs/a.txt", Data("hello".utf8))
        try vault.engine.waitUntilIdle()
        _ = try vault.engine.api.delete(user: "alice", path: RemotePath("docs/a.txt"))
        try vault.engine.waitUntilIdle()
        #expect(try vault.list() == [:])
        let trash = try vault.engine.api.trash(user: "alice")
        #expect(trash.map(\.key) == ["alice/docs/a.txt"])
        #expect(trash.first?.versionId == original.versionId && trash.first?.size == 5)
        // The deleted file still counts against the quota, as an old version.
        #expect(try vault.engine.api.quota(user: "alice").oldVersions == 5)

        let versions = try vault.engine.api.versions(user: "alice", path: RemotePath("docs/a.txt"))
        #expect(versions.map(\.isDeleteMarker) == [true, false])
        #expect(versions.map(\.isCurrent) == [true, false])

        let restored = try vault.engine.api.restore(user: "alice", path: RemotePath("docs/a.txt"))
        #expect(restored.map(\.versionId) == [original.versionId])
        #expect(try vault.pending().last?.event.detail["reason"] == "CopyObject")
        try vault.engine.waitUntilIdle()
        #expect(try vault.list() == ["docs/a.txt": 5])
        #expect(try vault.engine.api.trash(user: "alice").isEmpty)
        #expect(try vault.engine.api.quota(user: "alice") == QuotaReport(user: "alice", used: 5, limit: UserDirectory.defaultQuota))
        #expect(try vault.check() == [])
    }

    @Test func restoringAnOlderVersionKeepsTheReplacedOneAndNeverChangesUsage() throws {
        let vault = try TestVault()
        let first = try vault.upload("a.txt", Data("one".utf8))
        let second = try vault.upload("a.txt", Data("second".utf8))
        let usage = { try vault.engine.read { try vault.engine.store.usage($0, user: "alice") } }
        #expect(try usage() == 9)
        try vault.engine.api.restore(user: "alice", path: RemotePath("a.txt"), versionId: first.versionId)
        #expect(try usage() == 9)
        let versions = try vault.engine.api.versions(user: "alice", path: RemotePath("a.txt"))
        #expect(versions.map(\.versionId) == [first.versionId, second.versionId])
        #expect(versions[1].replacedBy == "RestoreObject")
        // Restoring without an id brings back the most recently replaced version: an undo of the undo.
        try vault.engine.api.restore(user: "alice", path: RemotePath("a.txt"))
        try vault.engine.waitUntilIdle()
        #expect(try vault.engine.api.list(user: "alice").map(\.etag) == [second.etag])
        #expect(try vault.check() == [])
    }

    @Test func badRestoresAreRefusedAndChangeNothing() throws {
        let vault = try TestVault()
        let only = try vault.upload("a.txt", Data("one".utf8))
        let api = vault.engine.api
        func code(_ body: () throws -> Void) -> PailError.Code? { (#expect(throws: PailError.self) { try body() })?.code }
        #expect(code { try api.restore(user: "alice", path: RemotePath("a.txt")) } == .noSuchVersion)
        #expect(code { try api.restore(user: "alice", path: RemotePath("a.txt"), versionId: "nope") } == .noSuchVersion)
        #expect(code { try api.restore(user: "alice", path: RemotePath("a.txt"), versionId: only.versionId) } == .invalidArgument)
        #expect(code { try api.restore(user: "alice", path: RemotePath("never.txt")) } == .noSuchKey)
        #expect(code { _ = try api.versions(user: "alice", path: RemotePath("never.txt")) } == .noSuchKey)
        try vault.engine.write { _ = try vault.engine.store.delete($0, key: "alice/a.txt") }
        let marker = try #require(try api.versions(user: "alice", path: RemotePath("a.txt")).first)
        #expect(code { try api.restore(user: "alice", path: RemotePath("a.txt"), versionId: marker.versionId) } == .invalidArgument)
        try vault.engine.waitUntilIdle()
        #expect(try vault.check() == [])
    }

    @Test func aDeletedFolderIsRestoredWhole() throws {
        let vault = try TestVault()
        for name in ["p/1.txt", "p/2.txt", "p/q/3.txt", "keep.txt"] { try vault.upload(name, Data(name.utf8)) }
        try vault.engine.waitUntilIdle()
        _ = try vault.engine.api.delete(user: "alice", path: RemotePath("p"), recursive: true)
        try vault.engine.waitUntilIdle()
        #expect(try vault.list().keys.sorted() == ["keep.txt"])
        #expect(try vault.engine.api.trash(user: "alice", prefix: RemotePath("p/")).count == 3)
        // `restore p` names no file but a deleted folder: it restores the folder.
        #expect(try vault.engine.api.restore(user: "alice", path: RemotePath("p")).count == 3)
        try vault.engine.waitUntilIdle()
        #expect(try vault.list().keys.sorted() == ["keep.txt", "p/1.txt", "p/2.txt", "p/q/3.txt"])
        #expect(try vault.check() == [])
    }

    @Test func aMoveKeepsTheQuotaAndKeepsWhatItReplaced() throws {
        let vault = try TestVault()
        try vault.upload("a.txt", Data("moved".utf8))
        try vault.upload("b.txt", Data("replaced".utf8))
        try vault.engine.waitUntilIdle()
        _ = try vault.engine.api.move(user: "alice", from: RemotePath("a.txt"), to: RemotePath("c.txt"))
        try vault.engine.waitUntilIdle()
        // The moved file's bytes live on at its new name: nothing is kept at the old one, the quota is unchanged.
        #expect(try vault.engine.api.quota(user: "alice").oldVersions == 0)
        #expect(try vault.engine.api.trash(user: "alice").isEmpty)
        _ = try vault.engine.api.move(user: "alice", from: RemotePath("c.txt"), to: RemotePath("b.txt"), onConflict: .overwrite)
        try vault.engine.waitUntilIdle()
        let versions = try vault.engine.api.versions(user: "alice", path: RemotePath("b.txt"))
        #expect(versions.map(\.size) == [5, 8])
        #expect(versions[1].replacedBy == "CopyObject")
        #expect(try vault.check() == [])
    }

    @Test func purgeRemovesOldVersionsByPrefixAndAge() throws {
        let clock = ManualClock()
        let vault = try TestVault(clock: clock)
        try vault.upload("a/x.txt", Data("1".utf8))
        try vault.upload("a/x.txt", Data("22".utf8))
        clock.advance(by: 3600)
        try vault.upload("b/y.txt", Data("333".utf8))
        try vault.upload("b/y.txt", Data("4444".utf8))
        let api = vault.engine.api
        #expect(try api.purge(user: "alice", prefix: RemotePath("b/"), olderThan: 60) == PurgeReport())
        let older = try api.purge(user: "alice", olderThan: 60)
        #expect(older.versions == 1 && older.bytes == 1)
        #expect(try api.versions(user: "alice", path: RemotePath("b/y.txt")).count == 2)
        let rest = try api.purge(user: "alice", prefix: RemotePath("b/"))
        #expect(rest.versions == 1 && rest.bytes == 3)
        #expect(try api.quota(user: "alice").oldVersions == 0)
        try vault.engine.waitUntilIdle()
        #expect(try vault.check() == [])
    }

    @Test func theLifecycleSweepRemovesWhatOutlivedEachUsersRetention() throws {
        let clock = ManualClock()
        let vault = try TestVault(clock: clock)
        let api = vault.engine.api
        _ = try api.addUser("brief", retention: 3600)
        _ = try api.addUser("alice")
        for user in ["brief", "alice"] {
            try vault.upload("f.txt", Data("old".utf8), user: user)
            try vault.upload("f.txt", Data("new!".utf8), user: user)
            _ = try api.delete(user: user, path: RemotePath("f.txt"))
        }
        try vault.engine.waitUntilIdle()
        clock.advance(by: 3601)
        #expect(try vault.engine.store.runLifecycle().versions == 2)
        #expect(try api.trash(user: "brief").isEmpty)
        #expect(try api.trash(user: "alice").count == 1)
        // A process opening the root later sweeps too: the default retention is 30 days.
        clock.advance(by: TimeInterval(UserDirectory.defaultRetention))
        let later = try vault.reopen()
        defer { later.close() }
        #expect(try later.api.trash(user: "alice").isEmpty)
        #expect(try later.api.quota(user: "alice").oldVersions == 0)
        #expect(vault.files(in: "blobs").isEmpty)
        #expect(try vault.check() == [])
    }
}
