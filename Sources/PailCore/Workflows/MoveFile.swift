/// MoveFile: find the source object(s), copy each to its new key (CopyFile's steps), then delete the sources.
/// A folder moves as a whole. Quota is unchanged once both kinds of store events are applied: a moved
/// source is not kept as an old version (its bytes live on at the destination), while a destination it
/// replaces is. Writes made after the command was accepted win: a newer source is not moved, and a newer
/// destination is not overwritten (the source is still removed, as if the move had come first, and kept
/// as an old version).
struct MoveFile: Workflow {
    let name = WorkflowName.moveFile
    let store: ObjectStore

    func run(_ db: any SQL, event: EventEnvelope, execution: ExecutionRecorder, ledger _: UsageLedger) throws -> JSONValue {
        let (pairs, copied) = try CopyFile.copyObjects(store, db, event: event, execution: execution, checkingQuota: false)
        // A copied source lives on at its destination; one that was not copied is kept as an old version.
        try execution.step("DeleteObjects", input: .array(pairs.map { .string($0.0) }), describe: { _ in nil }) {
            for (from, _) in pairs { try store.delete(db, key: from, keepVersion: !copied.contains(from)) }
        }
        return ["moved": .number(Double(pairs.count))]
    }
}
