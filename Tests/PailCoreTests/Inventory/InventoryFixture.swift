import GRDB
import Testing

@testable import PailCore

/// Shared set-up for the inventory tests.
enum InventoryFixture {
    /// An in-memory database with the inventory table.
    static func database() throws -> DatabaseQueue {
        let dbQueue = try DatabaseQueue()
        try dbQueue.write { db in
            try Inventory.createSchema(db)
            try Inventory.addNaturalKeys(db)
            try FileOrderColumns.add(db)
        }
        return dbQueue
    }

    /// A file item as the UpdateInventory workflow stores it.
    static func file(_ pk: String, _ sk: String, size: Int64 = 1) -> Item {
        ["PK": .s(pk), "SK": .s(sk), "Size": .n(size)]
    }

    /// The number of rows in the inventory table.
    static func rowCount(_ dbQueue: DatabaseQueue) throws -> Int {
        try dbQueue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM inventory") ?? 0 }
    }
}

extension InventoryFixture {
    /// Expects `body` to throw a `PailError` with `code`.
    static func expect<T>(
        _ code: PailError.Code, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T
    ) {
        let error = #expect(throws: PailError.self, sourceLocation: sourceLocation) { _ = try body() }
        #expect(error?.code == code, sourceLocation: sourceLocation)
    }
}
