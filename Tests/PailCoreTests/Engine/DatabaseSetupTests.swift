import Foundation
import Testing

@testable import PailCore

@Suite("Database setup")
struct DatabaseSetupTests {
    @Test("commits sync fully (a committed upload survives power loss), in every process that opens the root")
    func writerSyncsFully() throws {
        let vault = try TestVault()
        let second = try vault.reopen()
        defer { second.close() }
        for engine in [vault.engine, second] {
            // 2 is FULL; GRDB's WAL setup would leave NORMAL (1), which may lose the last commits on power loss.
            #expect(try engine.write { try $0.fetchOne(Int.self, "PRAGMA synchronous") } == 2)
            #expect(try engine.read { try $0.fetchOne(String.self, "PRAGMA journal_mode") } == "wal")
        }
    }
}

@Suite("Opening for reading")
struct OpenForReadingTests {
    @Test("a missing root is left to open, which creates it")
    func aMissingRootIsNotOpened() throws {
        let folder = try TemporaryFolder("pail-test")
        defer { folder.remove() }
        let root = folder.path + "/none"
        #expect(try Engine.openForReading(root: root, user: "alice", options: EngineOptions(deliverInBackground: false)) == nil)
        #expect(!FileManager.default.fileExists(atPath: root), "nothing was made")
    }

    @Test("a ready root opens without recovery, and reads what open would")
    func aReadyRootOpensWithoutTheWritersSetUp() throws {
        let vault = try TestVault()
        try vault.upload("a.txt", bytes(5))
        try vault.engine.waitUntilIdle()
        // A crash leftover: open would remove it, a reader leaves it alone.
        let leftover = vault.root + "/tmp/leftover"
        FileManager.default.createFile(atPath: leftover, contents: Data("x".utf8))
        let reader = try #require(
            try Engine.openForReading(root: vault.root, user: "alice", options: EngineOptions(deliverInBackground: false)))
        #expect(try reader.api.list(user: "alice").map(\.path) == ["a.txt"])
        #expect(FileManager.default.fileExists(atPath: leftover))
    }

    @Test("a new user is left to open, which creates them; the reader cannot write")
    func aReaderDoesNotWrite() throws {
        let vault = try TestVault()
        try vault.upload("a.txt", bytes(5))
        try vault.engine.waitUntilIdle()
        let options = EngineOptions(deliverInBackground: false)
        #expect(try Engine.openForReading(root: vault.root, user: "bob", options: options) == nil)
        #expect(try vault.engine.api.listUsers().map(\.name) == ["alice"])
        let reader = try #require(try Engine.openForReading(root: vault.root, user: "alice", options: options))
        #expect(throws: PailError.self) { try reader.write { try $0.execute("DELETE FROM inventory") } }
        #expect(try vault.list() == ["a.txt": 5])
    }

    @Test("a file that is not a database is a damaged root, as for open")
    func aDamagedDatabaseIsRefused() throws {
        let folder = try TemporaryFolder("pail-test")
        defer { folder.remove() }
        FileManager.default.createFile(atPath: folder.path + "/credentials.json", contents: Data("{}".utf8))
        FileManager.default.createFile(atPath: folder.path + "/pail.sqlite", contents: Data(repeating: 7, count: 8192))
        let error = #expect(throws: PailError.self) {
            try Engine.openForReading(root: folder.path, user: "alice", options: EngineOptions(deliverInBackground: false))
        }
        #expect(error?.code == .corruptRoot)
    }

    @Test("events due are left to open and its caller to deliver; events held for the delay are not")
    func dueEventsNeedTheWriter() throws {
        let clock = ManualClock()
        let vault = try TestVault(delay: 5, clock: clock)
        try vault.upload("a.txt", bytes(5))
        let options = EngineOptions(delay: 5, clock: clock, deliverInBackground: false)
        #expect(
            try Engine.openForReading(root: vault.root, user: "alice", options: options) != nil,
            "held for the delay: nothing to deliver yet")
        clock.advance(by: 6)
        #expect(try Engine.openForReading(root: vault.root, user: "alice", options: options) == nil)
    }
}
