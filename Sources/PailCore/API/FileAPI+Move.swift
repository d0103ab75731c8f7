import Foundation

/// The Move flow: a storage-first `MoveFile` command, checked for conflicts when it is accepted. What it
/// shares with the Copy flow (where the source goes, the conflict rules, overlapping commands) is here too.
extension FileAPI {
    /// Puts a `MoveFile` command on the `pail` bus and returns at once with its event id and where the
    /// source goes.
    /// A destination ending in `/` is a folder to move into (`mv a.txt docs/` → `docs/a.txt`,
    /// `mv photos archive/` → `archive/photos/…`); otherwise it is the new name. A folder moves as a whole.
    ///
    /// Nothing is replaced unasked: a file onto an existing file, or a folder's files onto same-named
    /// ones, is `Conflict` unless `onConflict` says to overwrite (the replaced file is kept as an old
    /// version) or to keep both (the moved file takes the name `name (2).ext`). A folder onto an existing
    /// folder is `Conflict` unless `merge`. A move whose source or destination overlaps a move or copy not
    /// yet applied is `Conflict` too, so that two commands never interleave (`mv A B` with `mv B A`).
    public func move(
        user: String, from source: RemotePath, to destination: RemotePath, onConflict: ConflictChoice = .refuse, merge: Bool = false
    ) throws -> AcceptedMove {
        let placed = try relocate(.move, user: user, from: source, to: destination, recursive: true, onConflict: onConflict, merge: merge) {
            _, placement, asOf in
            FileCommands.move(
                source: placement.source, destination: placement.target, renames: placement.renames, asOf: asOf, time: clock.now(),
                region: presigner.credentials.region)
        }
        return AcceptedMove(eventId: placed.eventId, source: placed.source, destination: placed.destination)
    }

    /// Where a move or a copy of `source` takes it, checked as `move` says, then the command `make` builds
    /// from that placement, published in the same transaction (`make` may read the store and refuse).
    /// A copy onto itself with `keepBoth` is a duplicate beside it (`a (2).txt`, `docs (2)/`).
    /// Returns the command's event id and the source and destination as the user names them.
    func relocate(
        _ kind: Relocation, user: String, from source: RemotePath, to destination: RemotePath, recursive: Bool,
        onConflict: ConflictChoice, merge: Bool, command make: (any SQL, Placement, _ asOf: String) throws -> EventEnvelope
    ) throws -> (eventId: String, source: RemotePath, destination: RemotePath) {
        let sourceKey = try fileKey(user: user, source)
        let (resolvedSource, longestSource) = try database.read { db in
            let resolved = try resolve(db, user: user, path: source, key: sourceKey, recursive: recursive, verb: kind.verb)
            return (resolved, resolved.endsWithSlash ? try store.longestKeyLength(db, prefix: resolved) : resolved.utf8.count)
        }
        let isFolder = resolvedSource.endsWithSlash
        var target = destination.key(for: user) + (destination.isFolder ? source.name : "") + (isFolder ? "/" : "")
        let duplicate = kind == .copy && onConflict == .keepBoth && target == resolvedSource
        if isFolder, !duplicate, target.hasKeyPrefix(resolvedSource) {
            throw PailError(.invalidArgument, "Cannot \(kind.verb) \(source) into itself (\(destination))")
        }
        try RemotePath.validate(key: target)
        guard target != resolvedSource || duplicate else {
            let hint = kind == .copy ? " (--keep-both copies it beside itself)" : ""
            throw PailError(.invalidArgument, "\(source) and \(destination) are the same\(hint)")
        }
        func checkLength(_ target: String) throws {
            let longestTarget = target.utf8.count + longestSource - resolvedSource.utf8.count
            guard longestTarget <= RemotePath.maxKeyBytes else {
                throw PailError(
                    .invalidArgument,
                    "\(kind.gerund) \(source) to \(destination) would make a key of \(longestTarget) bytes; keys are limited to \(RemotePath.maxKeyBytes)"
                )
            }
        }
        try checkLength(target)
        let shown = { (key: String) in RemotePath.path(ofKey: key, user: user) ?? key }
        let id = try command { db, asOf in
            var renames: [String: String] = [:]
            if isFolder, duplicate {
                target = try freeFolderName(db, for: target)
                try checkLength(target)
            } else if isFolder {
                renames = try folderClashes(
                    db, kind, source: resolvedSource, target: target, onConflict: onConflict, merge: merge, shown: shown)
            } else if try store.head(db, key: target) != nil {
                switch onConflict {
                case .refuse:
                    throw PailError(
                        .conflict,
                        "\(shown(target)) already exists: --overwrite replaces it (keeping it as an old version), --keep-both gives the \(kind.participle) file a new name"
                    )
                case .overwrite: break
                case .keepBoth: target = try freeName(db, for: target, besides: [])
                case .skip:
                    throw PailError(.invalidArgument, "A \(kind.verb) cannot skip its only file: choose to overwrite or keep both")
                }
            } else if try store.hasObjects(db, under: target + "/") {
                throw PailError(.conflict, "\(shown(target)) is a folder: to \(kind.verb) \(source) into it, write \(shown(target))/")
            }
            try refuseOverlappingCommands(db, kind, source: resolvedSource, destination: target, shown: shown)
            return try make(db, Placement(source: resolvedSource, target: target, renames: renames), asOf)
        }
        return (id, try RemotePath(shown(resolvedSource)), try RemotePath(shown(target)))
    }

    /// For a folder moved or copied onto an existing one: `Conflict` unless `merge`; then the files whose
    /// names are taken are refused, overwritten, or given free names (returned as source key → new key).
    private func folderClashes(
        _ db: any SQL, _ kind: Relocation, source: String, target: String, onConflict: ConflictChoice, merge: Bool,
        shown: (String) -> String
    ) throws -> [String: String] {
        guard try store.hasObjects(db, under: target) else { return [:] }
        guard merge else {
            throw PailError(.conflict, "\(shown(target)) already exists: --merge \(kind.verbs) the files of \(shown(source)) into it")
        }
        let clashes = try store.list(db, prefix: source).map { ($0.key, target + ($0.key.removingKeyPrefix(source) ?? "")) }
            .filter { try store.head(db, key: $0.1) != nil }
        guard let first = clashes.first else { return [:] }
        switch onConflict {
        case .refuse:
            throw PailError(
                .conflict,
                "\(Plural.count(clashes.count, "file")) of \(shown(source)) \(clashes.count == 1 ? "has the name of a file" : "have the names of files") in \(shown(target)) (\(shown(first.1)) first): --overwrite or --keep-both"
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
    func freeName(_ db: any SQL, for key: String, besides: Set<String>) throws -> String {
        let name = try ConflictChoice.keepBothName(for: key) { try besides.contains($0) || store.head(db, key: $0) != nil }
        try RemotePath.validate(key: name)
        return name
    }

    /// `name (N)/` for the folder key `folder`, a name that neither a file nor a folder has.
    private func freeFolderName(_ db: any SQL, for folder: String) throws -> String {
        let name = try ConflictChoice.keepBothName(for: String(folder.dropLast())) {
            try store.head(db, key: $0) != nil || store.hasObjects(db, under: $0 + "/")
        }
        try RemotePath.validate(key: name)
        return name + "/"
    }

    /// `Conflict` if a move or copy not yet applied overlaps this one where either of them writes: a move
    /// writes its source (it goes) and its destination, a copy only its destination (two copies of one
    /// source do not clash).
    private func refuseOverlappingCommands(
        _ db: any SQL, _ kind: Relocation, source: String, destination: String, shown: (String) -> String
    ) throws {
        func overlap(_ a: String, _ b: String) -> Bool {
            a == b || (a.endsWithSlash && b.hasKeyPrefix(a)) || (b.endsWithSlash && a.hasKeyPrefix(b))
        }
        let mine = (all: [source, destination], written: kind == .move ? [source, destination] : [destination])
        for theirKind in [Relocation.move, .copy] {
            for pending in try bus.live(db, target: theirKind.workflow) {
                let (from, to) = (pending.event.detail["source"]?.stringValue, pending.event.detail["destination"]?.stringValue)
                let all = [from, to].compactMap { $0 }
                let written = theirKind == .move ? all : [to].compactMap { $0 }
                let clash =
                    mine.written.first { mine in all.contains { overlap(mine, $0) } }
                    ?? mine.all.first { mine in written.contains { overlap(mine, $0) } }
                if let clash {
                    throw PailError(
                        .conflict,
                        "\(shown(clash)) is part of a \(theirKind.verb) that is not applied yet (event \(pending.event.id)); try again once it is (`pail wait`)"
                    )
                }
            }
        }
    }
}

/// What a command that relocates files does with its source: a move takes it away, a copy leaves it.
enum Relocation {
    case move, copy

    var verb: String { self == .move ? "move" : "copy" }
    var verbs: String { self == .move ? "moves" : "copies" }
    var participle: String { self == .move ? "moved" : "copied" }
    var gerund: String { self == .move ? "Moving" : "Copying" }
    var workflow: String { self == .move ? WorkflowName.moveFile : WorkflowName.copyFile }
}

/// Where a move or copy goes, as accepted: the source key (a folder's ends in `/`), the target key, and
/// the folder's files that take other names than the folder's (names kept both ways in a merge).
struct Placement {
    let source: String
    let target: String
    let renames: [String: String]

    /// Where the file `key` of the source goes.
    func target(of key: String) -> String { FileCommands.destination(of: key, source: source, destination: target, renamed: renames[key]) }
}

/// A move the API accepted: its command's event id, and what goes where (folders end in `/`; a name
/// kept both ways is the new one).
public struct AcceptedMove: Sendable, Equatable {
    public let eventId: String
    public let source: RemotePath
    public let destination: RemotePath
}

/// A delete the API accepted: its command's event id, and the file or folder (ending in `/`) it deletes.
public struct AcceptedDelete: Sendable, Equatable {
    public let eventId: String
    public let path: RemotePath
}
