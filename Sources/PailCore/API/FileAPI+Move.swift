import Foundation
import GRDB

/// The Move flow: a storage-first `MoveFile` command, checked for conflicts when it is accepted.
extension FileAPI {
    /// Puts a `MoveFile` command on the `pail` bus and returns at once with its event id and where the
    /// source goes.
    /// A destination ending in `/` is a folder to move into (`mv a.txt docs/` → `docs/a.txt`,
    /// `mv photos archive/` → `archive/photos/…`); otherwise it is the new name. A folder moves as a whole.
    ///
    /// Nothing is replaced unasked: a file onto an existing file, or a folder's files onto same-named
    /// ones, is `Conflict` unless `onConflict` says to overwrite (the replaced file is kept as an old
    /// version) or to keep both (the moved file takes the name `name (2).ext`). A folder onto an existing
    /// folder is `Conflict` unless `merge`. A move whose source or destination overlaps a move not yet
    /// applied is `Conflict` too, so that two moves never interleave (`mv A B` with `mv B A`).
    public func move(
        user: String, from source: RemotePath, to destination: RemotePath, onConflict: ConflictChoice = .refuse, merge: Bool = false
    ) throws -> AcceptedMove {
        let sourceKey = try fileKey(user: user, source)
        let (resolvedSource, longestSource) = try database.pailRead { db in
            let resolved = try resolve(db, user: user, path: source, key: sourceKey, recursive: true, verb: "move")
            return (resolved, resolved.endsWithSlash ? try store.longestKeyLength(db, prefix: resolved) : resolved.utf8.count)
        }
        var target = destination.key(for: user) + (destination.isFolder ? source.name : "")
        if resolvedSource.endsWithSlash {
            target += "/"
            if target.hasKeyPrefix(resolvedSource) {
                throw PailError(.invalidArgument, "Cannot move \(source) into itself (\(destination))")
            }
        }
        try RemotePath.validate(key: target)
        guard target != resolvedSource else {
            throw PailError(.invalidArgument, "\(source) and \(destination) are the same")
        }
        let longestTarget = target.utf8.count + longestSource - resolvedSource.utf8.count
        guard longestTarget <= RemotePath.maxKeyBytes else {
            throw PailError(
                .invalidArgument,
                "Moving \(source) to \(destination) would make a key of \(longestTarget) bytes; keys are limited to \(RemotePath.maxKeyBytes)"
            )
        }
        let shown = { (key: String) in RemotePath.path(ofKey: key, user: user) ?? key }
        var finalTarget = target
        let id = try command { db, asOf in
            try refuseOverlappingMoves(db, source: resolvedSource, destination: target, shown: shown)
            var renames: [String: String] = [:]
            if resolvedSource.endsWithSlash {
                renames = try folderClashes(db, source: resolvedSource, target: target, onConflict: onConflict, merge: merge, shown: shown)
            } else if try store.head(db, key: target) != nil {
                switch onConflict {
                case .refuse:
                    throw PailError(
                        .conflict,
                        "\(shown(target)) already exists: --overwrite replaces it (keeping it as an old version), --keep-both gives the moved file a new name"
                    )
                case .overwrite: break
                case .keepBoth: finalTarget = try freeName(db, for: target, besides: [])
                case .skip: throw PailError(.invalidArgument, "A move cannot skip its only file: choose to overwrite or keep both")
                }
            } else if try store.hasObjects(db, under: target + "/") {
                throw PailError(.conflict, "\(shown(target)) is a folder: to move \(source) into it, write \(shown(target))/")
            }
            return FileCommands.move(
                source: resolvedSource, destination: finalTarget, renames: renames, asOf: asOf, time: clock.now(),
                region: presigner.credentials.region)
        }
        return AcceptedMove(eventId: id, source: try RemotePath(shown(resolvedSource)), destination: try RemotePath(shown(finalTarget)))
    }

    /// For a folder moved onto an existing one: `Conflict` unless `merge`; then the files whose names
    /// are taken are refused, overwritten, or given free names (returned as source key → new key).
    private func folderClashes(
        _ db: Database, source: String, target: String, onConflict: ConflictChoice, merge: Bool, shown: (String) -> String
    ) throws -> [String: String] {
        guard try store.hasObjects(db, under: target) else { return [:] }
        guard merge else {
            throw PailError(.conflict, "\(shown(target)) already exists: --merge moves the files of \(shown(source)) into it")
        }
        let clashes = try store.list(db, prefix: source).map { ($0.key, target + ($0.key.removingKeyPrefix(source) ?? "")) }
            .filter { try store.head(db, key: $0.1) != nil }
        guard let first = clashes.first else { return [:] }
        switch onConflict {
        case .refuse:
            throw PailError(
                .conflict,
                "\(clashes.count) file(s) of \(shown(source)) have the names of files in \(shown(target)) (\(shown(first.1)) first): --overwrite or --keep-both"
            )
        case .overwrite:
            return [:]
        case .skip:
            throw PailError(.invalidArgument, "A merge cannot skip files: choose to overwrite or keep both")
        case .keepBoth:
            var renames: [String: String] = [:]
            for (from, to) in clashes { renames[from] = try freeName(db, for: to, besides: Set(renames.values)) }
            return renames
        }
    }

    /// `name (N).ext` for `key`, free in the store and not among `besides`.
    func freeName(_ db: Database, for key: String, besides: Set<String>) throws -> String {
        let name = try ConflictChoice.keepBothName(for: key) { try besides.contains($0) || store.head(db, key: $0) != nil }
        try RemotePath.validate(key: name)
        return name
    }

    /// `Conflict` if a move not yet applied has a source or destination that overlaps this one's.
    private func refuseOverlappingMoves(_ db: Database, source: String, destination: String, shown: (String) -> String) throws {
        func overlap(_ a: String, _ b: String) -> Bool {
            a == b || (a.endsWithSlash && b.hasKeyPrefix(a)) || (b.endsWithSlash && a.hasKeyPrefix(b))
        }
        for pending in try bus.live(db, target: WorkflowName.moveFile) {
            let theirs = [pending.event.detail["source"]?.stringValue, pending.event.detail["destination"]?.stringValue].compactMap { $0 }
            if let clash = [source, destination].first(where: { mine in theirs.contains { overlap(mine, $0) } }) {
                throw PailError(
                    .conflict,
                    "\(shown(clash)) is part of a move that is not applied yet (event \(pending.event.id)); try again once it is (`pail wait`)"
                )
            }
        }
    }
}

/// A move the API accepted: its command's event id, and what goes where (folders end in `/`; a name
/// kept both ways is the new one).
public struct AcceptedMove: Sendable, Equatable {
    public let eventId: String
    public let source: RemotePath
    public let destination: RemotePath
}
