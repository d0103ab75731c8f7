import Foundation
import HTTPTypes
import Hummingbird
import PailCore

/// PutObject, CopyObject and DeleteObject: every change goes through the store (the object and its event
/// commit together), and the workflows bring the inventory and the quota up to date as for any upload.
enum ObjectWrites {
    /// PutObject: the body streams into a new blob, is made durable, then committed; a body that proves
    /// wrong, or a client that goes away, leaves nothing.
    static func put(_ call: S3Call) async throws -> Response {
        let key = try call.objectKey()
        try call.authorize(key: key)
        let stored = try S3Headers.objectHeaders(call.incoming)
        let body = try RequestBodyReader(call)
        let grant = try call.caller.presigned.flatMap { try ObjectStore.grant(of: $0, contentLength: body.declaredLength) }
        let upload = try call.engine.store.beginUpload(key: key, limit: grant)
        do {
            let verified = try await body.read { try upload.write($0) }
            let object = try await Blocking.run { try upload.commit(headers: stored) }
            var headers = call.headers(echoing: verified)
            headers[.eTag] = S3Headers.quoted(object.etag)
            headers[S3Headers.versionId] = object.versionId
            return Response(status: .ok, headers: headers)
        } catch {
            upload.discard()
            throw error
        }
    }

    /// CopyObject (`x-amz-copy-source: /bucket/key[?versionId=…]`): the target shares the source's bytes.
    static func copy(_ call: S3Call, source: String) async throws -> Response {
        let target = try call.objectKey()
        try call.authorize(key: target)
        let copied = try CopySource(source, bucket: call.engine.credentials.bucket)
        try call.authorize(key: copied.key)
        // As S3: the directive is COPY (the default) or REPLACE, and an object copied onto itself must change
        // something (REPLACE), or the copy would only add a version of the same bytes.
        let directive = call.incoming.header("x-amz-metadata-directive")?.uppercased() ?? "COPY"
        guard ["COPY", "REPLACE"].contains(directive) else { throw PailError(.invalidArgument, "Unknown metadata directive.") }
        if copied.key == target, copied.versionId == nil, directive == "COPY" {
            throw PailError(
                .invalidRequest,
                "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes."
            )
        }
        let replacement = directive == "REPLACE" ? try S3Headers.objectHeaders(call.incoming) : nil
        let store = call.engine.store
        let object = try await Blocking.run {
            try store.copyObject(from: copied.key, versionId: copied.versionId, to: target, headers: replacement)
        }
        var headers = call.headers()
        headers[S3Headers.copySourceVersionId] = copied.versionId
        headers[S3Headers.versionId] = object.versionId
        return call.xml(S3CopyResult(.object, lastModified: object.modified, etag: object.etag), headers: headers)
    }

    /// DeleteObject: the object goes behind a delete marker (it can be restored); 204 whether or not it existed.
    static func delete(_ call: S3Call) async throws -> Response {
        let key = try call.objectKey()
        try call.authorize(key: key)
        let store = call.engine.store
        let marker = try await Blocking.run { try store.deleteObject(key: key) }
        var headers = call.headers()
        if let marker {
            headers[S3Headers.deleteMarker] = "true"
            headers[S3Headers.versionId] = marker
        }
        return Response(status: .noContent, headers: headers)
    }
}
