import Foundation
import HTTPTypes
import Hummingbird
import PailCore

/// Multipart uploads over HTTP: CreateMultipartUpload, UploadPart (and UploadPartCopy), Complete, Abort,
/// ListParts and ListMultipartUploads, on the store's multipart uploads. Parts are never objects: nothing
/// lists or serves them, and an upload that is aborted or never completed has its bytes reclaimed.
enum MultipartOperations {
    /// CreateMultipartUpload (`POST /bucket/key?uploads`).
    static func create(_ call: S3Call) async throws -> Response {
        let key = try call.objectKey()
        try call.authorize(key: key)
        let store = call.engine.store
        let stored = try S3Headers.objectHeaders(call.incoming)
        let uploadId = try await Blocking.run { try store.createMultipartUpload(key: key, headers: stored) }
        var headers = call.headers()
        if let algorithm = call.incoming.header("x-amz-checksum-algorithm") {
            headers[HTTPField.Name("x-amz-checksum-algorithm")!] = algorithm
        }
        return call.xml(
            S3InitiateMultipartUploadResult(bucket: call.engine.credentials.bucket, key: key, uploadId: uploadId), headers: headers)
    }

    /// UploadPart (`PUT /bucket/key?partNumber=N&uploadId=…`): the body streams into the part's blob, checked
    /// as a PutObject's body is; a body that proves wrong, or a client that goes away, leaves no part.
    static func uploadPart(_ call: S3Call, uploadId: String) async throws -> Response {
        let key = try call.objectKey()
        try call.authorize(key: key)
        let number = try partNumber(call.route)
        if let source = call.incoming.header("x-amz-copy-source") {
            return try await copyPart(call, key: key, uploadId: uploadId, number: number, source: source)
        }
        let body = try RequestBodyReader(call)
        let grant = try call.caller.presigned.flatMap { try ObjectStore.grant(of: $0, contentLength: body.declaredLength) }
        let part = try call.engine.store.beginPart(uploadId: uploadId, key: key, partNumber: number, limit: grant)
        do {
            let verified = try await body.read { try part.write($0) }
            let info = try await Blocking.run { try part.commit() }
            var headers = call.headers(echoing: verified)
            headers[.eTag] = S3Headers.quoted(info.etag)
            return Response(status: .ok, headers: headers)
        } catch {
            part.discard()
            throw error
        }
    }

    /// UploadPartCopy (`x-amz-copy-source`, optional `x-amz-copy-source-range: bytes=first-last`): the part
    /// is read from an object the caller may read.
    private static func copyPart(_ call: S3Call, key: String, uploadId: String, number: Int, source: String) async throws -> Response {
        let copied = try CopySource(source, bucket: call.engine.credentials.bucket)
        try call.authorize(key: copied.key)
        let store = call.engine.store
        let rangeHeader = call.incoming.header("x-amz-copy-source-range")
        let info = try await Blocking.run {
            let body = try copied.versionId.map { try store.open(key: copied.key, versionId: $0) } ?? store.open(key: copied.key)
            let range = try copyRange(rangeHeader, size: body.object.size)
            let part = try store.beginPart(uploadId: uploadId, key: key, partNumber: number)
            do {
                try copy(body, range: range, into: part)
                return try part.commit()
            } catch {
                part.discard()
                throw error
            }
        }
        var headers = call.headers()
        headers[S3Headers.copySourceVersionId] = copied.versionId
        return call.xml(S3CopyResult(.part, lastModified: info.modified, etag: info.etag), headers: headers)
    }

    /// CompleteMultipartUpload (`POST /bucket/key?uploadId=…`): the listed parts become the object.
    static func complete(_ call: S3Call, uploadId: String) async throws -> Response {
        let key = try call.objectKey()
        try call.authorize(key: key)
        let bytes = try await RequestBodyReader(call).readXML(limit: S3CompleteMultipartUploadRequest.maxBodyBytes)
        let parts = try S3CompleteMultipartUploadRequest(xml: bytes).parts.map { (number: $0.partNumber, etag: $0.etag) }
        let store = call.engine.store
        let object = try await Blocking.run { try store.completeMultipartUpload(uploadId: uploadId, key: key, parts: parts) }
        var headers = call.headers()
        headers[S3Headers.versionId] = object.versionId
        let bucket = call.engine.credentials.bucket
        let host = call.incoming.header("host") ?? "localhost"
        let location = "http://\(host)" + SigV4.canonicalURI(segments: [bucket] + key.split(separator: "/").map(String.init))
        return call.xml(S3CompleteMultipartUploadResult(location: location, bucket: bucket, key: key, etag: object.etag), headers: headers)
    }

    /// AbortMultipartUpload (`DELETE /bucket/key?uploadId=…`): the upload and its parts are gone.
    static func abort(_ call: S3Call, uploadId: String) async throws -> Response {
        let key = try call.objectKey()
        try call.authorize(key: key)
        let store = call.engine.store
        try await Blocking.run { try store.abortMultipartUpload(uploadId: uploadId, key: key) }
        return Response(status: .noContent, headers: call.headers())
    }

    /// ListParts (`GET /bucket/key?uploadId=…`, `part-number-marker`, `max-parts`).
    static func listParts(_ call: S3Call, uploadId: String) async throws -> Response {
        let key = try call.objectKey()
        try call.authorize(key: key)
        let marker = try integer(call.route, "part-number-marker") ?? 0
        let maxParts = try Listing.maxKeys(call.route, name: "max-parts")
        let store = call.engine.store
        let page = try await Blocking.run {
            try store.listParts(uploadId: uploadId, key: key, partNumberMarker: marker, maxParts: maxParts)
        }
        let owner = S3Owner(id: page.upload.user, displayName: page.upload.user)
        return call.xml(
            S3ListPartsResult(
                bucket: call.engine.credentials.bucket, key: key, uploadId: uploadId, initiator: owner, owner: owner,
                partNumberMarker: marker, nextPartNumberMarker: page.nextPartNumberMarker, maxParts: maxParts,
                isTruncated: page.isTruncated,
                parts: page.parts.map { .init(partNumber: $0.number, lastModified: $0.modified, etag: $0.etag, size: $0.size) }))
    }

    /// ListMultipartUploads (`GET /bucket?uploads`, `prefix`, `key-marker`, `upload-id-marker`, `max-uploads`),
    /// confined to the caller's partition as a listing is. A `delimiter` is `NotImplemented`.
    static func listUploads(_ call: S3Call) async throws -> Response {
        let route = call.route
        let prefix = try route.value("prefix") ?? ""
        if try route.value("delimiter") != nil {
            throw PailError(.notImplemented, "ListMultipartUploads with a delimiter is not implemented; list with a prefix")
        }
        let encoding = try Listing.encodingType(route)
        let maxUploads = try Listing.maxKeys(route, name: "max-uploads")
        let user = try Listing.scope(call, prefix: prefix)
        // A user's key with a prefix of its partition (`""`, `"al"`) lists the partition.
        let scoped = user.map { prefix.hasKeyPrefix($0 + "/") ? prefix : $0 + "/" } ?? prefix
        let keyMarker = try route.value("key-marker")
        let uploadIdMarker = try route.value("upload-id-marker")
        let store = call.engine.store
        let page = try await Blocking.run {
            try store.listMultipartUploads(prefix: scoped, keyMarker: keyMarker, uploadIdMarker: uploadIdMarker, maxUploads: maxUploads)
        }
        let uploads = page.uploads.map { upload in
            let owner = S3Owner(id: upload.user, displayName: upload.user)
            return S3ListMultipartUploadsResult.Upload(
                key: upload.key, uploadId: upload.uploadId, initiator: owner, owner: owner, initiated: upload.initiated)
        }
        return call.xml(
            S3ListMultipartUploadsResult(
                bucket: call.engine.credentials.bucket, keyMarker: keyMarker ?? "", uploadIdMarker: uploadIdMarker ?? "",
                nextKeyMarker: page.nextKeyMarker, nextUploadIdMarker: page.nextUploadIdMarker, prefix: prefix, maxUploads: maxUploads,
                isTruncated: page.isTruncated, encodingType: encoding, uploads: uploads, commonPrefixes: []))
    }

    // MARK: - Parameters

    private static func partNumber(_ route: S3Route) throws -> Int {
        guard let number = try integer(route, "partNumber") else {
            throw PailError(.invalidArgument, "Part number must be an integer between 1 and \(ObjectStore.maxPartNumber), inclusive")
        }
        return number
    }

    private static func integer(_ route: S3Route, _ name: String) throws -> Int? {
        guard let text = try route.value(name) else { return nil }
        guard let value = Int(text) else {
            throw PailError(.invalidArgument, "The query parameter '\(name)' must be an integer, not '\(RemotePath.printable(text))'")
        }
        return value
    }

    /// The bytes of the source an UploadPartCopy takes: all of it, or `bytes=first-last` inside it.
    private static func copyRange(_ header: String?, size: Int64) throws -> Range<Int64> {
        guard let header else { return 0..<size }
        switch ByteRange.parse(header, size: size) {
        case .part(let range): return range.lowerBound..<(range.upperBound + 1)
        case .unsatisfiable:
            throw PailError(.invalidRange, "The x-amz-copy-source-range is not satisfiable (the source is \(size) bytes)")
        case .whole:
            throw PailError(
                .invalidArgument,
                "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy"
            )
        }
    }

    private static func copy(_ body: ObjectBody, range: Range<Int64>, into part: PartUpload) throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var offset = range.lowerBound
        while offset < range.upperBound {
            let wanted = Int(min(Int64(buffer.count), range.upperBound - offset))
            let read = try body.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<wanted]), at: offset)
            guard read > 0 else { throw PailError(.storageError, "The source object ended early while it was copied") }
            try part.write(UnsafeRawBufferPointer(rebasing: buffer[..<read]))
            offset += Int64(read)
        }
    }
}
