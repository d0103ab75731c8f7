import Foundation

/// Presigns URLs with botocore (the SDK behind boto3 and the AWS CLI) in a python3 child process: the
/// reference Pail's signer and verifier are held against. Path style.
///
/// ```swift
/// let signer = BotocoreSigner(accessKeyId: id, secretAccessKey: secret)
/// let url = try signer.presign("get_object", key: "alice/a.txt")
/// ```
public struct BotocoreSigner: Sendable {
    /// One URL to presign: `operation` (`get_object`, `put_object`, …) on `key`, with extra parameters.
    public struct Call: Encodable, Sendable {
        public var operation: String
        public var key: String
        public var params: [String: String]

        public init(_ operation: String, key: String, params: [String: String] = [:]) {
            self.operation = operation
            self.key = key
            self.params = params
        }
    }

    public var endpoint: String
    public var region: String
    public var accessKeyId: String
    public var secretAccessKey: String
    public var bucket: String
    /// `s3v4`, or `s3` for SigV2 URLs (what `aws s3 presign` makes by default).
    public var signatureVersion: String

    public init(
        endpoint: String = "http://127.0.0.1:9480", region: String = "us-east-1", accessKeyId: String, secretAccessKey: String,
        bucket: String = "pail", signatureVersion: String = "s3v4"
    ) {
        self.endpoint = endpoint
        self.region = region
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.bucket = bucket
        self.signatureVersion = signatureVersion
    }

    /// Whether python3 with boto3 is installed.
    public static var isAvailable: Bool { Python.hasBoto3 }

    /// One URL per call, in order, valid `expires` seconds.
    public func presign(_ calls: [Call], expires: Int = 3600) throws -> [String] {
        let script = """
            import json, sys, boto3
            from botocore.config import Config
            spec = json.loads(sys.argv[1])
            s3 = boto3.client("s3", endpoint_url=spec["endpoint"], region_name=spec["region"],
                              aws_access_key_id=spec["id"], aws_secret_access_key=spec["secret"],
                              config=Config(signature_version=spec["version"], s3={"addressing_style": "path"}))
            for call in spec["calls"]:
                params = dict(call["params"], Bucket=spec["bucket"], Key=call["key"])
                print(s3.generate_presigned_url(call["operation"], Params=params, ExpiresIn=spec["expires"]))
            """
        struct Spec: Encodable {
            let endpoint: String, region: String, id: String, secret: String, bucket: String, version: String, expires: Int
            let calls: [Call]
        }
        let spec = Spec(
            endpoint: endpoint, region: region, id: accessKeyId, secret: secretAccessKey, bucket: bucket, version: signatureVersion,
            expires: expires, calls: calls)
        let output = try Python.output(["-c", script, String(decoding: try JSONEncoder().encode(spec), as: UTF8.self)])
        return output.split(separator: "\n").map(String.init)
    }

    /// One URL for `operation` on `key`.
    public func presign(_ operation: String, key: String, params: [String: String] = [:], expires: Int = 3600) throws -> String {
        guard let url = try presign([Call(operation, key: key, params: params)], expires: expires).first else {
            throw TestFailure("botocore printed no URL for \(operation) \(key)")
        }
        return url
    }
}
