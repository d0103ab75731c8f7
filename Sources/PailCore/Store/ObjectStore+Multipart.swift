import Foundation

/// S3's multipart uploads, for a caller that authenticated the request and checked the key's scope itself
/// (the HTTP endpoint). An upload is created; its parts are streamed in, in any order, each a durable blob
/// with a row, replaced when uploaded again; completion assembles the listed parts into one new blob, which
/// commits as the object (with its `Object Created` event, reason `CompleteMultipartUpload`) in the
/// transaction that forgets the upload and releases every part. Parts are never objects: nothing lists or
/// serves them, and their bytes are reclaimed when the upload is completed or aborted, or by the lifecycle
/// sweep once it is older than `incompleteUploadLifetime`. Until then they count against their user's quota.
extension ObjectStore {
    /// The highest part number (parts are numbered from 1).
    public static let maxPartNumber = 10_000
    /// The least size of every part but the last of a completed upload (5 MiB).
    public static let minPartSize: Int64 = 5 << 20
    /// The greatest size of one part (5 GiB).
    public static let maxPartSize: Int64 = 5 << 30
    /// The greatest size of an object completed from parts (5 TiB).
    public static let maxObjectSize: Int64 = 5 << 40
    /// How long an incomplete upload may wait before the lifecycle sweep aborts it: 7 days, what S3
    /// lifecycle rules usually give `AbortIncompleteMultipartUpload`.
    public static let incompleteUploadLifetime: TimeInterval = 7 * 24 * 3600
    /// The most parts or uploads one page of a listing holds.
    static let maxListed = 1000

    /// S3's CreateMultipartUpload: starts an upload to `key` (checked as `beginUpload` checks it) and returns
    /// its id. Nothing is visible at `key` until the upload is completed. `headers` are the object's.
    public func createMultipartUpload(key: String, headers: ObjectHeaders = .none) throws -> String {
        let user = try Self.validateObjectKey(key)
        let upload = MultipartUpload(
            uploadId: MultipartUploads.newUploadId(), key: key, user: user, initiated: clock.now(), headers: headers)
        try database.write { try uploads.insert($0, upload) }
        return upload.uploadId
    }

    /// S3's UploadPart: starts streaming part `partNumber` (1…10000, else `InvalidArgument`) of the upload
    /// `uploadId` to `key` (`NoSuchUpload` if there is none). `limit` refuses bodies over it as they arrive
    /// (`EntityTooLarge`), as 5 GiB does for any part. Nothing is stored until the part commits.
    public func beginPart(uploadId: String, key: String, partNumber: Int, limit: Int64? = nil) throws -> PartUpload {
        guard (1...Self.maxPartNumber).contains(partNumber) else {
            throw PailError(
                .invalidArgument, "Part number must be an integer between 1 and \(Self.maxPartNumber), inclusive; \(partNumber) is not")
        }
        _ = try database.read { try existingUpload($0, id: uploadId, key: key) }
        return PartUpload(uploadId: uploadId, key: key, partNumber: partNumber, writer: try blobs.create(), store: self, limit: limit)
    }

    /// Records a durable part blob (`PartUpload.commit`) within its user's quota; the part it replaces,
    /// if any, is released.
    func commitPart(
        _ db: any SQL, uploadId: String, key: String, number: Int, blob: String, size: Int64, etag: String
    ) throws -> PartInfo {
        let upload = try existingUpload(db, id: uploadId, key: key)
        let old = try uploads.part(db, uploadId: uploadId, number: number)
        try checkQuota(db, user: upload.user, storing: size, replacing: nil, releasing: old?.info.size ?? 0)
        let part = PartInfo(number: number, size: size, etag: etag, modified: clock.now())
        try uploads.put(db, uploadId: uploadId, part, blob: blob)
        if let old { try collectIfUnreferenced(db, blob: old.blob) }
        return part
    }

    /// S3's CompleteMultipartUpload: the listed parts, in that order, become the object at `key`.
    ///
    /// S3's rules: at least one part (`MalformedXML`, as S3 answers an empty list), part numbers ascending
    /// (`InvalidPartOrder`), each listed part uploaded and with that ETag, quotes optional (`InvalidPart`),
    /// every part but the last at least 5 MiB (`EntityTooSmall`), at most 5 TiB in all (`EntityTooLarge`);
    /// `NoSuchUpload` if there is no such upload to `key`, `QuotaExceeded` as for a PUT. A refusal changes
    /// nothing: the upload and its parts stay.
    ///
    /// The parts' bytes are copied into one new blob (inside the kernel, `copy_file_range`) and hashed on
    /// the way, made durable, and committed through the store's usual path (quota, versions, event) in the
    /// transaction that forgets the upload and releases every part, listed or not. The object's ETag is
    /// S3's: the MD5 of the parts' binary MD5s, `-` and the number of parts. It is not the MD5 of the
    /// bytes, so that MD5 is recorded for the blob: `pail check --deep` and downloads verify against it.
    /// `headers`, if given, replace those given at creation.
    ///
    /// ```swift
    /// let object = try store.completeMultipartUpload(uploadId: id, key: "alice/big.iso", parts: [(1, etag1), (2, etag2)])
    /// ```
    public func completeMultipartUpload(
        uploadId: String, key: String, parts listed: [(number: Int, etag: String)], headers: ObjectHeaders? = nil
    ) throws -> ObjectMetadata {
        let chosen = try database.read { try choose($0, listed, uploadId: uploadId, key: key) }
        let writer = try blobs.create()
        defer { writer.discard() }
        try assemble(chosen, into: writer, uploadId: uploadId, key: key)
        let md5 = try writer.finish(durable: true)
        let object = try database.write { db in
            let upload = try existingUpload(db, id: uploadId, key: key)
            let stored = try uploads.parts(db, uploadId: uploadId)
            if let replaced = chosen.first(where: { stored[$0.info.number] != $0 }) {
                throw Self.partReplaced(replaced, uploadId: uploadId)
            }
            try forget(db, uploadId: uploadId)
            try uploads.recordMD5(db, blob: writer.blob, md5: md5)
            return try commit(
                db, key: key, blob: writer.blob, size: writer.size, etag: MultipartETag.of(partETags: chosen.map(\.info.etag)),
                headers: headers ?? upload.headers, reason: "CompleteMultipartUpload")
        }
        writer.close()
        collectGarbage()
        changes.notify()
        return object
    }

    /// S3's AbortMultipartUpload: forgets the upload and releases its parts' bytes; `NoSuchUpload` if there
    /// is no such upload to `key`.
    public func abortMultipartUpload(uploadId: String, key: String) throws {
        try database.write { db in
            _ = try existingUpload(db, id: uploadId, key: key)
            try forget(db, uploadId: uploadId)
        }
        collectGarbage()
    }

    /// S3's ListParts: up to `maxParts` (at most 1000) parts of the upload numbered above `partNumberMarker`,
    /// in part-number order; `NoSuchUpload` if there is no such upload to `key`.
    public func listParts(uploadId: String, key: String, partNumberMarker: Int = 0, maxParts: Int = 1000) throws -> PartsPage {
        guard partNumberMarker >= 0 else {
            throw PailError(.invalidArgument, "The part number marker must be 0 or more, not \(partNumberMarker)")
        }
        guard maxParts >= 0 else { throw PailError(.invalidArgument, "The most parts to list must be 0 or more, not \(maxParts)") }
        let limit = min(maxParts, Self.maxListed)
        return try database.read { db in
            let upload = try existingUpload(db, id: uploadId, key: key)
            let found = try uploads.parts(db, uploadId: uploadId, after: partNumberMarker, limit: limit + 1)
            let parts = Array(found.prefix(limit))
            let isTruncated = found.count > limit
            return PartsPage(
                upload: upload, parts: parts, isTruncated: isTruncated,
                nextPartNumberMarker: isTruncated ? parts.last?.number ?? partNumberMarker : nil)
        }
    }

    /// S3's ListMultipartUploads: up to `maxUploads` (at most 1000) incomplete uploads whose key begins with
    /// `prefix`, by key and then upload id, after the markers: keys above `keyMarker`, and with
    /// `uploadIdMarker` also the uploads to `keyMarker` whose id is above it (without `keyMarker`,
    /// `uploadIdMarker` is ignored, as S3 ignores it).
    public func listMultipartUploads(
        prefix: String = "", keyMarker: String? = nil, uploadIdMarker: String? = nil, maxUploads: Int = 1000
    ) throws -> MultipartUploadsPage {
        guard maxUploads >= 0 else { throw PailError(.invalidArgument, "The most uploads to list must be 0 or more, not \(maxUploads)") }
        let limit = min(maxUploads, Self.maxListed)
        let found = try database.read { db in
            try uploads.list(
                db, prefix: prefix, keyMarker: keyMarker, uploadIdMarker: keyMarker == nil ? nil : uploadIdMarker, limit: limit + 1)
        }
        let page = Array(found.prefix(limit))
        let isTruncated = found.count > limit
        return MultipartUploadsPage(
            uploads: page, isTruncated: isTruncated,
            nextKeyMarker: isTruncated ? page.last?.key ?? keyMarker : nil,
            nextUploadIdMarker: isTruncated ? page.last?.uploadId ?? uploadIdMarker : nil)
    }

    /// The lifecycle rule for incomplete uploads: aborts up to `limit` of those started before `cutoff`,
    /// the oldest first; returns how many.
    func abortUploads(_ db: any SQL, startedBefore cutoff: Date, limit: Int = 10_000) throws -> Int {
        let expired = try uploads.started(db, before: cutoff, limit: limit)
        for upload in expired { try forget(db, uploadId: upload.uploadId) }
        return expired.count
    }

    // MARK: - Completion

    /// The stored parts a completion lists, checked against S3's rules.
    private func choose(_ db: any SQL, _ listed: [(number: Int, etag: String)], uploadId: String, key: String) throws -> [StoredPart] {
        guard !listed.isEmpty else { throw PailError(.malformedXML, "CompleteMultipartUpload must list at least one part") }
        _ = try existingUpload(db, id: uploadId, key: key)
        for (previous, next) in zip(listed, listed.dropFirst()) where next.number <= previous.number {
            throw PailError(
                .invalidPartOrder, "The list of parts was not in ascending order: part \(next.number) follows part \(previous.number)")
        }
        let stored = try uploads.parts(db, uploadId: uploadId)
        let chosen = try listed.map { number, etag in
            guard let part = stored[number] else {
                throw PailError(.invalidPart, "Part \(number) of upload \(uploadId) was never uploaded")
            }
            guard part.info.etag == Self.unquoted(etag).lowercased() else {
                throw PailError(.invalidPart, "Part \(number) of upload \(uploadId) has ETag \(part.info.etag), not \(etag)")
            }
            return part
        }
        if let small = chosen.dropLast().first(where: { $0.info.size < Self.minPartSize }) {
            throw PailError(
                .entityTooSmall,
                "Part \(small.info.number) is \(small.info.size) bytes; every part but the last must be at least 5 MiB "
                    + "(\(Self.minPartSize) bytes)")
        }
        let total = chosen.reduce(Int64(0)) { $0 + $1.info.size }
        if total > Self.maxObjectSize {
            throw PailError(
                .entityTooLarge, "The parts add up to \(total) bytes, over the largest object of 5 TiB (\(Self.maxObjectSize) bytes)")
        }
        return chosen
    }

    /// An ETag as a client may echo it: with or without its quotes.
    private static func unquoted(_ etag: String) -> String {
        etag.count >= 2 && etag.hasPrefix("\"") && etag.hasSuffix("\"") ? String(etag.dropFirst().dropLast()) : etag
    }

    /// Appends the parts' blobs to `writer`, in order.
    private func assemble(_ parts: [StoredPart], into writer: any BlobSink, uploadId: String, key: String) throws {
        for part in parts {
            let before = writer.size
            guard try writer.append(blob: part.blob) else { throw try missing(part, uploadId: uploadId, key: key) }
            guard writer.size - before == part.info.size else {
                throw PailError(
                    .storageError,
                    "Part \(part.info.number) of upload \(uploadId) has \(writer.size - before) bytes on disk, not the \(part.info.size) "
                        + "it had (blob file \(part.blob))")
            }
        }
    }

    /// Why a part's blob is gone: the upload was completed or aborted, or the part replaced, since the
    /// parts were read; or the blob is lost.
    private func missing(_ part: StoredPart, uploadId: String, key: String) throws -> PailError {
        try database.read { db in
            guard try uploads.upload(db, id: uploadId, key: key) != nil else { return Self.noSuchUpload(uploadId, key: key) }
            guard try uploads.part(db, uploadId: uploadId, number: part.info.number) == part else {
                return Self.partReplaced(part, uploadId: uploadId)
            }
            return PailError(
                .storageError, "The bytes of part \(part.info.number) of upload \(uploadId) are missing (blob file \(part.blob))")
        }
    }

    private static func partReplaced(_ part: StoredPart, uploadId: String) -> PailError {
        PailError(
            .invalidPart, "Part \(part.info.number) of upload \(uploadId) was replaced while the upload was completed; complete it again")
    }

    // MARK: - Bookkeeping

    /// The upload `id` to `key`; `NoSuchUpload` if there is none.
    private func existingUpload(_ db: any SQL, id: String, key: String) throws -> MultipartUpload {
        guard let upload = try uploads.upload(db, id: id, key: key) else { throw Self.noSuchUpload(id, key: key) }
        return upload
    }

    private static func noSuchUpload(_ id: String, key: String) -> PailError {
        PailError(
            .noSuchUpload,
            "The specified upload does not exist: no upload \(RemotePath.printable(id)) to \(RemotePath.printable(key)) "
                + "(it may have been completed, aborted or expired)")
    }

    /// Forgets an upload and releases every part's bytes.
    private func forget(_ db: any SQL, uploadId: String) throws {
        for blob in try uploads.remove(db, uploadId: uploadId) { try collectIfUnreferenced(db, blob: blob) }
    }
}
