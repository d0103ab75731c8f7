import Foundation

/// The inventory: a DynamoDB-like single table in SQLite, items keyed by `PK` (the user) and
/// `SK` (the full path, or `Quota`).
///
/// Every operation runs in the caller's transaction (`SQL`), so several of them (and the caller's own
/// writes) commit or roll back together. Failed conditions throw `ConditionalCheckFailedException`
/// and change nothing; invalid requests throw `ValidationException`.
///
/// ```swift
/// try dbQueue.write { db in
///     try inventory.putItem(db, ["PK": .s("alice"), "SK": .s("alice/a.txt"), "Size": .n(12)],
///                           condition: .attributeNotExists("PK"))
///     try inventory.updateItem(db, ItemKey(pk: "alice", sk: "Quota"), add: ["TotalSize": 12])
/// }
/// ```
public struct Inventory: Sendable {
    public init() {}

    /// Creates the `inventory` table (sort keys in SQLite's BINARY collation: UTF-8 byte order).
    public static func createSchema(_ db: any SQL) throws {
        try db.executeScript(
            """
            CREATE TABLE inventory(
                pk TEXT NOT NULL,
                sk TEXT NOT NULL,
                item TEXT NOT NULL,
                PRIMARY KEY(pk, sk)
            ) WITHOUT ROWID
            """)
    }

    /// Adds the natural key column (`NaturalKey` of the sort key, a blob) and its index, and fills it for
    /// the items already there: the tree lists folders in natural order from this index.
    static func addNaturalKeys(_ db: any SQL) throws {
        try db.execute("ALTER TABLE inventory ADD COLUMN nk BLOB")
        try updateInBatches(db, reading: "") { _, sk in
            Data(NaturalKey.of(sk))
        } update: { pk, sk, nk in
            try db.execute("UPDATE inventory SET nk = ? WHERE pk = ? AND sk = ?", [nk, pk, sk])
        }
        try db.execute("CREATE INDEX inventory_natural ON inventory(pk, nk)")
    }

    /// Visits every item in key order for a migration that fills new columns: `read` makes a value of a row
    /// (columns pk, sk, then `columns`, e.g. ", item") and its sort key; `update` runs on
    /// each once its batch of 10,000 is read, so memory stays bounded however big the root.
    static func updateInBatches<Value>(
        _ db: any SQL, reading columns: String, _ read: (any SQLRow, String) throws -> Value,
        update: (String, String, Value) throws -> Void
    ) throws {
        let next = "SELECT pk, sk\(columns) FROM inventory WHERE (pk, sk) > (?, ?) ORDER BY pk, sk LIMIT 10000"
        var last = ("", "")
        while true {
            var batch: [(pk: String, sk: String, value: Value)] = []
            try db.forEachRow(next, [last.0, last.1]) { row in
                let sk: String = row[1]
                batch.append((row[0], sk, try read(row, sk)))
                return true
            }
            guard let final = batch.last else { break }
            for entry in batch { try update(entry.pk, entry.sk, entry.value) }
            last = (final.pk, final.sk)
        }
    }

    /// The item with `key`, or nil.
    public func getItem(_ db: any SQL, _ key: ItemKey) throws -> Item? {
        try getItem(db, key, as: ItemJSON.decode)
    }

    /// What `decode` makes of the JSON text of the item with `key` (see `ItemJSON`), or nil if there is none.
    func getItem<T>(_ db: any SQL, _ key: ItemKey, as decode: (UnsafeRawBufferPointer) throws -> T?) throws -> T? {
        try Self.validate(key)
        return try db.fetchOne("SELECT item FROM inventory WHERE pk = ? AND sk = ?", [key.pk, key.sk]) { row in
            try row.withBytes(at: 0, decode)
        } ?? nil
    }

    /// What a put returns, as DynamoDB's `ReturnValues`: nothing (the default), or the item it replaced.
    public enum ReturnValues: Sendable {
        case none
        case allOld
    }

    /// Creates or replaces the item keyed by its `PK` and `SK` attributes; returns the old item with
    /// `.allOld` (nil if there was none), and nil with `.none`, which skips reading it when no condition needs it.
    @discardableResult
    public func putItem(_ db: any SQL, _ item: Item, condition: Condition? = nil, returnValues: ReturnValues = .none) throws -> Item? {
        let key = try Self.key(of: item)
        let old = condition != nil || returnValues == .allOld ? try getItem(db, key) : nil
        try condition?.check(old)
        try Self.write(db, key, item)
        return returnValues == .allOld ? old : nil
    }

    /// Sets, adds to (`ADD`: a missing attribute counts as 0) and removes attributes of the
    /// item with `key`, creating it if absent; returns the new item.
    @discardableResult
    public func updateItem(
        _ db: any SQL, _ key: ItemKey, set: Item = [:], add: [String: Int64] = [:], remove: [String] = [],
        condition: Condition? = nil
    ) throws -> Item {
        let names = Array(set.keys) + Array(add.keys) + remove
        if let name = names.first(where: { $0 == "PK" || $0 == "SK" }) {
            throw PailError(
                .validationException,
                "One or more parameter values were invalid: "
                    + "Cannot update attribute \(name). This attribute is part of the key")
        }
        guard Set(names).count == names.count else {
            throw PailError(
                .validationException,
                "Invalid UpdateExpression: Two document paths overlap with each other")
        }
        let old = try getItem(db, key)
        try condition?.check(old)
        var item = old ?? ["PK": .s(key.pk), "SK": .s(key.sk)]
        item.merge(set) { _, new in new }
        for (name, delta) in add { try Self.add(delta, to: name, of: &item) }
        for name in remove { item[name] = nil }
        try Self.write(db, key, item)
        return item
    }

    /// An update's `ADD`: adds `delta` to the number attribute `name` of `item` (a missing one counts as 0).
    static func add(_ delta: Int64, to name: String, of item: inout Item) throws {
        guard let current = (item[name] ?? .n(0)).int64Value else {
            throw PailError(
                .validationException,
                "An operand in the update expression has an incorrect data type: \(name) is not a number")
        }
        let (sum, overflow) = current.addingReportingOverflow(delta)
        guard !overflow else {
            throw PailError(.validationException, "Number overflow: \(name) + \(delta) does not fit in 64 bits")
        }
        item[name] = .n(sum)
    }

    /// Deletes the item with `key` if there is one; returns the old item.
    @discardableResult
    public func deleteItem(_ db: any SQL, _ key: ItemKey, condition: Condition? = nil) throws -> Item? {
        let old = try getItem(db, key)
        try condition?.check(old)
        if old != nil {
            try db.execute("DELETE FROM inventory WHERE pk = ? AND sk = ?", [key.pk, key.sk])
        }
        return old
    }

    /// The items of partition `pk` whose sort key begins with `skBeginsWith`, in UTF-8 byte order of
    /// the sort key (descending unless `scanForward`), at most `limit` of them, after `exclusiveStartKey`.
    /// `lastEvaluatedKey` is set only when more items follow: pass it back to get the next page.
    public func query(
        _ db: any SQL, pk: String, skBeginsWith prefix: String = "", limit: Int? = nil,
        exclusiveStartKey: ItemKey? = nil, scanForward: Bool = true
    ) throws -> QueryPage {
        guard !pk.isEmpty else { throw Self.emptyKeyError("PK") }
        if let limit, limit < 1 {
            throw PailError(.validationException, "Limit must be greater than or equal to 1, not \(limit)")
        }
        // One bound on each side: given two, SQLite seeks by the first and filters by the other, so every
        // page would read the pages before it again.
        var lower: (sql: String, value: any SQLBindable)? = prefix.isEmpty ? nil : (" AND sk >= ?", prefix)
        var upper: (sql: String, value: any SQLBindable)? =
            prefix.isEmpty ? nil : (" AND sk < CAST(? AS TEXT)", PrefixRange.upperBound(of: prefix))
        if let start = exclusiveStartKey {
            guard start.pk.utf8.elementsEqual(pk.utf8) else {
                throw PailError(.validationException, "The provided starting key is invalid: its PK is not \(pk)")
            }
            if scanForward, !start.sk.utf8.lexicographicallyPrecedes(prefix.utf8) {
                lower = (" AND sk > ?", start.sk)
            } else if !scanForward, prefix.isEmpty || start.sk.utf8.lexicographicallyPrecedes(PrefixRange.upperBound(of: prefix)) {
                upper = (" AND sk < ?", start.sk)
            }
        }
        var sql = "SELECT item FROM inventory WHERE pk = ?"
        var arguments: [any SQLBindable] = [pk]
        for bound in [lower, upper].compactMap({ $0 }) {
            sql += bound.sql
            arguments += [bound.value]
        }
        sql += scanForward ? " ORDER BY sk" : " ORDER BY sk DESC"
        // The cursor steps lazily: reading one row past the limit tells whether more follow.
        var items: [Item] = []
        var more = false
        try db.forEachRow(sql, arguments) { row in
            if items.count == limit {
                more = true
                return false
            }
            items.append(try row.withBytes(at: 0, ItemJSON.decode))
            return true
        }
        return QueryPage(items: items, lastEvaluatedKey: more ? try Self.key(of: items[items.count - 1]) : nil)
    }

    /// Visits the items of `pk` whose sort key begins with `prefix` and is at or above `from` (compared as
    /// bytes, so `from` may be a `PrefixRange` bound), in sort-key order, until `visit` returns false. `visit`
    /// gets each item's JSON text, valid during the call only, and decodes only what it needs of it (`ItemJSON`).
    func scan(
        _ db: any SQL, pk: String, skBeginsWith prefix: String, from: Data,
        _ visit: (_ sk: String, _ itemJSON: UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        try db.forEachRow(
            """
            SELECT sk, item FROM inventory WHERE pk = ? AND sk >= CAST(? AS TEXT) AND sk >= ? AND sk < CAST(? AS TEXT)
            ORDER BY sk
            """, [pk, from, prefix, PrefixRange.upperBound(of: prefix)]
        ) { row in
            let sk: String = row[0]
            return try row.withBytes(at: 1) { try visit(sk, $0) }
        }
    }

    /// Visits the items of `pk` whose sort key begins with `prefix`, in sort-key order, one at a time: `visit`
    /// gets each item's JSON text, valid during the call only, and decodes only what it needs of it (`ItemJSON`).
    func forEach(
        _ db: any SQL, pk: String, skBeginsWith prefix: String, _ visit: (_ itemJSON: UnsafeRawBufferPointer) throws -> Void
    ) throws {
        try db.forEachRow(
            "SELECT item FROM inventory WHERE pk = ? AND sk >= ? AND sk < CAST(? AS TEXT) ORDER BY sk",
            [
                pk, prefix, PrefixRange.upperBound(of: prefix),
            ]
        ) { row in
            try row.withBytes(at: 0, visit)
            return true
        }
    }

    // MARK: Keys and storage

    /// Writes an item with its sort key's natural key (`NaturalKey`) and the columns the other orders read
    /// (`FileOrderColumns`): every write comes here, so the indexes always agree with the items.
    private static func write(_ db: any SQL, _ key: ItemKey, _ item: Item) throws {
        let columns = FileOrderColumns(sk: key.sk, item: item)
        try db.execute(
            """
            INSERT INTO inventory(pk, sk, nk, item, folder, size, modified, ext) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(pk, sk) DO UPDATE SET item = excluded.item, nk = excluded.nk, folder = excluded.folder,
            size = excluded.size, modified = excluded.modified, ext = excluded.ext
            """,
            [
                key.pk, key.sk, Data(NaturalKey.of(key.sk)), ItemJSON.encode(item), columns.folder, columns.size, columns.modified,
                columns.ext,
            ])
    }

    /// The key of `item`, which must have non-empty string `PK` and `SK` attributes.
    private static func key(of item: Item) throws -> ItemKey {
        func attribute(_ name: String) throws -> String {
            guard let value = item[name] else {
                throw PailError(
                    .validationException,
                    "One or more parameter values were invalid: Missing the key \(name) in the item")
            }
            guard let string = value.stringValue else {
                throw PailError(
                    .validationException,
                    "One or more parameter values were invalid: Type mismatch for key \(name) expected: S")
            }
            guard !string.isEmpty else { throw emptyKeyError(name) }
            return string
        }
        return ItemKey(pk: try attribute("PK"), sk: try attribute("SK"))
    }

    private static func validate(_ key: ItemKey) throws {
        if key.pk.isEmpty { throw emptyKeyError("PK") }
        if key.sk.isEmpty { throw emptyKeyError("SK") }
    }

    private static func emptyKeyError(_ name: String) -> PailError {
        PailError(
            .validationException,
            "One or more parameter values are not valid. "
                + "The AttributeValue for a key attribute cannot contain an empty string value. Key: \(name)")
    }
}

/// One page of a query: the items, and the key to start the next page after (nil on the last page).
public struct QueryPage: Sendable {
    public var items: [Item]
    public var lastEvaluatedKey: ItemKey?

    public init(items: [Item], lastEvaluatedKey: ItemKey?) {
        self.items = items
        self.lastEvaluatedKey = lastEvaluatedKey
    }
}
