import ArgumentParser
import Foundation
import PailCore

struct VersionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "versions",
        abstract: "List a file's versions: the current one, then those its overwrites and deletes kept.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The file in your vault.") var remote: String

    func run() throws {
        let versions = try global.openEngine().api.versions(user: global.userName, path: try RemotePath(remote))
        if global.json { return Output.json(versions.map(VersionResult.init)) }
        Output.table(
            ["VERSION", "SIZE", "MODIFIED", "ETAG", "STATE"],
            versions.map {
                [$0.versionId, $0.isDeleteMarker ? "-" : ByteSize.format($0.size), Output.date($0.modified), $0.etag, Self.state($0)]
            },
            rightAligned: [1])
    }

    private static func state(_ version: ObjectVersion) -> String {
        if version.isDeleteMarker { return version.isCurrent ? "deleted (in the trash)" : "delete marker" }
        guard let since = version.noncurrentSince else { return "current" }
        let by = ["PutObject": "an upload", "CopyObject": "a copy or move", "DeleteObject": "a delete", "RestoreObject": "a restore"]
        return "replaced by \(by[version.replacedBy ?? ""] ?? version.replacedBy ?? "?") at \(Output.date(since))"
    }
}

/// A version as `pail versions --json` prints it (contract).
struct VersionResult: Encodable {
    let versionId: String
    let size: Int64
    let etag: String
    let modified: Date
    let current: Bool
    let deleteMarker: Bool

    init(_ version: ObjectVersion) {
        versionId = version.versionId
        size = version.size
        etag = version.etag
        modified = version.modified
        current = version.isCurrent
        deleteMarker = version.isDeleteMarker
    }

    enum CodingKeys: String, CodingKey {
        case size, etag, modified, current
        case versionId = "version_id"
        case deleteMarker = "delete_marker"
    }
}

struct TrashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trash", abstract: "List deleted files that can still be restored (with `pail restore PATH`).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Only under this folder or path prefix.") var prefix: String?

    func run() throws {
        let user = global.userName
        let entries = try global.openEngine().api.trash(user: user, prefix: try RemotePath.argument(prefix))
        let results = entries.map {
            TrashResult(
                path: RemotePath.path(ofKey: $0.key, user: user) ?? $0.key, versionId: $0.versionId, size: $0.size, deleted: $0.deleted)
        }
        if global.json { return Output.json(results) }
        guard !results.isEmpty else { return Output.note("the trash is empty") }
        Output.table(
            ["SIZE", "DELETED", "VERSION", "PATH"],
            results.map { [ByteSize.format($0.size), Output.date($0.deleted), $0.versionId, $0.path] }, rightAligned: [0])
    }
}

/// A deleted file as `pail trash --json` prints it (contract).
struct TrashResult: Encodable {
    let path: String
    let versionId: String
    let size: Int64
    let deleted: Date

    enum CodingKeys: String, CodingKey {
        case path, size, deleted
        case versionId = "version_id"
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Bring back an old version of a file, or a deleted file or folder, as the current version.",
        discussion: """
            Without --version-id, the most recently replaced version comes back (for a deleted file, what was \
            deleted). A folder path restores every deleted file under it. What is replaced is kept as an old version.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The file or folder in your vault.") var remote: String
    @Option(name: .customLong("version-id"), help: "The version to bring back (see `pail versions`).") var versionId: String?

    func run() throws {
        let engine = try global.openEngine()
        let user = global.userName
        let restored = try engine.api.restore(user: user, path: try RemotePath(remote), versionId: versionId)
        engine.deliverDueEvents()
        let results = restored.map {
            RestoreResult(path: RemotePath.path(ofKey: $0.key, user: user) ?? $0.key, versionId: $0.versionId, size: $0.size, etag: $0.etag)
        }
        if global.json { return Output.json(results) }
        for result in results { print("restored \(result.path)  \(ByteSize.format(result.size))  version \(result.versionId)") }
    }
}

struct RestoreResult: Encodable {
    let path: String
    let versionId: String
    let size: Int64
    let etag: String

    enum CodingKeys: String, CodingKey {
        case path, size, etag
        case versionId = "version_id"
    }
}

struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Remove old versions and deleted files for good, now (they count against your quota until then).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Only under this folder or path prefix.") var prefix: String?
    @Option(
        name: .customLong("older-than"), parsing: .unconditional, help: "Only what was replaced longer ago than this: 3600, 30m, 12h, 7d.")
    var olderThan: String?

    func run() throws {
        let report = try global.openEngine().api.purge(
            user: global.userName, prefix: try RemotePath.argument(prefix), olderThan: try olderThan.map { try Duration.seconds($0) })
        if global.json { return Output.json(PurgeResult(report)) }
        print(
            "purged \(Plural.count(report.versions, "old version")) (\(ByteSize.format(report.bytes))) and \(Plural.count(report.deleteMarkers, "delete marker"))"
        )
    }
}

struct PurgeResult: Encodable {
    let versions: Int
    let deleteMarkers: Int
    let bytes: Int64

    init(_ report: PurgeReport) {
        versions = report.versions
        deleteMarkers = report.deleteMarkers
        bytes = report.bytes
    }

    enum CodingKeys: String, CodingKey {
        case versions, bytes
        case deleteMarkers = "delete_markers"
    }
}
