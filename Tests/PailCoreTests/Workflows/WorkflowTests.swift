import Foundation
import Testing

@testable import PailCore

@Suite("Workflows")
struct WorkflowTests {
    @Test func updateInventoryAddsUpdatesAndDeletesWithExactQuota() throws {
        let vault = try TestVault()
        try vault.upload("a.txt", bytes(100))
        try vault.upload("b.txt", bytes(50))
        try vault.engine.waitUntilIdle()
        #expect(try vault.list() == ["a.txt": 100, "b.txt": 50])
        #expect(try vault.used() == 150)
        try vault.upload("a.txt", bytes(30))
        try vault.engine.waitUntilIdle()
        #expect(try vault.used() == 80)
        _ = try vault.engine.api.delete(user: "alice", path: RemotePath("b.txt"))
        try vault.engine.waitUntilIdle()
        #expect(try vault.list() == ["a.txt": 30])
        #expect(try vault.used() == 30)
        #expect(try vault.check().isEmpty)
    }

    @Test func executionsKeepTheirStepHistory() throws {
        let vault = try TestVault()
        try vault.upload("a.txt", bytes(10))
        try vault.engine.waitUntilIdle()
        let run = try #require(try vault.engine.read { try vault.engine.executions.list($0, limit: 1) }.first)
        #expect(run.workflow == "UpdateInventory")
        #expect(run.status == .succeeded)
        #expect(run.history.map(\.name) == ["GetItem", "HeadObject", "PutNewItem", "UpdateQuota", "UpdateFolderTotals"])
        #expect(run.history[1].output?["size"] == 10)
        #expect(run.history[4].input == ["Key": "alice/a.txt", "ADD Files": 1, "ADD Bytes": 10])
    }

    @Test func moveFileMovesAWholeFolderAndKeepsTheQuota() throws {
        let vault = try TestVault()
        for name in ["docs/a.txt", "docs/sub/b.txt", "docs2/c.txt"] { try vault.upload(name, bytes(10)) }
        try vault.engine.waitUntilIdle()
        _ = try vault.engine.api.move(user: "alice", from: RemotePath("docs"), to: RemotePath("archive/"))
        try vault.engine.waitUntilIdle()
        #expect(try vault.list() == ["archive/docs/a.txt": 10, "archive/docs/sub/b.txt": 10, "docs2/c.txt": 10])
        #expect(try vault.used() == 30)
        _ = try vault.engine.api.move(user: "alice", from: RemotePath("docs2/c.txt"), to: RemotePath("renamed.txt"))
        _ = try vault.engine.api.move(user: "alice", from: RemotePath("archive/docs"), to: RemotePath("old"))
        try vault.engine.waitUntilIdle()
        #expect(try vault.list() == ["old/a.txt": 10, "old/sub/b.txt": 10, "renamed.txt": 10])
        #expect(try vault.check().isEmpty)
    }

    @Test func deleteFileRunTwiceIsHarmless() throws {
        let vault = try TestVault(delay: 3600)
        try vault.upload("a.txt", bytes(10))
        try vault.engine.waitUntilIdle()
        _ = try vault.engine.api.delete(user: "alice", path: RemotePath("a.txt"))
        let command = try #require(try vault.pending().first)
        try vault.engine.deliverer.duplicate(id: command.id)
        try vault.engine.waitUntilIdle()
        #expect(try vault.list().isEmpty)
        #expect(try vault.used() == 0)
        #expect(try vault.check().isEmpty)
    }

    /// Holds every store event, then delivers them reversed, each twice: the inventory must end exact.
    @Test func duplicatedAndReorderedEventsLeaveExactQuotasAndInventory() throws {
        let vault = try TestVault(delay: 3600)
        try vault.upload("a.txt", bytes(100))  // created
        try vault.upload("a.txt", bytes(40))  // overwritten
        try vault.upload("b.txt", bytes(7))
        try vault.upload("c.txt", bytes(1000))
        try vault.engine.write { db in
            _ = try vault.engine.store.delete(db, key: "alice/c.txt")  // deleted after its create
            _ = try vault.engine.store.copy(db, from: "alice/b.txt", to: "alice/d.txt")
        }
        try vault.upload("c.txt", bytes(3))  // and created again
        let ids = try vault.pending().map(\.id)
        #expect(ids.count == 7)
        for id in ids.reversed() { try vault.engine.deliverer.duplicate(id: id) }
        try vault.engine.deliverer.deliver(ids: ids.reversed())
        for id in ids { try vault.engine.deliverer.duplicate(id: id) }
        #expect(try vault.pending().isEmpty)
        #expect(try vault.list() == ["a.txt": 40, "b.txt": 7, "c.txt": 3, "d.txt": 7])
        #expect(try vault.used() == 57)
        #expect(try vault.check().isEmpty)
    }

    /// Random orders and duplicates of random operations, seeded so a failure can be replayed.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func randomDeliveryOrdersConverge(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let vault = try TestVault(delay: 3600)
        let names = ["a", "b", "c", "d/e", "d/f"]
        for _ in 0..<40 {
            let name = names[Int(random.next() % UInt64(names.count))]
            switch random.next() % 4 {
            case 0, 1: try vault.upload(name, bytes(Int(random.next() % 500)))
            case 2: try vault.engine.write { _ = try vault.engine.store.delete($0, key: "alice/\(name)") }
            default:
                let target = names[Int(random.next() % UInt64(names.count))]
                if target != name {
                    try vault.engine.write { _ = try vault.engine.store.copy($0, from: "alice/\(name)", to: "alice/\(target)") }
                }
            }
        }
        var ids = try vault.pending().map(\.id)
        ids.shuffle(using: &random)
        for id in ids.prefix(ids.count / 3) { try vault.engine.deliverer.duplicate(id: id) }
        try vault.engine.deliverer.deliver(ids: ids)
        #expect(try vault.check().isEmpty, "seed \(seed)")
        let store = try vault.engine.read { try vault.engine.store.list($0, prefix: "alice/") }
        #expect(try vault.used() == store.reduce(0) { $0 + $1.size }, "seed \(seed)")
    }
}
