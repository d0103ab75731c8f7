import Foundation
import Hummingbird
import PailCore

/// DeleteObjects (`POST /bucket?delete`): up to 1,000 keys (or versions) in one request. Each is deleted
/// on its own, as S3 does; what fails (another user's key, a bad key) is listed under `Error` and the
/// rest goes on. The body must carry `Content-MD5` or a flexible checksum, as S3 requires.
enum DeleteObjects {
    static func run(_ call: S3Call) async throws -> Response {
        guard
            call.incoming.header("content-md5") != nil
                || call.incoming.headers.contains(where: {
                    $0.name.hasPrefix("x-amz-checksum-") || $0.name == "x-amz-sdk-checksum-algorithm"
                })
        else {
            throw PailError(.invalidRequest, "Missing required header for this request: Content-MD5 (or an x-amz-checksum-* header)")
        }
        let body = try await RequestBodyReader(call).readXML(limit: S3DeleteRequest.maxBodyBytes)
        let request = try S3DeleteRequest(xml: body)
        let store = call.engine.store
        var deleted: [S3DeleteResult.Deleted] = []
        var errors: [S3DeleteResult.Failure] = []
        for object in request.objects {
            do {
                try RemotePath.validate(key: object.key)
                try call.authorize(key: object.key)
                if let versionId = object.versionId {
                    let removed = try await Blocking.run { try store.deleteVersion(key: object.key, versionId: versionId) }
                    deleted.append(
                        .init(
                            key: object.key, versionId: versionId, deleteMarker: removed?.wasDeleteMarker ?? false,
                            deleteMarkerVersionId: removed?.wasDeleteMarker == true ? versionId : nil))
                } else {
                    let marker = try await Blocking.run { try store.deleteObject(key: object.key) }
                    deleted.append(.init(key: object.key, deleteMarker: marker != nil, deleteMarkerVersionId: marker))
                }
            } catch let error as PailError {
                errors.append(.init(key: object.key, versionId: object.versionId, error: error))
            }
        }
        return call.xml(S3DeleteResult(quiet: request.quiet, deleted: deleted, errors: errors))
    }
}
