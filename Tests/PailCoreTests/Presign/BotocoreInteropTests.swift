import Foundation
import Testing
@testable import PailCore

/// URLs presigned by botocore (the SDK behind boto3 and the AWS CLI) verify, and Pail signs them identically.
@Suite(.enabled(if: Botocore.isAvailable, "python3 with boto3 is not installed; skipping the botocore interop tests"))
struct BotocoreInteropTests {
    static let keys = [
        "alice/a.txt",
        "alice/my docs/report 2024.pdf",
        "alice/日本語/ファイル 名.txt",
        "alice/😀 cafe\u{301} café.png",
        "alice/a+b=c&d?e#f%g~h",
    ]

    @Test(arguments: ["get_object", "put_object"])
    func botocoreURLsVerify(operation: String) throws {
        let method: HTTPMethod = operation == "put_object" ? .put : .get
        for (key, url) in zip(Self.keys, try Botocore.presign(operation: operation, keys: Self.keys)) {
            let signedAt = try signingTime(of: url)
            let request = try PresignFixture.presigner.verify(method: method, url: url, now: signedAt.addingTimeInterval(3))
            #expect(Array(request.key.utf8) == Array(key.utf8))
            #expect(request.expiresAt == signedAt.addingTimeInterval(3600))
            #expect(request.query.isEmpty)
            // Pail's own presigner, given the same instant, produces the very same URL.
            #expect(try PresignFixture.presigner.presign(method: method, key: key, expires: 3600, now: signedAt) == url)
            #expect(throws: PailError.self) {
                try PresignFixture.presigner.verify(method: method == .put ? .get : .put, url: url, now: signedAt)
            }
        }
    }

    /// The X-Amz-Date of a URL: verifying "now" must be within its validity.
    func signingTime(of url: String) throws -> Date {
        let amzDate = try #require(PresignFixture.value(of: "X-Amz-Date", in: url))
        return try #require(SigV4.parseAmzDate(amzDate))
    }

    @Test func botocoreSignedContentTypeIsCheckedAgainstTheRequestHeaders() throws {
        let url = try #require(try Botocore.presign(
            operation: "put_object", keys: ["alice/a b.txt"], extraParams: ["ContentType": "text/plain"]).first)
        #expect(PresignFixture.value(of: "X-Amz-SignedHeaders", in: url) == "content-type%3Bhost")
        let signedAt = try signingTime(of: url)
        _ = try PresignFixture.presigner.verify(
            method: .put, url: url, now: signedAt, headers: ["Content-Type": "text/plain"])
        for headers in [[:], ["Content-Type": "text/html"]] {
            let error = #expect(throws: PailError.self) {
                try PresignFixture.presigner.verify(method: .put, url: url, now: signedAt, headers: headers)
            }
            #expect(error?.code == .signatureDoesNotMatch)
        }
    }
}

/// Runs botocore in a python3 child process.
enum Botocore {
    static let isAvailable: Bool = (try? run(["-c", "import boto3"])) != nil

    /// Path-style s3v4 presigned URLs for `keys`, valid 3600 s, signed with the fixture's credentials.
    static func presign(operation: String, keys: [String], extraParams: [String: String] = [:]) throws -> [String] {
        let script = """
            import json, sys, boto3
            from botocore.config import Config
            c = json.loads(sys.argv[1])
            s3 = boto3.client("s3", endpoint_url=c["endpoint"], region_name=c["region"],
                aws_access_key_id=c["access_key_id"], aws_secret_access_key=c["secret_access_key"],
                config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
            for key in json.loads(sys.argv[3]):
                params = dict(json.loads(sys.argv[4]), Bucket=c["bucket"], Key=key)
                print(s3.generate_presigned_url(sys.argv[2], Params=params, ExpiresIn=3600))
            """
        func json(_ value: some Encodable) throws -> String { String(decoding: try JSONEncoder().encode(value), as: UTF8.self) }
        let output = try run(["-c", script, json(PresignFixture.credentials), operation, json(keys), json(extraParams)])
        return output.split(separator: "\n").map(String.init)
    }

    /// Runs `python3 arguments…` and returns its standard output; throws unless it exits 0.
    private static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        var environment = ProcessInfo.processInfo.environment
        for name in environment.keys where name.hasPrefix("AWS_") { environment[name] = nil }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PailError(.internalError, "python3 exited with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
