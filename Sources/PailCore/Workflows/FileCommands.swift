import Foundation

/// The application commands on the `pail` bus (storage-first: the API publishes, a workflow acts).
///
/// A command carries `as-of-sequencer`, the store's latest sequencer when it was accepted: it acts only on
/// writes up to then, so a file written after the answer (`rm x` then a new `x`) is not undone when the
/// command is applied later.
enum FileCommands {
    static let source = "pail.api"
    static let deleteFile = "DeleteFile"
    static let moveFile = "MoveFile"
    static let copyFile = "CopyFile"
    static let asOfField = "as-of-sequencer"

    /// Delete a file (`key`) or a whole folder (`key` ending in `/`), as written up to `asOf`.
    static func delete(key: String, asOf: String, time: Date, region: String) -> EventEnvelope {
        EventEnvelope(
            detailType: deleteFile, source: source, time: time, region: region,
            detail: ["key": .string(key), asOfField: .string(asOf)])
    }

    /// Move a file or a whole folder (`source` ending in `/`, then `destination` ends in `/` too), as written up to `asOf`.
    /// `renames` gives some of a folder's files other keys than the folder's (names kept both ways in a merge).
    static func move(
        source sourceKey: String, destination: String, renames: [String: String] = [:], asOf: String, time: Date, region: String
    ) -> EventEnvelope {
        EventEnvelope(
            detailType: moveFile, source: source, time: time, region: region,
            detail: .object(relocation(source: sourceKey, destination: destination, renames: renames, asOf: asOf)))
    }

    /// Copy a file or a whole folder as `move` moves it, as written up to `asOf`; `size` is the bytes it
    /// was accepted for (what copies not applied yet hold of the user's quota).
    static func copy(
        source sourceKey: String, destination: String, renames: [String: String] = [:], size: Int64, asOf: String, time: Date,
        region: String
    ) -> EventEnvelope {
        var detail = relocation(source: sourceKey, destination: destination, renames: renames, asOf: asOf)
        detail[sizeField] = .number(Double(size))
        return EventEnvelope(detailType: copyFile, source: source, time: time, region: region, detail: .object(detail))
    }

    /// The detail a move and a copy share.
    private static func relocation(source: String, destination: String, renames: [String: String], asOf: String) -> [String: JSONValue] {
        var detail: [String: JSONValue] = ["source": .string(source), "destination": .string(destination), asOfField: .string(asOf)]
        if !renames.isEmpty { detail[renamesField] = .object(renames.mapValues { .string($0) }) }
        return detail
    }

    static let renamesField = "renames"
    static let sizeField = "size"

    /// Where a move or copy sends `key`: its entry in `renames`, or the destination folder plus its path in the source.
    static func destination(of key: String, in event: EventEnvelope, source: String, destination: String) -> String {
        self.destination(of: key, source: source, destination: destination, renamed: event.detail[renamesField]?[key]?.stringValue)
    }

    /// `key`'s new name if it was `renamed`, else the destination plus its path in the source.
    static func destination(of key: String, source: String, destination: String, renamed: String?) -> String {
        renamed ?? destination + (key.removingKeyPrefix(source) ?? "")
    }

    /// The store sequencer a command was accepted at.
    static func asOf(_ event: EventEnvelope) throws -> String {
        guard let asOf = event.detail[asOfField]?.stringValue else {
            throw PailError(.invalidArgument, "The \(event.detailType) command has no \(asOfField)")
        }
        return asOf
    }

    /// Whether `object` was written after a command accepted at `asOf`.
    static func isNewer(_ object: ObjectMetadata?, than asOf: String) -> Bool {
        guard let object else { return false }
        return object.sequencer > asOf
    }
}

/// The objects a command is about: the one at `key`, or all under it for a folder key; of those, only the
/// ones written up to `asOf`, when the command was accepted.
func findObjects(
    _ store: ObjectStore, _ db: any SQL, key: String, asOf: String, execution: ExecutionRecorder
) throws -> [ObjectMetadata] {
    let input: JSONValue = ["key": .string(key), FileCommands.asOfField: .string(asOf)]
    return try execution.step("FindObjects", input: input, describe: { .number(Double($0.count)) }) {
        let found = key.endsWithSlash ? try store.list(db, prefix: key) : try store.head(db, key: key).map { [$0] } ?? []
        return found.filter { !FileCommands.isNewer($0, than: asOf) }
    }
}
