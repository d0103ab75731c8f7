import Hummingbird
import PailCore

/// Which S3 operation a request is, from its method, its path (service, bucket or object) and its query's
/// sub-resources, as S3's REST API defines them; anything else is `NotImplemented` or `MethodNotAllowed`.
enum S3Operations {
    static func run(_ call: S3Call) async throws -> Response {
        let route = call.route
        let method = call.incoming.method
        guard let bucket = route.bucket else {
            guard method == "GET" else { throw notAllowed(method, "the service") }
            return BucketOperations.listBuckets(call)
        }
        guard bucket == call.engine.credentials.bucket else {
            throw PailError(
                .noSuchBucket,
                "The specified bucket does not exist: \(RemotePath.printable(bucket)) (this endpoint serves '\(call.engine.credentials.bucket)')"
            )
        }
        if route.key == nil {
            switch method {
            case "GET":
                if route.has("location") { return BucketOperations.location(call) }
                if route.has("versioning") { return BucketOperations.versioning(call) }
                if route.has("uploads") {
                    try refuseUnknownSubresources(
                        route,
                        allowing: ["uploads", "prefix", "delimiter", "key-marker", "upload-id-marker", "max-uploads", "encoding-type"])
                    return try await MultipartOperations.listUploads(call)
                }
                if route.has("versions") {
                    try refuseUnknownSubresources(route, allowing: ["versions", "key-marker", "version-id-marker"] + listingParameters)
                    return try await VersionOperations.list(call)
                }
                try refuseUnknownSubresources(route, allowing: listingParameters)
                return try await Listing.list(call)
            case "HEAD": return BucketOperations.headBucket(call)
            case "POST" where route.has("delete"):
                try refuseUnknownSubresources(route, allowing: ["delete"])
                return try await DeleteObjects.run(call)
            case "PUT":
                try refuseUnknownSubresources(route)
                return try BucketOperations.create(call)
            default: throw notAllowed(method, "the bucket")
            }
        }
        if let uploadId = try route.value("uploadId") {
            return try await multipart(call, uploadId: uploadId)
        }
        switch method {
        case "POST" where route.has("uploads"):
            try refuseUnknownSubresources(route, allowing: ["uploads"])
            return try await MultipartOperations.create(call)
        case "GET", "HEAD":
            try refuseUnknownSubresources(route, allowing: ["versionId"] + responseOverrides)
            return try await ObjectReads.get(call, headOnly: method == "HEAD")
        case "PUT":
            try refuseUnknownSubresources(route)
            if let source = call.incoming.header("x-amz-copy-source") { return try await ObjectWrites.copy(call, source: source) }
            return try await ObjectWrites.put(call)
        case "DELETE":
            try refuseUnknownSubresources(route, allowing: ["versionId"])
            if let versionId = try route.value("versionId") { return try await VersionOperations.deleteVersion(call, versionId: versionId) }
            return try await ObjectWrites.delete(call)
        default:
            throw notAllowed(method, "an object")
        }
    }

    /// The operations on one multipart upload (`?uploadId=…`).
    private static func multipart(_ call: S3Call, uploadId: String) async throws -> Response {
        let route = call.route
        switch call.incoming.method {
        case "PUT":
            try refuseUnknownSubresources(route, allowing: ["uploadId", "partNumber"])
            return try await MultipartOperations.uploadPart(call, uploadId: uploadId)
        case "POST":
            try refuseUnknownSubresources(route, allowing: ["uploadId"])
            return try await MultipartOperations.complete(call, uploadId: uploadId)
        case "DELETE":
            try refuseUnknownSubresources(route, allowing: ["uploadId"])
            return try await MultipartOperations.abort(call, uploadId: uploadId)
        case "GET":
            try refuseUnknownSubresources(route, allowing: ["uploadId", "part-number-marker", "max-parts", "encoding-type"])
            return try await MultipartOperations.listParts(call, uploadId: uploadId)
        default:
            throw notAllowed(call.incoming.method, "a multipart upload")
        }
    }

    private static let listingParameters = [
        "list-type", "prefix", "delimiter", "max-keys", "marker", "continuation-token", "start-after", "encoding-type", "fetch-owner",
    ]

    private static let responseOverrides = [
        "response-content-type", "response-content-disposition", "response-content-encoding", "response-content-language",
        "response-cache-control", "response-expires",
    ]

    /// Sub-resources (`?acl`, `?tagging`, …) this endpoint does not implement are refused rather than ignored,
    /// so a client never takes a plain GET's answer for what it asked. Signing and Pail's own parameters pass.
    private static func refuseUnknownSubresources(_ route: S3Route, allowing allowed: [String] = []) throws {
        for (name, _) in route.parameters
        where !allowed.contains(name) && !Presigner.isAuthParameter(name)
            && !name.hasPrefix("x-pail-") && !["AWSAccessKeyId", "Expires", "Signature", "x-id"].contains(name)
        {
            throw PailError(
                .notImplemented,
                "A header or query you provided implies functionality that is not implemented: '\(RemotePath.printable(name))'")
        }
    }

    private static func notAllowed(_ method: String, _ resource: String) -> PailError {
        PailError(
            .methodNotAllowed, "The specified method is not allowed against this resource: \(RemotePath.printable(method)) on \(resource)")
    }
}
