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
            throw PailError(.noSuchBucket, "The specified bucket does not exist: \(RemotePath.printable(bucket)) (this endpoint serves '\(call.engine.credentials.bucket)')")
        }
        if route.key == nil {
            switch method {
            case "GET":
                if route.has("location") { return BucketOperations.location(call) }
                if route.has("versioning") { return BucketOperations.versioning(call) }
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
        switch method {
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
        for (name, _) in route.parameters where !allowed.contains(name) && !Presigner.isAuthParameter(name)
            && !name.hasPrefix("x-pail-") && !["AWSAccessKeyId", "Expires", "Signature", "x-id"].contains(name)
        {
            throw PailError(.notImplemented, "A header or query you provided implies functionality that is not implemented: '\(RemotePath.printable(name))'")
        }
    }

    private static func notAllowed(_ method: String, _ resource: String) -> PailError {
        PailError(.methodNotAllowed, "The specified method is not allowed against this resource: \(RemotePath.printable(method)) on \(resource)")
    }
}
