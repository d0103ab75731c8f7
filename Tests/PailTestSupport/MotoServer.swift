import Foundation

/// moto's S3-compatible server (the object store issue 16's tests run against), started in a python3 child
/// process on a free loopback port with moto's IAM authentication on: after it has made a user, an access
/// key and an `s3:*` policy, every request must carry a valid signature of that key. Stops when released.
///
/// ```swift
/// let moto = try MotoServer()
/// // sign requests to moto.endpoint with moto.accessKeyId / moto.secretAccessKey
/// ```
public final class MotoServer: @unchecked Sendable {
    /// Whether python3 has moto's server and boto3 (`.ci/run` installs `moto[server]`).
    public static let isAvailable: Bool = (try? Python.run(["-c", "import boto3, moto.server, flask"]).status) == 0

    /// `http://127.0.0.1:PORT`.
    public let endpoint: String
    public let accessKeyId: String
    public let secretAccessKey: String
    private let process: Process
    private let input: Pipe

    private static let script = """
        import json, os, socket, sys
        os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = "3"  # the three IAM calls below; every request after is checked
        from moto.server import ThreadedMotoServer
        import boto3
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
        server.start()
        endpoint = "http://127.0.0.1:%d" % port
        iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="setup", aws_secret_access_key="setup")
        iam.create_user(UserName="pail")
        key = iam.create_access_key(UserName="pail")["AccessKey"]
        policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
        iam.put_user_policy(UserName="pail", PolicyName="s3", PolicyDocument=json.dumps(policy))
        print(json.dumps({"endpoint": endpoint, "id": key["AccessKeyId"], "secret": key["SecretAccessKey"]}), flush=True)
        sys.stdin.read()  # until the test lets go
        server.stop()
        """

    public init() throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script]
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line is the server's address and key; end of file before it means the server did not start.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let more = output.fileHandleForReading.availableData
            if more.isEmpty { break }
            line += more
        }
        struct Started: Decodable { let endpoint: String, id: String, secret: String }
        guard let started = try? JSONDecoder().decode(Started.self, from: line) else {
            process.terminate()
            throw TestFailure("moto's server did not start: \(String(decoding: line, as: UTF8.self))")
        }
        endpoint = started.endpoint
        accessKeyId = started.id
        secretAccessKey = started.secret
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
