import Foundation

/// Reconciles the store, the inventory, the quotas, the folder totals and the blob files; every disagreement
/// is a line.
///
/// Run after draining the buses: then the inventory must list exactly the store's objects with their
/// sizes and ETags, each user's `Quota` must be the sum of their sizes, each folder's total the count and sum
/// of the files under it (whatever is in flight: both change in one transaction), and every blob on disk must
/// belong to an object, a kept version or a part of an incomplete multipart upload (parts are not
/// objects: the inventory never lists them and the store's usage leaves them out). Other processes may
/// be at work meanwhile, and what they have in flight is not damage: a key whose store event is still
/// on its way to the inventory, a blob named under `blobs/` by a writer that has not committed yet (its
/// `tmp/` name is locked), a blob released by a commit and not yet removed.
public struct ConsistencyCheck: Sendable {
    let engine: Engine

    public init(engine: Engine) { self.engine = engine }

    /// The differences found (empty when all agree).
    public func run() throws -> [String] {
        var differences: [String] = []
        let before = try engine.read { db in
            let users = Set(try engine.users.list(db).map(\.name))
                .union(try db.fetchAll(String.self, "SELECT user FROM store_usage"))
            let inFlight = Set(try engine.bus.live(db, target: WorkflowName.updateInventory).compactMap(\.event.subjectKey))
            for user in users.sorted() {
                differences += try compare(db, user: user, skipping: inFlight)
            }
            let dead = try engine.bus.deadCount(db)
            if dead > 0 {
                differences.append(
                    "\(Plural.count(dead, "dead-lettered event")) \(dead == 1 ? "was" : "were") never applied (see `pail events`, redrive with `pail events --redrive`)"
                )
            }
            return try BlobUse(db)
        }
        // Read, list, read again. A blob committed or released while the disk was listed is in one of the
        // reads. A blob listed but not committed is asked for its writer before the second read: a writer
        // that has let go by then has committed before that read.
        let blobs = engine.store.blobs
        let onDisk = try blobs.list()
        let unreferenced = onDisk.subtracting(before.held).subtracting(before.released)
        let writing = unreferenced.intersection(try blobs.liveWrites())
        let after = try engine.read(BlobUse.init)
        let stray = unreferenced.subtracting(writing).subtracting(after.held).subtracting(after.released)
        for blob in try stray.sorted().filter({ try blobs.exists($0) }) {
            differences.append("stray blob file \(blob): no object refers to it")
        }
        for blob in before.held.intersection(after.held).subtracting(onDisk).sorted() {
            differences.append("missing blob file \(blob): \(after.parts[blob] ?? "an object") refers to it")
        }
        return differences
    }

    /// The blobs the store holds (objects, kept versions and parts) and those it has released but not yet removed.
    private struct BlobUse {
        let held: Set<String>
        /// The blobs of the parts of incomplete uploads, each with which part it is.
        let parts: [String: String]
        let released: Set<String>

        init(_ db: any SQL) throws {
            var parts: [String: String] = [:]
            try db.forEachRow(
                "SELECT p.blob, p.part_number, u.upload_id, u.key FROM multipart_parts p JOIN multipart_uploads u USING (upload_id)", []
            ) { row in
                let part: Int = row["part_number"], upload: String = row["upload_id"], key: String = row["key"]
                let blob: String = row["blob"]
                if parts[blob] == nil { parts[blob] = "part \(part) of the multipart upload \(upload) to \(key)" }
                return true
            }
            self.parts = parts
            held = Set(
                try db.fetchAll(
                    String.self,
                    """
                    SELECT blob FROM objects UNION SELECT blob FROM object_versions WHERE blob IS NOT NULL
                    """)
            ).union(parts.keys)
            released = Set(try db.fetchAll(String.self, "SELECT blob FROM blob_garbage"))
        }
    }

    /// One user's store, inventory and quotas compared; keys in `inFlight` have a store event on its way
    /// to the inventory, which may lag behind the store for them until it is applied.
    private func compare(_ db: any SQL, user: String, skipping inFlight: Set<String>) throws -> [String] {
        var differences: [String] = []
        let objects = Dictionary(uniqueKeysWithValues: try engine.store.list(db, prefix: "\(user)/").map { ($0.key, $0) })
        var items: [String: Item] = [:]
        var start: ItemKey?
        repeat {
            let page = try engine.inventory.query(db, pk: user, skBeginsWith: "\(user)/", limit: 5000, exclusiveStartKey: start)
            for item in page.items { if let key = item["SK"]?.stringValue { items[key] = item } }
            start = page.lastEvaluatedKey
        } while start != nil
        for (key, object) in objects.sorted(by: { $0.key < $1.key }) where !inFlight.contains(key) {
            guard let item = items[key] else {
                differences.append("\(key): in the store but not in the inventory")
                continue
            }
            if item["Size"]?.int64Value != object.size || item["ETag"]?.stringValue != object.etag {
                differences.append(
                    "\(key): the store has \(object.size) bytes, ETag \(object.etag); the inventory says \(item["Size"]?.int64Value ?? -1) bytes, ETag \(item["ETag"]?.stringValue ?? "none")"
                )
            }
        }
        for key in items.keys.sorted() where objects[key] == nil && !inFlight.contains(key) {
            differences.append("\(key): in the inventory but not in the store")
        }
        let itemTotal = items.values.reduce(Int64(0)) { $0 + ($1["Size"]?.int64Value ?? 0) }
        let storeTotal = objects.values.reduce(Int64(0)) { $0 + $1.size }
        let quota = try engine.inventory.getItem(db, InventoryItems.quotaKey(user: user))?["TotalSize"]?.int64Value ?? 0
        if quota != itemTotal {
            differences.append("\(user): the Quota item says \(quota) bytes; the inventory's files add up to \(itemTotal)")
        }
        differences += try compareFolderTotals(db, user: user, items: items)
        let kept =
            try db.fetchOne(
                Int64.self, "SELECT COALESCE(SUM(size), 0) FROM object_versions WHERE key >= ? AND key < CAST(? AS TEXT)",
                ["\(user)/", PrefixRange.upperBound(of: "\(user)/")]) ?? 0
        let usage = try engine.store.usage(db, user: user)
        if usage != storeTotal + kept {
            differences.append("\(user): the store counts \(usage) bytes; its objects and old versions add up to \(storeTotal + kept)")
        }
        let noncurrent = try engine.store.noncurrentUsage(db, user: user)
        if noncurrent != kept {
            differences.append("\(user): the store counts \(noncurrent) bytes in old versions; they add up to \(kept)")
        }
        return differences
    }

    /// The user's folder totals against what the inventory's files under each folder add up to.
    private func compareFolderTotals(_ db: any SQL, user: String, items: [String: Item]) throws -> [String] {
        var expected = FolderTally()
        for (key, item) in items { expected.add(key: key, files: 1, bytes: item["Size"]?.int64Value ?? 0) }
        let recorded = try FolderTotals.all(db, pk: user)
        func describe(_ total: FolderTotal?) -> String {
            total.map { "\(Plural.count($0.files, "file")), \(Plural.count($0.bytes, "byte"))" } ?? "nothing"
        }
        return Set(expected.totals.keys).union(recorded.keys).sorted().compactMap { folder in
            let files = expected.totals[folder], total = recorded[folder]
            guard files != total else { return nil }
            return "\(folder): the folder total says \(describe(total)); the files under it add up to \(describe(files))"
        }
    }
}
