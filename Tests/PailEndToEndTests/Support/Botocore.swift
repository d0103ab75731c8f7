import Foundation

/// Presigns URLs with botocore (the SDK behind boto3 and the AWS CLI), in a python3 child process.
enum Botocore {
    static let isAvailable: Bool = (try? python(["-c", "import boto3"])) != nil

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

    /// Runs `python3 arguments…` (without any AWS_* settings of the environment) and returns its standard output.
    private static func python(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PailTestError("python3 exited with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
