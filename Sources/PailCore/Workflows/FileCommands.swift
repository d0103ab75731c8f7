import Foundation
import GRDB

/// The application commands on the `pail` bus (storage-first: the API publishes, a workflow acts).
///
/// A command carries `as-of-sequencer`, the store's latest sequencer when it was accepted: it acts only on
/// writes up to then, so a file written after the answer (`rm x` then a new `x`) is not undone when the
/// command is applied later.
enum FileCommands {
    static let source = "pail.api"
    static let deleteFile = "DeleteFile"
    static let moveFile = "MoveFile"
    static let asOfField = "as-of-sequencer"

    /// Delete a file (`key`) or a whole folder (`key` ending in `/`), as written up to `asOf`.
    static func delete(key: String, asOf: String, time: Date, region: String) -> EventEnvelope {
        EventEnvelope(
            detailType: deleteFile, source: source, time: time, region: region,
            detail: ["key": .string(key), asOfField: .string(asOf)])
    }

    /// Move a file or a whole folder (`source` ending in `/`, then `destination` ends in `/` too), as written up to `asOf`.
    static func move(source sourceKey: String, destination: String, asOf: String, time: Date, region: String) -> EventEnvelope {
        EventEnvelope(
            detailType: moveFile, source: source, time: time, region: region,
            detail: ["source": .string(sourceKey), "destination": .string(destination), asOfField: .string(asOf)])
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
    _ store: ObjectStore, _ db: Database, key: String, asOf: String, execution: ExecutionRecorder
) throws -> [ObjectMetadata] {
    let input: JSONValue = ["key": .string(key), FileCommands.asOfField: .string(asOf)]
    return try execution.step("FindObjects", input: input, describe: { .number(Double($0.count)) }) {
        let found = key.endsWithSlash ? try store.list(db, prefix: key) : try store.head(db, key: key).map { [$0] } ?? []
        return found.filter { !FileCommands.isNewer($0, than: asOf) }
    }
}

