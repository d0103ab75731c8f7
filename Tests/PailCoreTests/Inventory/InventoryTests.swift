import GRDB
import Testing

@testable import PailCore

@Suite("Inventory items")
struct InventoryTests {
    let inventory = Inventory()
    let quotaKey = ItemKey(pk: "alice", sk: "Quota")

    @Test("put, get, overwrite and delete an item")
    func putGetDelete() throws {
        let dbQueue = try InventoryFixture.database()
        let key = ItemKey(pk: "alice", sk: "alice/docs/a.txt")
        let first = InventoryFixture.file("alice", "alice/docs/a.txt", size: 12)
        let second = InventoryFixture.file("alice", "alice/docs/a.txt", size: 20)
        try dbQueue.write { db throws in
            #expect(try inventory.getItem(db, key) == nil)
            #expect(try inventory.putItem(db, first, returnValues: .allOld) == nil)
            #expect(try inventory.getItem(db, key) == first)
            #expect(try inventory.putItem(db, second, returnValues: .allOld) == first)
            #expect(try inventory.putItem(db, second) == nil, "no return values unless asked")
        }
        try dbQueue.write { db throws in
            #expect(try inventory.getItem(db, key) == second)
            #expect(try inventory.deleteItem(db, key) == second)
            #expect(try inventory.getItem(db, key) == nil)
            #expect(try inventory.deleteItem(db, key) == nil)
        }
        #expect(try InventoryFixture.rowCount(dbQueue) == 0)
    }

    @Test(
        "put rejects items without string PK and SK",
        arguments: [
            ["SK": .s("a")], ["PK": .s("alice")], ["PK": .n(1), "SK": .s("a")], ["PK": .s("alice"), "SK": .s("")],
        ] as [Item])
    func putValidation(item: Item) throws {
        let dbQueue = try InventoryFixture.database()
        try dbQueue.write { db throws in
            InventoryFixture.expect(.validationException) { try inventory.putItem(db, item) }
        }
        #expect(try InventoryFixture.rowCount(dbQueue) == 0)
    }

    @Test("empty keys are rejected")
    func emptyKeys() throws {
        let dbQueue = try InventoryFixture.database()
        try dbQueue.read { db throws in
            InventoryFixture.expect(.validationException) { try inventory.getItem(db, ItemKey(pk: "", sk: "a")) }
            InventoryFixture.expect(.validationException) { try inventory.getItem(db, ItemKey(pk: "alice", sk: "")) }
        }
    }

    @Test("a conditional put with attribute_not_exists fails on an existing item and changes nothing")
    func conditionalPut() throws {
        let dbQueue = try InventoryFixture.database()
        let original = InventoryFixture.file("alice", "alice/a.txt", size: 1)
        try dbQueue.write { db throws in
            #expect(try inventory.putItem(db, original, condition: .attributeNotExists("PK")) == nil)
            let error = #expect(throws: PailError.self) {
                try inventory.putItem(
                    db, InventoryFixture.file("alice", "alice/a.txt", size: 2),
                    condition: .attributeNotExists("PK"))
            }
            #expect(error == PailError(.conditionalCheckFailed, "The conditional request failed"))
            #expect(error?.code.rawValue == "ConditionalCheckFailedException")
            #expect(try inventory.getItem(db, ItemKey(pk: "alice", sk: "alice/a.txt")) == original)
        }
        #expect(try InventoryFixture.rowCount(dbQueue) == 1)
    }

    @Test("a conditional delete that fails keeps the item")
    func conditionalDelete() throws {
        let dbQueue = try InventoryFixture.database()
        let item = InventoryFixture.file("alice", "alice/a.txt", size: 5)
        let key = ItemKey(pk: "alice", sk: "alice/a.txt")
        try dbQueue.write { db throws in
            try inventory.putItem(db, item)
            InventoryFixture.expect(.conditionalCheckFailed) {
                try inventory.deleteItem(db, key, condition: .equals("Size", .n(6)))
            }
            #expect(try inventory.getItem(db, key) == item)
            #expect(try inventory.deleteItem(db, key, condition: .equals("Size", .n(5))) == item)
            InventoryFixture.expect(.conditionalCheckFailed) {
                try inventory.deleteItem(db, key, condition: .attributeExists("PK"))
            }
        }
    }

    @Test("UpdateItem ADD creates the quota item and increments it, negative deltas too")
    func quotaAdd() throws {
        let dbQueue = try InventoryFixture.database()
        try dbQueue.write { db throws in
            #expect(
                try inventory.updateItem(db, quotaKey, add: ["TotalSize": 100])
                    == ["PK": .s("alice"), "SK": .s("Quota"), "TotalSize": .n(100)])
            #expect(try inventory.updateItem(db, quotaKey, add: ["TotalSize": 50])["TotalSize"] == .n(150))
            #expect(try inventory.updateItem(db, quotaKey, add: ["TotalSize": -120])["TotalSize"] == .n(30))
            #expect(try inventory.updateItem(db, quotaKey, add: ["TotalSize": -40])["TotalSize"] == .n(-10))
        }
        try dbQueue.read { db throws in
            #expect(try inventory.getItem(db, quotaKey) == ["PK": .s("alice"), "SK": .s("Quota"), "TotalSize": .n(-10)])
        }
    }

    @Test("UpdateItem sets, adds and removes in one call")
    func updateSetAddRemove() throws {
        let dbQueue = try InventoryFixture.database()
        let key = ItemKey(pk: "alice", sk: "alice/a.txt")
        try dbQueue.write { db throws in
            try inventory.putItem(db, ["PK": .s("alice"), "SK": .s("alice/a.txt"), "Size": .n(3), "Tmp": .null])
            let updated = try inventory.updateItem(
                db, key, set: ["Etag": .s("abc"), "Size": .n(4)], add: ["Versions": 1], remove: ["Tmp", "Absent"])
            #expect(
                updated == [
                    "PK": .s("alice"), "SK": .s("alice/a.txt"), "Size": .n(4), "Etag": .s("abc"),
                    "Versions": .n(1),
                ])
            #expect(try inventory.getItem(db, key) == updated)
            #expect(
                try inventory.updateItem(db, ItemKey(pk: "bob", sk: "bob/x"), remove: ["Size"])
                    == ["PK": .s("bob"), "SK": .s("bob/x")])
        }
    }

    @Test("UpdateItem rejects key attributes, overlapping paths, ADD on non-numbers and overflow")
    func updateValidation() throws {
        let dbQueue = try InventoryFixture.database()
        let key = ItemKey(pk: "alice", sk: "alice/a.txt")
        try dbQueue.write { db throws in
            try inventory.putItem(db, ["PK": .s("alice"), "SK": .s("alice/a.txt"), "Name": .s("a"), "Big": .n(.max)])
            let invalid: [() throws -> Item] = [
                { try inventory.updateItem(db, key, set: ["PK": .s("bob")]) },
                { try inventory.updateItem(db, key, remove: ["SK"]) },
                { try inventory.updateItem(db, key, add: ["PK": 1]) },
                { try inventory.updateItem(db, key, set: ["Size": .n(1)], add: ["Size": 1]) },
                { try inventory.updateItem(db, key, remove: ["Name", "Name"]) },
                { try inventory.updateItem(db, key, add: ["Name": 1]) },
                { try inventory.updateItem(db, key, add: ["Big": 1]) },
            ]
            for update in invalid {
                InventoryFixture.expect(.validationException) { _ = try update() }
            }
            #expect(
                try inventory.getItem(db, key)
                    == ["PK": .s("alice"), "SK": .s("alice/a.txt"), "Name": .s("a"), "Big": .n(.max)])
        }
    }

    @Test("a conditional update that fails creates and changes nothing")
    func conditionalUpdate() throws {
        let dbQueue = try InventoryFixture.database()
        let key = ItemKey(pk: "alice", sk: "alice/a.txt")
        let newer = { (sequencer: String) in
            Condition.or([.attributeNotExists("Sequencer"), .lessThan("Sequencer", .s(sequencer))])
        }
        try dbQueue.write { db throws in
            InventoryFixture.expect(.conditionalCheckFailed) {
                try inventory.updateItem(db, key, set: ["Size": .n(1)], condition: .attributeExists("PK"))
            }
            #expect(try inventory.getItem(db, key) == nil)
            try inventory.updateItem(db, key, set: ["Sequencer": .s("0B"), "Size": .n(2)], condition: newer("0B"))
            InventoryFixture.expect(.conditionalCheckFailed) {
                try inventory.updateItem(db, key, set: ["Sequencer": .s("0A"), "Size": .n(9)], condition: newer("0A"))
            }
            #expect(try inventory.getItem(db, key)?["Size"] == .n(2))
        }
    }

    @Test("operations commit or roll back with the caller's transaction")
    func callerTransaction() throws {
        struct Abort: Error {}
        let dbQueue = try InventoryFixture.database()
        #expect(throws: Abort.self) {
            try dbQueue.write { db throws in
                try inventory.putItem(db, InventoryFixture.file("alice", "alice/a.txt", size: 7))
                try inventory.updateItem(db, quotaKey, add: ["TotalSize": 7])
                throw Abort()
            }
        }
        #expect(try InventoryFixture.rowCount(dbQueue) == 0)
    }
}
