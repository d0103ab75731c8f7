import Foundation
import HTTPTypes
import Hummingbird
import PailCore

/// The operations on the one bucket a root serves: ListBuckets, HeadBucket, GetBucketLocation,
/// GetBucketVersioning, and CreateBucket of that bucket (answered as S3 answers its owner).
enum BucketOperations {
    static func listBuckets(_ call: S3Call) -> Response {
        let bucket = call.engine.credentials.bucket
        let owner = call.caller.accessKey.user ?? "pail"
        return call.xml(
            S3ListAllMyBucketsResult(
                owner: S3Owner(id: owner, displayName: owner), buckets: [.init(name: bucket, creationDate: call.bucketCreated)]))
    }

    static func headBucket(_ call: S3Call) -> Response {
        var headers = call.headers()
        headers[HTTPField.Name("x-amz-bucket-region")!] = call.engine.credentials.region
        return Response(status: .ok, headers: headers)
    }

    /// us-east-1 is answered with an empty constraint, as S3 does.
    static func location(_ call: S3Call) -> Response {
        call.xml(S3LocationConstraint(region: call.engine.credentials.region))
    }

    /// Versioning is always on: the store keeps old versions for each user's retention.
    static func versioning(_ call: S3Call) -> Response {
        call.xml(S3VersioningConfiguration())
    }

    /// CreateBucket of the served bucket: in us-east-1 S3 answers its owner 200, elsewhere `BucketAlreadyOwnedByYou`.
    static func create(_ call: S3Call) throws -> Response {
        guard call.engine.credentials.region == "us-east-1" else {
            throw PailError(.bucketAlreadyOwnedByYou, "Your previous request to create the named bucket succeeded and you already own it.")
        }
        var headers = call.headers()
        headers[.location] = "/\(call.engine.credentials.bucket)"
        return Response(status: .ok, headers: headers)
    }
}
