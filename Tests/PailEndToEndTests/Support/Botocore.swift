import Foundation

/// Presigns URLs with botocore (the SDK behind boto3 and the AWS CLI), in a python3 child process.
enum Botocore {
    static var isAvailable: Bool { Python.hasBoto3 }

    /// A path-style s3v4 presigned URL for `operation` (`put_object`, `get_object`) on `key` of the credentials' bucket.
    static func presign(_ operation: String, key: String, credentials: PailCredentials, expires: Int = 600) throws -> String {
        let script = """
            import json, sys, boto3
            from botocore.config import Config
            c = json.loads(sys.argv[1])
            s3 = boto3.client("s3", endpoint_url=c["endpoint"], region_name=c["region"],
                aws_access_key_id=c["access_key_id"], aws_secret_access_key=c["secret_access_key"],
                config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
            print(s3.generate_presigned_url(sys.argv[2], Params={"Bucket": c["bucket"], "Key": sys.argv[3]},
                ExpiresIn=int(sys.argv[4])))
            """
        let json = String(decoding: try JSONEncoder().encode(credentials), as: UTF8.self)
        return try python(["-c", script, json, operation, key, String(expires)]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func python(_ arguments: [String]) throws -> String {
        let result = try Python.run(arguments)
        guard result.status == 0 else { throw PailTestError("python3 exited with status \(result.status): \(result.stderr)") }
        return result.stdout
    }
}
