import Foundation

/// The Copy flow: a storage-first `CopyFile` command, checked for conflicts and for the quota when it is
/// accepted, applied by the CopyFile workflow (server-side copies: no byte is read or written again).
extension FileAPI {
    /// Puts a `CopyFile` command on the `pail` bus and returns at once with its event id, where the copy
    /// goes, and how many files and bytes it copies.
    ///
    /// The destination reads as a move's (`cp a.txt docs/` → `docs/a.txt`), and the same conflict rules
    /// hold (`onConflict`, `merge`; a replaced file is kept as an old version). A folder needs `recursive`
    /// and is copied as a whole; a copy into itself is refused. A copy onto itself with `keepBoth` makes a
    /// duplicate beside it (`a (2).txt`, `docs (2)/`). The copy must fit the user's quota, all of it,
    /// with the copies accepted but not applied yet (`QuotaExceeded`, and nothing is copied); the
    /// workflow checks again before it copies anything.
    public func copy(
        user: String, from source: RemotePath, to destination: RemotePath, recursive: Bool = false,
        onConflict: ConflictChoice = .refuse, merge: Bool = false
    ) throws -> AcceptedCopy {
        var counted = (files: 0, bytes: Int64(0))
        let placed = try relocate(
            .copy, user: user, from: source, to: destination, recursive: recursive, onConflict: onConflict, merge: merge
        ) { db, placement, asOf in
            let sources =
                placement.source.endsWithSlash
                ? try store.list(db, prefix: placement.source) : try store.head(db, key: placement.source).map { [$0] } ?? []
            let copies = sources.map { (source: $0, target: placement.target(of: $0.key)) }
            counted = (copies.count, copies.reduce(0) { $0 + $1.source.size })
            try store.checkRoom(
                db, user: user, copying: copies, reserved: try reservedByCopies(db, user: user),
                what: RemotePath.path(ofKey: placement.source, user: user) ?? placement.source)
            return FileCommands.copy(
                source: placement.source, destination: placement.target, renames: placement.renames, size: counted.bytes, asOf: asOf,
                time: clock.now(), region: presigner.credentials.region)
        }
        return AcceptedCopy(
            eventId: placed.eventId, source: placed.source, destination: placed.destination, files: counted.files, bytes: counted.bytes)
    }

    /// A delete, move or copy command while it waits to be applied (held for the consistency delay, or
    /// retrying after a failure, with its last error); nil once it is applied, or dead-lettered (`pail events`
    /// shows it).
    public func pendingCommand(eventId: String) throws -> Delivery? {
        try database.read { db in
            for target in [WorkflowName.deleteFile, WorkflowName.moveFile, WorkflowName.copyFile] {
                if let pending = try bus.live(db, target: target).first(where: { $0.event.id == eventId }) { return pending }
            }
            return nil
        }
    }

    /// The bytes of the user's copies accepted but not applied yet (dead letters aside): room they will take.
    private func reservedByCopies(_ db: any SQL, user: String) throws -> Int64 {
        try bus.live(db, target: WorkflowName.copyFile).reduce(0) { total, pending in
            guard pending.event.detail["source"]?.stringValue?.hasKeyPrefix("\(user)/") == true else { return total }
            return total + (pending.event.detail[FileCommands.sizeField]?.int64Value ?? 0)
        }
    }
}

/// A copy the API accepted: its command's event id, what goes where (folders end in `/`; a name kept both
/// ways is the new one), and how many files and bytes it copies.
public struct AcceptedCopy: Sendable, Equatable {
    public let eventId: String
    public let source: RemotePath
    public let destination: RemotePath
    public let files: Int
    public let bytes: Int64
}
