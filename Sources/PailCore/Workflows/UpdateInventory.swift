/// Keeps the inventory, quotas and folder totals in step with the store (the CRUD pattern): new, update, delete.
///
/// Idempotent and order-proof: an event older than the item (by `sequencer`) changes nothing, and a
/// create is applied only if the store still holds that very version, so a late create never brings
/// back a deleted file. Delete events carry no size: the size to subtract comes from the item.
struct UpdateInventory: Workflow {
    let name = WorkflowName.updateInventory
    let store: ObjectStore
    let inventory: Inventory

    func run(_ db: any SQL, event: EventEnvelope, execution: ExecutionRecorder, ledger: UsageLedger) throws -> JSONValue {
        guard let key = event.detail["object"]?["key"]?.stringValue,
            let sequencer = event.detail["object"]?["sequencer"]?.stringValue,
            let (user, path) = RemotePath.split(key: key), let itemKey = InventoryItems.fileKey(storeKey: key)
        else {
            throw PailError(.invalidArgument, "The event has no object key and sequencer")
        }
        let item = try execution.step("GetItem", input: ["PK": .string(user), "SK": .string(key)], describe: describeItem) {
            try inventory.getItem(db, itemKey)
        }
        if let applied = item?["Sequencer"]?.stringValue, applied >= sequencer {
            return skip(execution, "the inventory already has sequencer \(applied)")
        }
        let oldSize = item?["Size"]?.int64Value ?? 0
        switch event.detailType {
        case StoreEvents.objectCreated:
            let current = try execution.step("HeadObject", input: ["key": .string(key)], describe: describeObject) {
                try store.head(db, key: key)
            }
            guard let current, current.sequencer == sequencer else {
                return skip(execution, "the store has moved past sequencer \(sequencer)")
            }
            let newItem = InventoryItems.fileItem(current, user: user, path: path)
            try execution.step(item == nil ? "PutNewItem" : "UpdateItem", input: describeItem(newItem), describe: { _ in nil }) {
                _ = try inventory.putItem(db, newItem)
            }
            try updateQuota(db, user: user, by: current.size - oldSize, ledger: ledger, execution: execution)
            try updateFolderTotals(
                key: key, files: item == nil ? 1 : 0, bytes: current.size - oldSize, ledger: ledger, execution: execution)
        case StoreEvents.objectDeleted:
            guard item != nil else { return skip(execution, "no item to delete") }
            try execution.step("DeleteItem", input: ["PK": .string(user), "SK": .string(key)], describe: { _ in nil }) {
                _ = try inventory.deleteItem(db, itemKey)
            }
            try updateQuota(db, user: user, by: -oldSize, ledger: ledger, execution: execution)
            try updateFolderTotals(key: key, files: -1, bytes: -oldSize, ledger: ledger, execution: execution)
        default:
            throw PailError(.invalidArgument, "UpdateInventory does not handle '\(event.detailType)'")
        }
        return ["applied": true, "key": .string(key)]
    }

    /// The quota's `UpdateItem` (`ADD TotalSize`), applied in the batch's ledger and written once per user
    /// per batch; the step shows the item as this update leaves it.
    private func updateQuota(_ db: any SQL, user: String, by delta: Int64, ledger: UsageLedger, execution: ExecutionRecorder) throws {
        _ = try execution.step(
            "UpdateQuota", input: ["PK": .string(user), "ADD TotalSize": .number(Double(delta))],
            describe: { describeItem($0) }
        ) {
            try ledger.add(db, user: user, delta)
        }
    }

    /// The totals of the folders the file is in (`FolderTotals`): a new file adds itself, a deleted one takes
    /// itself away, an overwrite adds the difference in size; applied in the batch's ledger like the quota.
    private func updateFolderTotals(key: String, files: Int, bytes: Int64, ledger: UsageLedger, execution: ExecutionRecorder) throws {
        try execution.step(
            "UpdateFolderTotals",
            input: ["Key": .string(key), "ADD Files": .number(Double(files)), "ADD Bytes": .number(Double(bytes))],
            describe: { _ in nil }
        ) {
            ledger.addToFolders(ofKey: key, files: files, bytes: bytes)
        }
    }

    private func skip(_ execution: ExecutionRecorder, _ reason: String) -> JSONValue {
        let output: JSONValue = ["applied": false, "reason": .string(reason)]
        execution.pass("SkipStaleEvent", output)
        return output
    }
}

/// An inventory item as JSON for an execution's history.
func describeItem(_ item: Item?) -> JSONValue {
    guard let item else { return nil }
    return .object(
        item.mapValues { value in
            switch value {
            case .s(let text): return .string(text)
            case .n(let number): return .number(Double(number))
            case .bool(let flag): return .bool(flag)
            default: return .string(String(describing: value))
            }
        })
}

/// Object metadata as JSON for an execution's history.
func describeObject(_ object: ObjectMetadata?) -> JSONValue {
    guard let object else { return nil }
    return [
        "key": .string(object.key), "size": .number(Double(object.size)), "etag": .string(object.etag),
        "sequencer": .string(object.sequencer),
    ]
}
