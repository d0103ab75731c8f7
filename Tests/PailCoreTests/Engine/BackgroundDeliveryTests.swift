import Foundation
import Synchronization
import Testing

@testable import PailCore

@Suite("Background delivery and the change feed")
struct BackgroundDeliveryTests {
    /// Polls `condition` for up to `seconds`.
    func eventually(_ seconds: Double = 5, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return try condition()
    }

    @Test func anOpenEngineDeliversOnItsOwnAfterTheDelay() throws {
        let vault = try TestVault()
        let engine = try Engine.open(root: vault.root, options: EngineOptions(delay: 0.3))
        defer { engine.close() }
        try vault.upload("a.txt", bytes(5), engine: engine)
        #expect(try engine.api.list(user: "alice").isEmpty)  // held on the bus for 0.3 s
        #expect(try eventually { try engine.api.list(user: "alice").map(\.path) == ["a.txt"] })
    }

    @Test func anOpenEngineDeliversWhatAnotherProcessPublished() throws {
        let vault = try TestVault()
        let background = try Engine.open(root: vault.root, options: EngineOptions())
        defer { background.close() }
        try vault.upload("from-elsewhere.txt", bytes(5))  // through the vault's engine, which does not deliver
        #expect(try eventually { try vault.list() == ["from-elsewhere.txt": 5] })
    }

    @Test func subscribersHearOfChangesMadeByOtherProcesses() throws {
        let vault = try TestVault()
        let other = try vault.reopen()
        let heard = Mutex(0)
        let subscription = vault.engine.changes.subscribe { heard.withLock { $0 += 1 } }
        defer { subscription.cancel() }
        Thread.sleep(forTimeInterval: 0.3)  // the watcher's first look
        try vault.upload("a.txt", bytes(5), engine: other)
        #expect(eventually { heard.withLock { $0 } > 0 })
        subscription.cancel()
        let count = heard.withLock { $0 }
        try vault.upload("b.txt", bytes(5), engine: other)
        Thread.sleep(forTimeInterval: 0.5)
        #expect(heard.withLock { $0 } == count)
    }
}
