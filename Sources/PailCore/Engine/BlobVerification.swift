import Foundation
import GRDB

/// What re-reading the blobs found (`pail check --deep`): a line for each path whose bytes on disk are
/// not what the store recorded, and how much was read.
public struct BlobVerification: Sendable {
    public var differences: [String] = []
    /// The distinct blobs read.
    public var blobs = 0
    public var bytes: Int64 = 0
}

extension ConsistencyCheck {
    /// Reads every blob the store holds again, each once however many objects and kept versions share it,
    /// and compares its size and MD5 with what they say: bit rot, a truncated or overwritten blob file,
    /// is reported by path. A blob gone since the store was read (its object deleted meanwhile) is skipped;
    /// `run` reports the ones missing for good. `progress` follows the bytes read.
    public func verifyBlobs(progress: (TransferProgress) -> Void = { _ in }) throws -> BlobVerification {
        let claims = try engine.read { db in
            try Row.fetchAll(db, sql: """
                SELECT blob, key, NULL AS version_id, size, etag FROM objects
                UNION ALL
                SELECT blob, key, version_id, size, etag FROM object_versions WHERE blob IS NOT NULL
                ORDER BY blob, key
                """
            ).map(BlobClaim.init(row:))
        }
        let byBlob = Dictionary(grouping: claims, by: \.blob).sorted { $0.key < $1.key }
        var state = TransferProgress(
            bytesDone: 0, bytesTotal: byBlob.reduce(0) { $0 + $1.value[0].size }, filesDone: 0, filesTotal: byBlob.count, current: "")
        var result = BlobVerification()
        for (blob, holders) in byBlob {
            state.current = holders[0].key
            let before = state.bytesDone
            let measured = try engine.store.blobs.measure(blob) { read in
                state.bytesDone = before + read
                progress(state)
            }
            state.filesDone += 1
            progress(state)
            guard let measured else { continue }
            result.blobs += 1
            result.bytes += measured.size
            for claim in holders where claim.size != measured.size || claim.etag != measured.etag {
                result.differences.append(
                    "\(claim.path): the bytes on disk (\(measured.size) bytes, MD5 \(measured.etag)) do not match its ETag (\(claim.size) bytes, ETag \(claim.etag)); blob file \(blob)")
            }
        }
        return result
    }
}

/// An object or kept version, and the blob that holds its bytes.
private struct BlobClaim {
    let blob: String
    let key: String
    let versionId: String?
    let size: Int64
    let etag: String

    init(row: Row) {
        blob = row["blob"]
        key = row["key"]
        versionId = row["version_id"]
        size = row["size"]
        etag = row["etag"]
    }

    /// The key, and the version when it is an old one.
    var path: String { versionId.map { "\(key) (old version \($0))" } ?? key }
}
