/// PUTs whose bodies are written and named but not yet committed (`ObjectStore.stage`): `commit` makes
/// them durable and visible; dropped without a commit, their blobs are removed. Handed whole from the
/// thread that staged them to the one that commits them, used by one thread at a time.
///
/// ```swift
/// let staged = try store.stage(batch: requests)
/// let objects = try staged.commit()  // on another thread, while the next batch is staged
/// ```
public final class StagedPuts: @unchecked Sendable {
    private let store: ObjectStore
    let group: (any BlobBatch)?
    var writers: [any BlobSink] = []
    var objects: [(key: String, writer: any BlobSink, etag: String, headers: ObjectHeaders)] = []
    private var settled = false

    init(store: ObjectStore, group: (any BlobBatch)?) {
        self.store = store
        self.group = group
    }

    deinit { discard() }

    /// Makes the blobs durable (one sync for a batch) and commits every object with its event in one
    /// transaction; `QuotaExceeded` (and nothing stored) if they would take a user over their limit.
    /// Call once; on an error the blobs are removed.
    public func commit() throws -> [ObjectMetadata] {
        precondition(!settled, "staged PUTs commit once")
        let committed: [ObjectMetadata]
        do {
            if group != nil { try store.blobs.syncBatch() }
            committed = try store.database.write { db in
                try objects.map {
                    try store.commit(db, key: $0.key, blob: $0.writer.blob, size: $0.writer.size, etag: $0.etag, headers: $0.headers)
                }
            }
        } catch {
            discard()
            throw error
        }
        settled = true
        for writer in writers { writer.close() }
        group?.close()
        store.collectGarbage()
        store.changes.notify()
        return committed
    }

    /// Abandons the PUTs: their blobs are removed. Nothing once committed.
    public func discard() {
        guard !settled else { return }
        settled = true
        for writer in writers { writer.discard() }
        group?.discard()
    }
}
