import Foundation

/// Where object bodies live: immutable blobs under random ids, never named after a key. A blob is written
/// whole through a `BlobSink` and made durable before the metadata that names it commits; a blob no
/// metadata names (its writer died before the commit) is removed by `recover`, or on an object store by
/// the orphan sweep. `LocalBlobStore` is the root's `blobs/` folder.
protocol BlobStore: Sendable {
    /// Makes the store ready for writing (S3: checks that the bucket answers, `StoreUnavailable` if not).
    func prepare() throws

    /// Starts a new blob under a new id, invisible until finished (S3: one PUT, or a multipart upload for a large body).
    func create() throws -> any BlobSink

    /// Starts blobs that commit together (S3: their PUTs run in parallel, and `name` waits for all of them).
    func createBatch() throws -> any BlobBatch

    /// Makes the blobs a batch named durable, for all of them at once (S3: nothing, a PUT's 200 is durable).
    func syncBatch() throws

    /// Opens a blob for reading; `NoSuchKey` if it is gone (S3: a streamed GET, whose 404 is the same error).
    func open(_ blob: String) throws -> any BlobSource

    /// Reads a blob's bytes again: its size and MD5, or nil if it is gone; `progress` is told the bytes
    /// read so far (S3: a streamed GET hashed as it arrives).
    func measure(_ blob: String, progress: (Int64) -> Void) throws -> (size: Int64, etag: String)?

    /// Whether the blob is there (S3: a HEAD).
    func exists(_ blob: String) throws -> Bool

    /// Every blob id in the store (S3: ListObjectsV2 under the prefix, page by page).
    func list() throws -> Set<String>

    /// The blobs live writers are still writing, which may be listed but are not committed yet (S3: those
    /// younger than the orphan grace period).
    func liveWrites() throws -> Set<String>

    /// Removes blobs; one already gone is fine (S3: DeleteObjects, which takes a missing key as deleted).
    func remove(_ blobs: [String]) throws

    /// Removes what crashed writers left, except the blobs `isCommitted` says the metadata holds (S3:
    /// nothing, the orphan sweep reclaims uncommitted blobs after the grace period).
    func recover(isCommitted: (String) throws -> Bool) throws
}

extension BlobStore {
    /// A blob's size and MD5 now, or nil if it is gone.
    func measure(_ blob: String) throws -> (size: Int64, etag: String)? { try measure(blob) { _ in } }
}

/// One blob being written, by one thread at a time: nothing is visible until `finish`, and the blob is
/// part of an object only once the caller commits it.
protocol BlobSink: AnyObject {
    /// The new blob's id.
    var blob: String { get }

    /// The bytes written so far.
    var size: Int64 { get }

    /// Appends bytes (S3: into the part being filled, uploaded while the next one fills).
    func write(_ bytes: UnsafeRawBufferPointer) throws

    /// Copies the rest of an open local file in, refusing more than `limit` bytes in all (`EntityTooLarge`);
    /// false, having copied nothing, where it cannot (S3: parts read with `pread` and uploaded in parallel).
    func copy(from source: Int32, limit: Int64?, progress: ((Int64) throws -> Void)?) throws -> Bool

    /// Appends the bytes of a stored blob; false, having appended nothing, if it is gone (S3: UploadPartCopy).
    func append(blob: String) throws -> Bool

    /// Finishes the blob and returns its MD5 (lowercase hex); with `durable`, its bytes and name are durable
    /// when it returns, else once the store syncs its batch (S3: the last part and CompleteMultipartUpload).
    func finish(durable: Bool) throws -> String

    /// After the commit: lets go of the write, the blob stays (S3: nothing).
    func close()

    /// Abandons the write and removes what it wrote (S3: a DELETE, or AbortMultipartUpload).
    func discard()
}

/// Blobs written together and committed in one transaction (a group commit), by one thread at a time.
protocol BlobBatch: AnyObject {
    /// Starts the next blob of the batch; finish it with `durable: false` (S3: its PUT starts alongside the others).
    func create() throws -> any BlobSink

    /// Names every blob of the batch: they are listed from now on, durable once the store syncs its batch
    /// (S3: waits for every PUT).
    func name() throws

    /// After the commit: lets go of the batch, its blobs stay (S3: nothing).
    func close()

    /// Abandons the batch and removes its blobs (S3: DeleteObjects of those uploaded).
    func discard()
}

/// A blob opened for reading; it stays readable even if the blob is removed meanwhile (S3: until the
/// released blob's delay is over). Positioned reads may come from any thread.
protocol BlobSource: AnyObject, Sendable {
    /// Fills up to `buffer.count` bytes from the stream's position; returns how many, 0 at the end (S3: a streamed GET).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int

    /// Reads up to `buffer.count` bytes from `offset` (0 at the end), without moving the stream position
    /// (S3: a ranged GET, or the open stream when it stands at `offset`).
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int
}
