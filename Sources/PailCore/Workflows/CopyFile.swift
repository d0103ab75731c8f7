/// CopyFile: find the source object(s), check that their copies fit the user's quota as a whole, then
/// copy each to its new key. A folder copies as a whole, or (over the quota) not at all.
///
/// Copies are the store's CopyObject: the blob is shared (no byte is read or written again), the stored
/// headers are kept, and `Object Created` with reason `CopyObject` lets UpdateInventory list the copy.
/// Writes made after the command was accepted win: a newer source is not copied, and a newer destination
/// is not overwritten, so a second run of the same command copies nothing. A destination the copy
/// replaces is kept as an old version (if its user keeps versions), as an upload's is.
struct CopyFile: Workflow {
    let name = WorkflowName.copyFile
    let store: ObjectStore

    func run(_ db: any SQL, event: EventEnvelope, execution: ExecutionRecorder, ledger _: UsageLedger) throws -> JSONValue {
        let copied = try Self.copyObjects(store, db, event: event, execution: execution, checkingQuota: true).copied
        return ["copied": .number(Double(copied.count))]
    }

    /// The steps a copy and a move share: `FindObjects` (the sources, as written up to the command), then
    /// `CopyObjects` (each to its destination, unless the destination was written after the command).
    /// With `checkingQuota`, a `CheckQuota` step between them refuses copies that would take the user over
    /// their limit, all of them together (a move needs none: its sources go).
    /// Returns every source found with its destination, and the sources copied.
    static func copyObjects(
        _ store: ObjectStore, _ db: any SQL, event: EventEnvelope, execution: ExecutionRecorder, checkingQuota: Bool
    ) throws -> (pairs: [(from: String, to: String)], copied: Set<String>) {
        guard let source = event.detail["source"]?.stringValue, let destination = event.detail["destination"]?.stringValue else {
            throw PailError(.invalidArgument, "The \(event.detailType) command has no source and destination")
        }
        let asOf = try FileCommands.asOf(event)
        let objects = try findObjects(store, db, key: source, asOf: asOf, execution: execution)
        // A file added under the folder after the command was accepted may not fit the key limit at the
        // destination; it stays where it is.
        let pairs = objects.map { ($0, FileCommands.destination(of: $0.key, in: event, source: source, destination: destination)) }
            .filter { $0.1.utf8.count <= RemotePath.maxKeyBytes }
        let copies = try pairs.filter { try !FileCommands.isNewer(store.head(db, key: $0.1), than: asOf) }
        if checkingQuota, let user = RemotePath.split(key: source)?.user {
            let size = copies.reduce(Int64(0)) { $0 + $1.0.size }
            try execution.step("CheckQuota", input: ["user": .string(user), "size": .number(Double(size))], describe: { _ in nil }) {
                try store.checkRoom(
                    db, user: user, copying: copies.map { (source: $0.0, target: $0.1) },
                    what: RemotePath.path(ofKey: source, user: user) ?? source)
            }
        }
        try execution.step(
            "CopyObjects", input: .array(copies.map { ["from": .string($0.0.key), "to": .string($0.1)] }),
            describe: { _ in .number(Double(copies.count)) }
        ) {
            for (from, to) in copies { try store.copy(db, from: from.key, to: to) }
        }
        return (pairs.map { ($0.0.key, $0.1) }, Set(copies.map(\.0.key)))
    }
}
