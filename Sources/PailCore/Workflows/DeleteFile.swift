/// DeleteFile: find the object (or the folder's objects) in the store, delete them.
/// The store's `Object Deleted` events then let UpdateInventory remove the items.
/// Running it twice is harmless: the second run finds nothing. Files written after the command was
/// accepted are left alone.
struct DeleteFile: Workflow {
    let name = WorkflowName.deleteFile
    let store: ObjectStore

    func run(_ db: any SQL, event: EventEnvelope, execution: ExecutionRecorder, ledger _: UsageLedger) throws -> JSONValue {
        guard let key = event.detail["key"]?.stringValue else {
            throw PailError(.invalidArgument, "The DeleteFile command has no key")
        }
        let asOf = try FileCommands.asOf(event)
        let objects = try findObjects(store, db, key: key, asOf: asOf, execution: execution)
        let deleted = try execution.step(
            "DeleteObjects", input: .array(objects.map { .string($0.key) }), describe: { .number(Double($0)) }
        ) {
            try objects.reduce(0) { count, object in try store.delete(db, key: object.key) ? count + 1 : count }
        }
        return ["deleted": .number(Double(deleted))]
    }
}
