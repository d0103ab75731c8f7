import Foundation
import Hummingbird
import PailCore

/// ListObjects (v1: `marker`) and ListObjectsV2 (`list-type=2`: continuation token, `start-after`),
/// answered from the inventory, as the CLI's `ls` is: eventually consistent, and confined to what the
/// caller's key may see.
enum Listing {
    static func list(_ call: S3Call) async throws -> Response {
        let route = call.route
        let version2 = try route.value("list-type") == "2"
        let prefix = try route.value("prefix") ?? ""
        let delimiter = try route.value("delimiter")
        let encoding = try encodingType(route)
        let maxKeys = try maxKeys(route)
        let user = try scope(call, prefix: prefix)
        let token = try route.value("continuation-token")
        let startAfter = try route.value("start-after")
        let marker = version2 ? try token.map(decodeToken) ?? startAfter : try route.value("marker")
        let api = call.engine.api
        let page = try await Blocking.run {
            try api.listKeys(prefix: prefix, delimiter: delimiter, after: marker, maxKeys: maxKeys, user: user)
        }
        let bucket = call.engine.credentials.bucket
        let contents = page.objects.map {
            // The store's write time, as HEAD's Last-Modified; the file's own time is in x-amz-meta-mtime.
            S3ListedObject(key: $0.key, lastModified: $0.entry.stored ?? $0.entry.modified, etag: $0.entry.etag, size: $0.entry.size)
        }
        if version2 {
            let next = page.isTruncated ? page.lastKey.map { Data($0.utf8).base64EncodedString() } : nil
            return call.xml(
                S3ListObjectsV2Result(
                    bucket: bucket, prefix: prefix, continuationToken: token, nextContinuationToken: next, startAfter: startAfter,
                    maxKeys: maxKeys, delimiter: delimiter, isTruncated: page.isTruncated, encodingType: encoding, contents: contents,
                    commonPrefixes: page.commonPrefixes))
        }
        return call.xml(
            S3ListObjectsResult(
                bucket: bucket, prefix: prefix, marker: marker ?? "", nextMarker: page.isTruncated ? page.lastKey : nil, maxKeys: maxKeys,
                delimiter: delimiter, isTruncated: page.isTruncated, encodingType: encoding, contents: contents,
                commonPrefixes: page.commonPrefixes))
    }

    /// The partition a listing is confined to: the caller's own for a user's key (a prefix outside it is
    /// `AccessDenied`), none for the root's key.
    static func scope(_ call: S3Call, prefix: String) throws -> String? {
        guard let user = call.caller.accessKey.user else { return nil }
        guard call.caller.accessKey.allows(prefix: prefix) else {
            throw PailError(.accessDenied, "Access Denied: the key of \(user) can list only under \(user)/")
        }
        return user
    }

    static func maxKeys(_ route: S3Route, name: String = "max-keys") throws -> Int {
        guard let text = try route.value(name) else { return 1000 }
        guard let value = Int(text), value >= 0 else {
            throw PailError(.invalidArgument, "Provided \(name) not an integer or within integer range")
        }
        return min(value, 1000)
    }

    static func encodingType(_ route: S3Route) throws -> S3EncodingType? {
        guard let text = try route.value("encoding-type") else { return nil }
        guard let encoding = S3EncodingType(rawValue: text) else {
            throw PailError(.invalidArgument, "Invalid Encoding Method specified in Request")
        }
        return encoding
    }

    private static func decodeToken(_ token: String) throws -> String {
        guard let data = Data(base64Encoded: token), let key = String(data: data, encoding: .utf8) else {
            throw PailError(.invalidArgument, "The continuation token provided is incorrect")
        }
        return key
    }
}
