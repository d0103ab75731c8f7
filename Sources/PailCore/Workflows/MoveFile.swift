import GRDB

/// MoveFile: find the source object(s), copy each to its new key, then delete the sources.
/// A folder moves as a whole. Quota is unchanged once both kinds of store events are applied: a moved
/// source is not kept as an old version (its bytes live on at the destination), while a destination it
/// replaces is. Writes made after the command was accepted win: a newer source is not moved, and a newer
/// destination is not overwritten (the source is still removed, as if the move had come first, and kept
/// as an old version).
struct MoveFile: Workflow {
    let name = WorkflowName.moveFile
    let store: ObjectStore

    func run(_ db: Database, event: EventEnvelope, execution: ExecutionRecorder, quotas _: QuotaLedger) throws -> JSONValue {
        guard let source = event.detail["source"]?.stringValue, let destination = event.detail["destination"]?.stringValue else {
            throw PailError(.invalidArgument, "The MoveFile command has no source and destination")
        }
        let asOf = try FileCommands.asOf(event)
        let objects = try findObjects(store, db, key: source, asOf: asOf, execution: execution)
        // A file added under the folder after the command was accepted may not fit the key limit at the
        // destination; it stays where it is.
        let pairs = objects.map { ($0.key, FileCommands.destination(of: $0.key, in: event, source: source, destination: destination)) }
            .filter { $0.1.utf8.count <= RemotePath.maxKeyBytes }
        let copies = try pairs.filter { try !FileCommands.isNewer(store.head(db, key: $0.1), than: asOf) }
        try execution.step(
            "CopyObjects", input: .array(copies.map { ["from": .string($0.0), "to": .string($0.1)] }),
            describe: { _ in .number(Double(copies.count)) }
        ) {
            for (from, to) in copies { try store.copy(db, from: from, to: to) }
        }
        // A copied source lives on at its destination; one that was not copied is kept as an old version.
        let copied = Set(copies.map(\.0))
        try execution.step("DeleteObjects", input: .array(pairs.map { .string($0.0) }), describe: { _ in nil }) {
            for (from, _) in pairs { try store.delete(db, key: from, keepVersion: !copied.contains(from)) }
        }
        return ["moved": .number(Double(pairs.count))]
    }
}
