import Foundation
import Hummingbird
import PailCore

/// ListObjectVersions, and DeleteObject of one version: the store's versions as S3 versioning shows them.
enum VersionOperations {
    static func list(_ call: S3Call) async throws -> Response {
        let route = call.route
        let prefix = try route.value("prefix") ?? ""
        let delimiter = try route.value("delimiter")
        let encoding = try Listing.encodingType(route)
        let maxKeys = try Listing.maxKeys(route)
        let user = try Listing.scope(call, prefix: prefix)
        let keyMarker = try route.value("key-marker")
        let versionIdMarker = try route.value("version-id-marker")
        let store = call.engine.store
        let page = try await Blocking.run {
            try store.listVersions(
                prefix: prefix, delimiter: delimiter, keyMarker: keyMarker, versionIdMarker: versionIdMarker, maxKeys: maxKeys, user: user)
        }
        let entries: [S3ListVersionsResult.Entry] = page.versions.map { version in
            let owner = RemotePath.split(key: version.key).map { S3Owner(id: $0.user, displayName: $0.user) }
            if version.isDeleteMarker {
                return .deleteMarker(
                    .init(
                        key: version.key, versionId: version.versionId, isLatest: version.isCurrent, lastModified: version.modified,
                        owner: owner))
            }
            return .version(
                .init(
                    key: version.key, versionId: version.versionId, isLatest: version.isCurrent, lastModified: version.modified,
                    etag: version.etag, size: version.size, owner: owner))
        }
        return call.xml(
            S3ListVersionsResult(
                bucket: call.engine.credentials.bucket, prefix: prefix, keyMarker: keyMarker ?? "", versionIdMarker: versionIdMarker ?? "",
                nextKeyMarker: page.isTruncated ? page.nextKeyMarker : nil,
                nextVersionIdMarker: page.isTruncated ? page.nextVersionIdMarker : nil,
                maxKeys: maxKeys, delimiter: delimiter, isTruncated: page.isTruncated, encodingType: encoding, entries: entries,
                commonPrefixes: page.commonPrefixes))
    }

    /// DeleteObject with `versionId`: that version is removed for good (204 even if it did not exist, as S3 answers).
    static func deleteVersion(_ call: S3Call, versionId: String) async throws -> Response {
        let key = try call.objectKey()
        try call.authorize(key: key)
        let store = call.engine.store
        let removed = try await Blocking.run { try store.deleteVersion(key: key, versionId: versionId) }
        var headers = call.headers()
        headers[S3Headers.versionId] = versionId
        if removed?.wasDeleteMarker == true { headers[S3Headers.deleteMarker] = "true" }
        return Response(status: .noContent, headers: headers)
    }
}
