import Foundation
import GRDB

/// The application commands on the `pail` bus (storage-first: the API publishes, a workflow acts).
enum FileCommands {
    static let source = "pail.api"
    static let deleteFile = "DeleteFile"
    static let moveFile = "MoveFile"

    /// Delete a file (`key`) or a whole folder (`key` ending in `/`).
    static func delete(key: String, time: Date, region: String) -> EventEnvelope {
        EventEnvelope(detailType: deleteFile, source: source, time: time, region: region, detail: ["key": .string(key)])
    }

    /// Move a file or a whole folder (`source` ending in `/`, then `destination` ends in `/` too).
    static func move(source sourceKey: String, destination: String, time: Date, region: String) -> EventEnvelope {
        EventEnvelope(
            detailType: moveFile, source: source, time: time, region: region,
            detail: ["source": .string(sourceKey), "destination": .string(destination)])
    }
}

/// The objects a command is about: the one at `key`, or all under it for a folder key.
func findObjects(_ store: ObjectStore, _ db: Database, key: String, execution: ExecutionRecorder) throws -> [ObjectMetadata] {
    try execution.step("FindObjects", input: ["key": .string(key)], describe: { .number(Double($0.count)) }) {
        key.hasSuffix("/") ? try store.list(db, prefix: key) : try store.head(db, key: key).map { [$0] } ?? []
    }
}

