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
        let urlEncoded = try encodingIsURL(route)
        let maxKeys = try maxKeys(route)
        let user = try scope(call, prefix: prefix)
        let token = try route.value("continuation-token")
        let startAfter = try route.value("start-after")
        let marker = version2 ? try token.map(decodeToken) ?? startAfter : try route.value("marker")
        let api = call.engine.api
        let page = try await Blocking.run {
            try api.listKeys(prefix: prefix, delimiter: delimiter, after: marker, maxKeys: maxKeys, user: user)
        }
        func field(_ text: String) -> String { XMLText.escape(urlEncoded ? XMLText.urlEncode(text) : text) }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        xml += "<Name>\(XMLText.escape(call.engine.credentials.bucket))</Name><Prefix>\(field(prefix))</Prefix>"
        if version2 {
            if let token { xml += "<ContinuationToken>\(XMLText.escape(token))</ContinuationToken>" }
            if let startAfter { xml += "<StartAfter>\(field(startAfter))</StartAfter>" }
            xml += "<KeyCount>\(page.objects.count + page.commonPrefixes.count)</KeyCount>"
            if page.isTruncated, let last = page.lastKey {
                xml += "<NextContinuationToken>\(Data(last.utf8).base64EncodedString())</NextContinuationToken>"
            }
        } else {
            xml += "<Marker>\(field(marker ?? ""))</Marker>"
            if page.isTruncated, delimiter != nil, let last = page.lastKey { xml += "<NextMarker>\(field(last))</NextMarker>" }
        }
        xml += "<MaxKeys>\(maxKeys)</MaxKeys>"
        if let delimiter { xml += "<Delimiter>\(field(delimiter))</Delimiter>" }
        if urlEncoded { xml += "<EncodingType>url</EncodingType>" }
        xml += "<IsTruncated>\(page.isTruncated)</IsTruncated>"
        for (key, entry) in page.objects {
            xml += "<Contents><Key>\(field(key))</Key><LastModified>\(S3Timestamp.format(entry.modified))</LastModified>"
            xml += "<ETag>&quot;\(entry.etag)&quot;</ETag><Size>\(entry.size)</Size><StorageClass>STANDARD</StorageClass></Contents>"
        }
        for common in page.commonPrefixes { xml += "<CommonPrefixes><Prefix>\(field(common))</Prefix></CommonPrefixes>" }
        xml += "</ListBucketResult>"
        return call.xml(xml)
    }

    /// The partition a listing is confined to: the caller's own for a user's key (a prefix outside it is
    /// `AccessDenied`), none for the root's key.
    static func scope(_ call: S3Call, prefix: String) throws -> String? {
        guard let user = call.caller.accessKey.user else { return nil }
        guard prefix.hasKeyPrefix(user + "/") || (user + "/").hasKeyPrefix(prefix) else {
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

    static func encodingIsURL(_ route: S3Route) throws -> Bool {
        guard let encoding = try route.value("encoding-type") else { return false }
        guard encoding.lowercased() == "url" else { throw PailError(.invalidArgument, "Invalid Encoding Method specified in Request") }
        return true
    }

    private static func decodeToken(_ token: String) throws -> String {
        guard let data = Data(base64Encoded: token), let key = String(data: data, encoding: .utf8) else {
            throw PailError(.invalidArgument, "The continuation token provided is incorrect")
        }
        return key
    }
}
