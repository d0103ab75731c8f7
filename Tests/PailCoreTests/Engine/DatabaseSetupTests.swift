import Foundation
import GRDB
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
            #expect(try engine.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
            #expect(try engine.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        }
    }
}
