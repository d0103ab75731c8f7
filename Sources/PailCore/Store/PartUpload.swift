import Foundation

/// One part of a multipart upload being streamed in by a client (S3's UploadPart): the bytes go into a
/// new blob as they arrive, hashed on the way (the part's ETag); `commit` makes the blob durable and
/// then records the part, replacing one of the same number. Dropped without a commit, or refused at
/// the commit, the blob is removed. Used by one task at a time.
///
/// ```swift
/// let part = try store.beginPart(uploadId: id, key: "alice/big.iso", partNumber: 1, limit: contentLength)
/// try chunks.forEach { try part.write($0) }
/// let info = try part.commit()  // (info.number, info.etag) goes into completeMultipartUpload
/// ```
public final class PartUpload: @unchecked Sendable {
    public let uploadId: String
    public let key: String
    public let partNumber: Int
    private let writer: any BlobSink
    private let store: ObjectStore
    private let limit: Int64?

    init(uploadId: String, key: String, partNumber: Int, writer: any BlobSink, store: ObjectStore, limit: Int64?) {
        self.uploadId = uploadId
        self.key = key
        self.partNumber = partNumber
        self.writer = writer
        self.store = store
        self.limit = limit
    }

    /// The bytes written so far.
    public var size: Int64 { writer.size }

    /// Appends bytes; `EntityTooLarge` past the limit, or past S3's 5 GiB for a part.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        let after = writer.size + Int64(bytes.count)
        if let limit, after > limit { throw ObjectStore.tooLarge(limit) }
        if after > ObjectStore.maxPartSize {
            throw PailError(
                .entityTooLarge, "Part \(partNumber) exceeds the maximum allowed part size (5 GiB, \(ObjectStore.maxPartSize) bytes)")
        }
        try writer.write(bytes)
    }

    /// Makes the bytes durable (`fsync`), then records the part in one transaction (a part of the same
    /// number is replaced and its bytes released). Refused, with nothing stored: `NoSuchUpload` if the
    /// upload was completed or aborted meanwhile, `QuotaExceeded` if the part, with the user's objects
    /// and their other pending parts, would take them over their limit.
    public func commit() throws -> PartInfo {
        do {
            let etag = try writer.finish(durable: true)
            let part = try store.database.write { db in
                try store.commitPart(db, uploadId: uploadId, key: key, number: partNumber, blob: writer.blob, size: writer.size, etag: etag)
            }
            writer.close()
            store.collectGarbage()
            return part
        } catch {
            writer.discard()
            throw error
        }
    }

    /// Abandons the part: its bytes are removed.
    public func discard() { writer.discard() }
}
