import Foundation

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
    ///
    /// An object completed from parts has S3's multipart ETag (of its parts' MD5s), not the MD5 of its bytes:
    /// its blob is compared with the MD5 recorded when the parts were assembled. The parts of incomplete
    /// uploads are blobs too, each compared with its own ETag.
    public func verifyBlobs(progress: (TransferProgress) -> Void = { _ in }) throws -> BlobVerification {
        let claims = try engine.read { db in
            try db.fetchAll(
                """
                SELECT o.blob, o.key, NULL AS version_id, NULL AS upload_id, NULL AS part_number, o.size, o.etag,
                    COALESCE(d.md5, o.etag) AS md5
                FROM objects o LEFT JOIN blob_digests d ON d.blob = o.blob
                UNION ALL
                SELECT v.blob, v.key, v.version_id, NULL, NULL, v.size, v.etag, COALESCE(d.md5, v.etag)
                FROM object_versions v LEFT JOIN blob_digests d ON d.blob = v.blob WHERE v.blob IS NOT NULL
                UNION ALL
                SELECT p.blob, u.key, NULL, u.upload_id, p.part_number, p.size, p.etag, p.etag
                FROM multipart_parts p JOIN multipart_uploads u USING (upload_id)
                ORDER BY blob, key
                """, [], BlobClaim.init(row:))
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
            for claim in holders where claim.size != measured.size || claim.md5 != measured.etag {
                result.differences.append(
                    "\(claim.path): the bytes on disk (\(measured.size) bytes, MD5 \(measured.etag)) do not match its ETag "
                        + "(\(claim.size) bytes, \(claim.recorded)); blob file \(blob)")
            }
        }
        return result
    }
}

/// An object, kept version or pending part, and the blob that holds its bytes.
private struct BlobClaim {
    let blob: String
    let key: String
    let versionId: String?
    let uploadId: String?
    let partNumber: Int?
    let size: Int64
    let etag: String
    /// The MD5 its bytes must have: the ETag, or for an object completed from parts the one recorded then.
    let md5: String

    init(row: any SQLRow) {
        blob = row["blob"]
        key = row["key"]
        versionId = row["version_id"]
        uploadId = row["upload_id"]
        partNumber = row["part_number"]
        size = row["size"]
        etag = row["etag"]
        md5 = row["md5"]
    }

    /// The key, and the version when it is an old one or the part when it is one.
    var path: String {
        if let uploadId, let partNumber { return "\(key) (part \(partNumber) of the multipart upload \(uploadId))" }
        return versionId.map { "\(key) (old version \($0))" } ?? key
    }

    /// What the store recorded of its bytes.
    var recorded: String { md5 == etag ? "ETag \(etag)" : "ETag \(etag) of its parts, MD5 \(md5) when they were assembled" }
}
