import Crypto
import Foundation
import PailCore

/// A presigned URL of AWS Signature Version 2 (`?AWSAccessKeyId=…&Expires=<epoch seconds>&Signature=…`), as
/// botocore (`signature_version="s3"`) and `s3cmd signurl` make them: `Signature` is the base64 HMAC-SHA1 of
/// `METHOD\n<Content-MD5>\n<Content-Type>\n<Expires>\n<x-amz-* headers><resource>`, the resource being the path
/// as sent plus S3's sub-resources and `response-*` overrides, sorted.
///
/// ```swift
/// let signature = try QuerySignatureV2(try request.parameters())
/// let caller = try signature.verify(request, now: Date(), bucket: "pail", keys: lookup)
/// ```
struct QuerySignatureV2 {
    let accessKeyId: String
    /// `Expires` as sent: it is what was signed.
    let expires: String
    let expiresAt: Date
    let signature: String

    /// Query parameters that are part of the signed resource (the names botocore signs, S3's list).
    static let subresources: Set = [
        "accelerate", "acl", "analytics", "cors", "defaultObjectAcl", "delete", "inventory", "lifecycle", "location",
        "logging", "metrics", "notification", "object-lock", "partNumber", "policy", "replication", "requestPayment",
        "response-cache-control", "response-content-disposition", "response-content-encoding", "response-content-language",
        "response-content-type", "response-expires", "restore", "select", "select-type", "storageClass", "tagging",
        "torrent", "uploadId", "uploads", "versionId", "versioning", "versions", "website",
    ]

    init(_ parameters: [(name: String, value: String)]) throws {
        func single(_ name: String) throws -> String {
            let values = parameters.filter { $0.name == name }
            guard values.count == 1 else {
                throw PailError(
                    .accessDenied,
                    values.isEmpty
                        ? "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters"
                        : "The query parameter \(name) appears more than once")
            }
            return values[0].value
        }
        accessKeyId = try single("AWSAccessKeyId")
        expires = try single("Expires")
        signature = try single("Signature")
        guard !expires.isEmpty, expires.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let seconds = Int64(expires)
        else {
            throw PailError(.accessDenied, "Invalid date (should be seconds since epoch): \(RemotePath.printable(expires))")
        }
        expiresAt = Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Checks, in S3's order, the access key (`InvalidAccessKeyId`), the signature (`SignatureDoesNotMatch`), the
    /// expiry (`AccessDenied` "Request has expired"), then the bucket and the key's scope (`AccessDenied`).
    func verify(_ request: IncomingRequest, now: Date, bucket: String, keys: (String) throws -> AccessKey?) throws -> AuthenticatedRequest {
        guard let key = try keys(accessKeyId) else {
            throw PailError(.invalidAccessKeyId, "The AWS Access Key Id you provided does not exist in our records.")
        }
        let mac = HMAC<Insecure.SHA1>.authenticationCode(
            for: Data(try Self.stringToSign(request, expires: expires).utf8), using: SymmetricKey(data: Data(key.secretAccessKey.utf8)))
        guard SigV4.constantTimeEquals(Data(mac).base64EncodedString(), signature) else {
            throw PailError(
                .signatureDoesNotMatch,
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
        }
        guard now <= expiresAt else { throw PailError(.accessDenied, "Request has expired") }
        let segments = try request.pathSegments()
        guard segments[0] == bucket else {
            throw PailError(
                .accessDenied, "Access Denied: this store serves bucket '\(bucket)', not '\(RemotePath.printable(segments[0]))'")
        }
        let objectKey = segments.dropFirst().joined(separator: "/")
        guard !objectKey.isEmpty else {
            throw PailError(.invalidRequest, "The URL names no object key: expected http(s)://host/bucket/key")
        }
        guard key.allows(key: objectKey) else {
            throw PailError(
                .accessDenied, "Access Denied: \(key.user ?? "this key")'s key cannot act on \(RemotePath.printable(objectKey))")
        }
        let payload = try PayloadMode.declared(by: request.header("x-amz-content-sha256") ?? SigV4.unsignedPayload, signer: nil)
        return AuthenticatedRequest(accessKey: key, payload: payload, scheme: .presignedV2(expiresAt: expiresAt))
    }

    /// What SigV2 signs. `Content-MD5` and `Content-Type` come from the headers, or from the query where botocore
    /// moves them; `x-amz-*` likewise, from both.
    static func stringToSign(_ request: IncomingRequest, expires: String) throws -> String {
        let query = try rawParameters(request.query)
        func value(_ name: String) -> String {
            (request.header(name) ?? query.first { $0.name.lowercased() == name }?.value ?? "").trimmingCharacters(in: .whitespaces)
        }
        var amzHeaders: [String: [String]] = [:]
        for (name, value) in request.headers where name.hasPrefix("x-amz-") {
            amzHeaders[name, default: []].append(value.trimmingCharacters(in: .whitespaces))
        }
        for parameter in query where parameter.name.lowercased().hasPrefix("x-amz-") {
            amzHeaders[parameter.name.lowercased(), default: []].append(parameter.value ?? "")
        }
        let canonicalHeaders = amzHeaders.keys.sorted().map { "\($0):\(amzHeaders[$0]!.joined(separator: ","))\n" }.joined()
        let signedSubresources = query.filter { subresources.contains($0.name) }
            .sorted { $0.name < $1.name }
            .map { parameter in parameter.value.map { "\(parameter.name)=\($0)" } ?? parameter.name }
        let resource = request.path + (signedSubresources.isEmpty ? "" : "?" + signedSubresources.joined(separator: "&"))
        return [request.method, value("content-md5"), value("content-type"), expires].joined(separator: "\n") + "\n"
            + canonicalHeaders + resource
    }

    /// The query's parameters decoded, keeping apart `?uploads` (no value) and `?uploads=` (an empty one), as
    /// SigV2 signs them apart.
    private static func rawParameters(_ query: String) throws -> [(name: String, value: String?)] {
        let malformed = PailError(.invalidURI, "Couldn't parse the specified URI: a malformed %-escape or bytes that are not UTF-8")
        return try query.utf8.split(separator: UInt8(ascii: "&")).map { pair in
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            guard let name = SigV4.percentDecode(pair[..<(equals ?? pair.endIndex)]) else { throw malformed }
            guard let equals else { return (name: name, value: nil) }
            guard let value = SigV4.percentDecode(pair[pair.index(after: equals)...]) else { throw malformed }
            return (name: name, value: value)
        }
    }
}
