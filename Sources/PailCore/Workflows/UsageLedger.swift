/// The space used as one delivery batch changes it: the users' quota items and the folder totals. Each user's
/// item is read once, the `ADD TotalSize` of every run is applied to it in memory, and it is written once when
/// the batch ends (`write`), in the batch's transaction, so the quota still commits with the events that changed
/// it. Folder totals are folded the same way: each run's changes are summed by folder, and each folder's row is
/// updated once.
///
/// A run's additions count only if the run succeeds (`applying`): a run that fails, and rolls back its
/// savepoint, leaves the ledger as it found it. Each addition answers the item as it stands after it, so an
/// execution's `UpdateQuota` step shows what an `UpdateItem` of its own would have returned. Only
/// `UpdateInventory` writes quota items and folder totals, and only through this ledger, while a batch runs.
final class UsageLedger {
    private let inventory: Inventory
    /// The items as the batch's succeeded runs left them.
    private var settled: [String: Item] = [:]
    /// The items as the running run has them.
    private var pending: [String: Item] = [:]
    /// The folder totals' changes of the batch's succeeded runs, and of the running run.
    private var settledFolders = FolderTally()
    private var pendingFolders = FolderTally()

    init(inventory: Inventory) {
        self.inventory = inventory
    }

    /// Adds `delta` to the user's `TotalSize` (creating the item if there is none); returns the item.
    func add(_ db: any SQL, user: String, _ delta: Int64) throws -> Item {
        let key = InventoryItems.quotaKey(user: user)
        var item = try pending[user] ?? settled[user] ?? inventory.getItem(db, key) ?? ["PK": .s(key.pk), "SK": .s(key.sk)]
        try Inventory.add(delta, to: "TotalSize", of: &item)
        pending[user] = item
        return item
    }

    /// Adds a file's change to the totals of every folder its store key lies in: `files` 1 for a new file, -1
    /// for one gone, 0 for an overwrite (whose `bytes` is the difference).
    func addToFolders(ofKey key: String, files: Int, bytes: Int64) {
        pendingFolders.add(key: key, files: files, bytes: bytes)
    }

    /// Runs one workflow: its additions are kept if it returns, and dropped if it throws.
    func applying<T>(_ body: () throws -> T) rethrows -> T {
        defer {
            pending = [:]
            pendingFolders = FolderTally()
        }
        let result = try body()
        settled.merge(pending) { _, new in new }
        settledFolders.add(pendingFolders)
        return result
    }

    /// Writes the items the batch changed, one write per user, and the folder totals, one update per folder.
    func write(_ db: any SQL) throws {
        for item in settled.values { try inventory.putItem(db, item) }
        try FolderTotals.add(db, settledFolders)
    }
}
