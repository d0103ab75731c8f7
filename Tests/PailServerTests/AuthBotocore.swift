import Foundation

@testable import PailCore
@testable import PailServer

/// Requests and URLs made by botocore itself (the SDK behind boto3 and the AWS CLI), in a python3 child process:
/// a client whose requests are captured just before they would be sent (signed, their aws-chunked bodies built
/// by botocore's own `httpchecksum`), and presigned URLs.
enum AuthBotocore {
    static var isAvailable: Bool { BotocoreSigner.isAvailable }

    /// A request as botocore would send it.
    struct Sent: Decodable {
        let method: String
        let url: String
        let headers: [[String]]
        let body: String

        var bodyBytes: [UInt8] { Array(Data(base64Encoded: body) ?? Data()) }

        /// The request as the server receives it (path and query still `%`-encoded).
        var incoming: IncomingRequest {
            let afterScheme = url[url.range(of: "://")!.upperBound...]
            let target = afterScheme[(afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex)...]
            let question = target.firstIndex(of: "?")
            // botocore leaves `Host` to the HTTP client (urllib3) unless awscrt is installed: add it as urllib3 sends it.
            let authority = String(afterScheme[..<target.startIndex])
            let host = headers.contains { $0[0].lowercased() == "host" } ? [] : [(name: "host", value: authority)]
            return IncomingRequest(
                method: method, path: String(target[..<(question ?? target.endIndex)]),
                query: question.map { String(target[target.index(after: $0)...]) } ?? "",
                headers: host + headers.map { (name: $0[0], value: $0[1]) })
        }

        var signedAt: Date {
            SigV4.parseAmzDate(incoming.header("x-amz-date") ?? "") ?? .distantPast
        }
    }

    /// One call of a client: `operation` (`put_object`, …) on `key` with extra `params`; `body` bytes of the
    /// fixture's pattern; `https` makes botocore send checksums in trailers (it does so only over TLS).
    struct Call: Encodable {
        var operation = "put_object"
        var key = "alice/a.txt"
        var https = false
        var body: Int?
        var params: [String: String] = [:]
        var calculation = "when_supported"
        var md5 = false
    }

    static func send(_ calls: [Call], as key: AccessKey = AuthFixture.alice) throws -> [Sent] {
        let script = """
            import base64, hashlib, json, sys, boto3
            from botocore.awsrequest import AWSResponse
            from botocore.config import Config
            spec = json.loads(sys.argv[1])
            captured = []
            class Raw:
                def stream(self, **kwargs):
                    yield b""
            def capture(request, **kwargs):
                body = request.body
                body = body.read() if hasattr(body, "read") else (body or b"")
                body = body.encode() if isinstance(body, str) else bytes(body)
                headers = [[k, v.decode() if isinstance(v, bytes) else v] for k, v in request.headers.items()]
                captured.append({"method": request.method, "url": request.url, "headers": headers,
                                 "body": base64.b64encode(body).decode()})
                return AWSResponse(request.url, 200, {}, Raw())
            for call in spec["calls"]:
                config = Config(signature_version="s3v4", s3={"addressing_style": "path"},
                                request_checksum_calculation=call["calculation"])
                endpoint = ("https" if call["https"] else "http") + "://127.0.0.1:9480"
                s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", config=config,
                                  aws_access_key_id=spec["id"], aws_secret_access_key=spec["secret"])
                s3.meta.events.register("before-send.s3", capture)
                params = dict(call["params"], Bucket="pail")
                if call["key"]:
                    params["Key"] = call["key"]
                if "PartNumber" in params:
                    params["PartNumber"] = int(params["PartNumber"])
                if call.get("body") is not None:
                    params["Body"] = bytes((i * 31 + 7) & 0xFF for i in range(call["body"]))
                    if call["md5"]:
                        params["ContentMD5"] = base64.b64encode(hashlib.md5(params["Body"]).digest()).decode()
                getattr(s3, call["operation"])(**params)
            print(json.dumps(captured))
            """
        struct Spec: Encodable { let id: String, secret: String, calls: [Call] }
        let spec = Spec(id: key.accessKeyId, secret: key.secretAccessKey, calls: calls)
        let output = try Python.output(["-c", script, String(decoding: try JSONEncoder().encode(spec), as: UTF8.self)])
        return try JSONDecoder().decode([Sent].self, from: Data(output.utf8))
    }

    /// SigV2 presigned URLs (`signature_version="s3"`), path style, valid an hour.
    static func presignV2(_ calls: [Call], as key: AccessKey = AuthFixture.alice, bucket: String = "pail") throws -> [String] {
        let signer = BotocoreSigner(
            accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, bucket: bucket, signatureVersion: "s3")
        return try signer.presign(calls.map { BotocoreSigner.Call($0.operation, key: $0.key, params: $0.params) })
    }
}
