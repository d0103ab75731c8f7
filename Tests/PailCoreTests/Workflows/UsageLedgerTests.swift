import GRDB
import Testing

@testable import PailCore

@Suite("Usage ledger")
struct UsageLedgerTests {
    let inventory = Inventory()

    func total(_ db: Database, _ user: String) throws -> Int64? {
        try inventory.getItem(db, InventoryItems.quotaKey(user: user))?["TotalSize"]?.int64Value
    }

    @Test("each addition answers the item as an UpdateItem would; the batch writes the totals once, at its end")
    func additionsFoldIntoOneWritePerUser() throws {
        let database = try InventoryFixture.database()
        try database.write { db in
            try inventory.updateItem(db, InventoryItems.quotaKey(user: "alice"), set: ["Note": .s("kept")], add: ["TotalSize": 100])
            let ledger = UsageLedger(inventory: inventory)
            #expect(try ledger.applying { try ledger.add(db, user: "alice", 20) }["TotalSize"] == .n(120))
            #expect(try ledger.applying { try ledger.add(db, user: "alice", -5) }["TotalSize"] == .n(115))
            let bob = try ledger.applying { try ledger.add(db, user: "bob", 7) }
            #expect(bob == ["PK": .s("bob"), "SK": .s("Quota"), "TotalSize": .n(7)])
            #expect(try total(db, "alice") == 100, "nothing is written before the batch ends")
            #expect(try total(db, "bob") == nil)
            try ledger.write(db)
            #expect(
                try inventory.getItem(db, InventoryItems.quotaKey(user: "alice")) == [
                    "PK": .s("alice"), "SK": .s("Quota"), "Note": .s("kept"), "TotalSize": .n(115),
                ])
            #expect(try total(db, "bob") == 7)
        }
    }

    @Test("a run that fails leaves no addition behind, and the runs after it count from where it started")
    func aFailedRunAddsNothing() throws {
        struct Boom: Error {}
        let database = try InventoryFixture.database()
        try database.write { db in
            let ledger = UsageLedger(inventory: inventory)
            try ledger.applying { _ = try ledger.add(db, user: "alice", 10) }
            #expect(throws: Boom.self) {
                try ledger.applying {
                    _ = try ledger.add(db, user: "alice", 1_000)
                    _ = try ledger.add(db, user: "carol", 5)
                    throw Boom()
                }
            }
            #expect(try ledger.applying { try ledger.add(db, user: "alice", 1) }["TotalSize"] == .n(11))
            try ledger.write(db)
            #expect(try total(db, "alice") == 11)
            #expect(try total(db, "carol") == nil)
        }
    }

    @Test("an addition that overflows fails as UpdateItem's ADD does, and changes nothing")
    func overflowFailsTheRun() throws {
        let database = try InventoryFixture.database()
        try database.write { db in
            let ledger = UsageLedger(inventory: inventory)
            try ledger.applying { _ = try ledger.add(db, user: "alice", .max) }
            InventoryFixture.expect(.validationException) { try ledger.applying { try ledger.add(db, user: "alice", 1) } }
            try ledger.write(db)
            #expect(try total(db, "alice") == .max)
        }
    }
}
