import Foundation
import PailCore
import Testing

@testable import PailServer

/// The documents as a real client reads them: botocore's own response parser (`RestXMLParser` with the s3
/// service model, then the listing decoders botocore runs after `encoding-type=url`), and the request
/// bodies botocore's own serializer writes, read back here. Needs `python3` with `botocore`; without them
/// the tests fail, saying so.
@Suite("S3 XML as botocore reads and writes it")
struct S3XMLBotocoreTests {
    static let now = Date(timeIntervalSince1970: 1_796_042_096)
    static let nowInPython = "2026-11-30T12:34:56+00:00"
    static let owner = S3Owner(id: "ann-id", displayName: "Ann & <Co>")
    static let keys = OddKeys.legal + OddKeys.unwritable
    /// The keys as a listing without `encoding-type=url` shows them.
    static let shownKeys = keys.map { key in
        String(String.UnicodeScalarView(key.unicodeScalars.map { XMLBodyReader.isXMLCharacter($0.value) ? $0 : "\u{FFFD}" }))
    }

    static let script = #"""
        import json, sys, datetime, types
        try:
            import botocore.session, botocore.parsers, botocore.handlers, botocore.serialize
        except ImportError as error:
            sys.stderr.write("python3 cannot import botocore (%s): install it with `pip install botocore`\n" % error)
            sys.exit(3)
        model = botocore.session.get_session().get_service_model("s3")
        decoders = {
            "ListObjects": botocore.handlers.decode_list_object,
            "ListObjectsV2": botocore.handlers.decode_list_object_v2,
            "ListObjectVersions": botocore.handlers.decode_list_object_versions,
        }
        cases = json.load(open(sys.argv[1], encoding="utf-8"))
        out = {"responses": [], "requests": []}
        for case in cases["responses"]:
            operation = model.operation_model(case["operation"])
            body = case["xml"].encode("utf-8")
            response = {"status_code": case["status"], "headers": {}, "body": body}
            parsed = botocore.parsers.RestXMLParser().parse(response, operation.output_shape)
            parsed.pop("ResponseMetadata", None)
            if case["operation"] == "GetBucketLocation":
                botocore.handlers.parse_get_bucket_location(parsed, types.SimpleNamespace(raw=True, content=body))
            if case.get("autoEncoded"):
                decoders[case["operation"]](parsed=parsed, context={"encoding_type_auto_set": True})
            out["responses"].append(parsed)
        serializer = botocore.serialize.create_serializer("rest-xml", include_validation=True)
        for case in cases["requests"]:
            request = serializer.serialize_to_request(case["params"], model.operation_model(case["operation"]))
            body = request["body"]
            out["requests"].append(body.decode("utf-8") if isinstance(body, bytes) else body)
        plain = lambda value: value.isoformat() if isinstance(value, datetime.datetime) else str(value)
        json.dump(out, sys.stdout, default=plain)
        """#

    /// Runs the cases through botocore: each response's parsed fields, each request's serialized body.
    func botocore(responses: [[String: Any]], requests: [[String: Any]] = []) throws -> (responses: [[String: Any]], requests: [String]) {
        let folder = try TemporaryFolder("pail-s3xml")
        defer { folder.remove() }
        let input = folder.path + "/cases.json"
        try JSONSerialization.data(withJSONObject: ["responses": responses, "requests": requests]).write(to: URL(fileURLWithPath: input))
        let data = Data(try Python.output(["-c", Self.script, input]).utf8)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        guard let parsed = object?["responses"] as? [[String: Any]], let bodies = object?["requests"] as? [String] else {
            throw TestFailure("botocore check wrote no result: \(String(decoding: data, as: UTF8.self))")
        }
        return (parsed, bodies)
    }

    func response(_ operation: String, _ document: some S3XMLDocument, status: Int = 200, autoEncoded: Bool = false) -> [String: Any] {
        ["operation": operation, "xml": document.xmlString, "status": status, "autoEncoded": autoEncoded]
    }

    func objects(_ keys: [String], owner: S3Owner? = nil) -> [S3ListedObject] {
        keys.enumerated().map { S3ListedObject(key: $1, lastModified: Self.now, etag: "etag\($0)", size: Int64($0), owner: owner) }
    }

    func strings(_ list: Any?, _ field: String) -> [String]? {
        (list as? [[String: Any]])?.map { $0[field] as? String ?? "<missing>" }
    }

    @Test("ListObjectsV2: keys, prefixes and StartAfter with odd characters, plain and URL-encoded")
    func listObjectsV2() throws {
        let prefixes = ["a b/", "a+b/", "a&b/", "日本/", "%2F/"]
        func document(_ encoding: S3EncodingType?) -> S3ListObjectsV2Result {
            S3ListObjectsV2Result(
                bucket: "pail", prefix: "", continuationToken: "t+1/=", nextContinuationToken: "t+2/=", startAfter: "a b+c&d",
                maxKeys: 1000, delimiter: "/", isTruncated: true, encodingType: encoding,
                contents: objects(Self.keys, owner: Self.owner), commonPrefixes: prefixes)
        }
        let parsed = try botocore(responses: [
            response("ListObjectsV2", document(nil)), response("ListObjectsV2", document(.url), autoEncoded: true),
        ]).responses
        for (result, expectedKeys) in zip(parsed, [Self.shownKeys, Self.keys]) {
            #expect(strings(result["Contents"], "Key") == expectedKeys)
            #expect(strings(result["CommonPrefixes"], "Prefix") == prefixes)
            #expect(result["StartAfter"] as? String == "a b+c&d")
            #expect(result["ContinuationToken"] as? String == "t+1/=")
            #expect(result["NextContinuationToken"] as? String == "t+2/=")
            #expect(result["Delimiter"] as? String == "/")
            #expect(result["KeyCount"] as? Int == Self.keys.count + prefixes.count)
            #expect(result["MaxKeys"] as? Int == 1000)
            #expect(result["IsTruncated"] as? Bool == true)
            let first = try #require((result["Contents"] as? [[String: Any]])?.last)
            #expect(first["ETag"] as? String == "\"etag\(Self.keys.count - 1)\"")
            #expect(first["Size"] as? Int == Self.keys.count - 1)
            #expect(first["StorageClass"] as? String == "STANDARD")
            #expect(first["LastModified"] as? String == Self.nowInPython)
            #expect((first["Owner"] as? [String: Any])?["DisplayName"] as? String == "Ann & <Co>")
        }
        #expect(parsed[1]["EncodingType"] as? String == "url")
    }

    @Test("ListObjects v1: markers decoded; Prefix too is URL-encoded, which botocore leaves as it is")
    func listObjectsV1() throws {
        let document = S3ListObjectsResult(
            bucket: "pail", prefix: "p q/", marker: "m n", nextMarker: "a+b", maxKeys: 2, delimiter: "/", isTruncated: true,
            encodingType: .url, contents: objects(["p q/a+b"], owner: Self.owner), commonPrefixes: ["p q/c d/"])
        let result = try #require(try botocore(responses: [response("ListObjects", document, autoEncoded: true)]).responses.first)
        #expect(strings(result["Contents"], "Key") == ["p q/a+b"])
        #expect(strings(result["CommonPrefixes"], "Prefix") == ["p q/c d/"])
        #expect(result["Marker"] as? String == "m n")
        #expect(result["NextMarker"] as? String == "a+b")
        // botocore's decode_list_object skips Prefix, though S3 documents it as encoded (and encodes it).
        #expect(result["Prefix"] as? String == "p+q/")
    }

    @Test("ListObjectVersions: versions and delete markers with odd keys, plain and URL-encoded")
    func listVersions() throws {
        func document(_ encoding: S3EncodingType?) -> S3ListVersionsResult {
            let entries: [S3ListVersionsResult.Entry] = Self.keys.enumerated().flatMap { index, key in
                [
                    .deleteMarker(.init(key: key, versionId: "v\(index)b", isLatest: true, lastModified: Self.now, owner: Self.owner)),
                    .version(
                        .init(
                            key: key, versionId: "v\(index)a", isLatest: false, lastModified: Self.now, etag: "e", size: 7,
                            owner: Self.owner)),
                ]
            }
            return S3ListVersionsResult(
                bucket: "pail", prefix: "a b", keyMarker: "k+1 2", versionIdMarker: "v0", nextKeyMarker: "n&m",
                nextVersionIdMarker: "v9", maxKeys: 1000, delimiter: " ", isTruncated: true, encodingType: encoding,
                entries: entries, commonPrefixes: ["a b c "])
        }
        let parsed = try botocore(responses: [
            response("ListObjectVersions", document(nil)), response("ListObjectVersions", document(.url), autoEncoded: true),
        ]).responses
        for (result, expectedKeys) in zip(parsed, [Self.shownKeys, Self.keys]) {
            #expect(strings(result["Versions"], "Key") == expectedKeys)
            #expect(strings(result["DeleteMarkers"], "Key") == expectedKeys)
            #expect(strings(result["Versions"], "VersionId") == Self.keys.indices.map { "v\($0)a" })
            #expect((result["Versions"] as? [[String: Any]])?.first?["IsLatest"] as? Bool == false)
            #expect((result["DeleteMarkers"] as? [[String: Any]])?.first?["IsLatest"] as? Bool == true)
            #expect((result["Versions"] as? [[String: Any]])?.first?["Size"] as? Int == 7)
            #expect(result["Prefix"] as? String == "a b")
            #expect(result["KeyMarker"] as? String == "k+1 2")
            #expect(result["NextKeyMarker"] as? String == "n&m")
            #expect(result["VersionIdMarker"] as? String == "v0")
            #expect(result["NextVersionIdMarker"] as? String == "v9")
            #expect(result["Delimiter"] as? String == " ")
            #expect(strings(result["CommonPrefixes"], "Prefix") == ["a b c "])
        }
    }

    @Test("DeleteResult, CompleteMultipartUploadResult and the Error body as botocore parses them")
    func deleteCompleteAndError() throws {
        let legal = OddKeys.legal
        let delete = S3DeleteResult(
            quiet: false,
            deleted: legal.map { S3DeleteResult.Deleted(key: $0) }
                + [.init(key: "v", versionId: "3", deleteMarker: true, deleteMarkerVersionId: "4")],
            errors: [.init(key: "a&b <c>", versionId: "1", error: PailError(.accessDenied, "Access Denied"))])
        let complete = S3CompleteMultipartUploadResult(
            location: "http://127.0.0.1:9480/pail/ann/a%26b", bucket: "pail", key: "ann/a&b +c", etag: "3858f62230ac3c915f300c664312c11f-9")
        let error = S3ErrorDocument(
            PailError(.noSuchKey, "The specified key does not exist."), resource: "/pail/a&b", requestId: "R1", fields: [("Key", "a&b")])
        let parsed = try botocore(responses: [
            response("DeleteObjects", delete), response("CompleteMultipartUpload", complete),
            response("GetObject", error, status: 404),
        ]).responses
        #expect(strings(parsed[0]["Deleted"], "Key") == legal + ["v"])
        let marker = try #require((parsed[0]["Deleted"] as? [[String: Any]])?.last)
        #expect(marker["VersionId"] as? String == "3")
        #expect(marker["DeleteMarker"] as? Bool == true)
        #expect(marker["DeleteMarkerVersionId"] as? String == "4")
        let failure = try #require((parsed[0]["Errors"] as? [[String: Any]])?.first)
        #expect(failure as? [String: String] == ["Key": "a&b <c>", "VersionId": "1", "Code": "AccessDenied", "Message": "Access Denied"])

        #expect(
            parsed[1] as? [String: String] == [
                "Location": "http://127.0.0.1:9480/pail/ann/a%26b", "Bucket": "pail", "Key": "ann/a&b +c",
                "ETag": "\"3858f62230ac3c915f300c664312c11f-9\"",
            ])

        let body = try #require(parsed[2]["Error"] as? [String: Any])
        #expect(body["Code"] as? String == "NoSuchKey")
        #expect(body["Message"] as? String == "The specified key does not exist.")
        #expect(body["Key"] as? String == "a&b")
    }

    @Test("the other documents as botocore parses them")
    func otherDocuments() throws {
        let uploads = S3ListMultipartUploadsResult(
            bucket: "pail", maxUploads: 10, isTruncated: false,
            uploads: [.init(key: "a&b c", uploadId: "u1", initiator: Self.owner, owner: Self.owner, initiated: Self.now)],
            commonPrefixes: [])
        let parts = S3ListPartsResult(
            bucket: "pail", key: "a&b", uploadId: "u1", initiator: Self.owner, owner: Self.owner, partNumberMarker: 0,
            nextPartNumberMarker: 1, maxParts: 1, isTruncated: true,
            parts: [.init(partNumber: 1, lastModified: Self.now, etag: "p1", size: 9)])
        let parsed = try botocore(responses: [
            response("ListBuckets", S3ListAllMyBucketsResult(owner: Self.owner, buckets: [.init(name: "pail", creationDate: Self.now)])),
            response("ListMultipartUploads", uploads),
            response("ListParts", parts),
            response("CreateMultipartUpload", S3InitiateMultipartUploadResult(bucket: "pail", key: "a&b", uploadId: "u1")),
            response("CopyObject", S3CopyResult(.object, lastModified: Self.now, etag: "c1")),
            response("UploadPartCopy", S3CopyResult(.part, lastModified: Self.now, etag: "c2")),
            response("GetBucketVersioning", S3VersioningConfiguration()),
            response("GetBucketLocation", S3LocationConstraint(region: "us-east-1")),
            response("GetBucketLocation", S3LocationConstraint(region: "eu-west-1")),
        ]).responses
        #expect((parsed[0]["Buckets"] as? [[String: Any]])?.first?["CreationDate"] as? String == Self.nowInPython)
        #expect((parsed[0]["Owner"] as? [String: Any])?["ID"] as? String == "ann-id")
        let upload = try #require((parsed[1]["Uploads"] as? [[String: Any]])?.first)
        #expect(upload["Key"] as? String == "a&b c")
        #expect(upload["Initiated"] as? String == Self.nowInPython)
        #expect((upload["Initiator"] as? [String: Any])?["DisplayName"] as? String == "Ann & <Co>")
        #expect(parsed[2]["NextPartNumberMarker"] as? Int == 1)
        #expect((parsed[2]["Parts"] as? [[String: Any]])?.first?["ETag"] as? String == "\"p1\"")
        #expect(parsed[3]["UploadId"] as? String == "u1")
        #expect((parsed[4]["CopyObjectResult"] as? [String: Any])?["ETag"] as? String == "\"c1\"")
        #expect((parsed[5]["CopyPartResult"] as? [String: Any])?["LastModified"] as? String == Self.nowInPython)
        #expect(parsed[6]["Status"] as? String == "Enabled")
        #expect(parsed[7]["LocationConstraint"] == nil || parsed[7]["LocationConstraint"] is NSNull)
        #expect(parsed[8]["LocationConstraint"] as? String == "eu-west-1")
    }

    @Test("request bodies botocore writes (Delete, CompleteMultipartUpload, CreateBucketConfiguration) read back exactly")
    func requestsFromBotocore() throws {
        let keys = OddKeys.legal
        let requests: [[String: Any]] = [
            [
                "operation": "DeleteObjects",
                "params": [
                    "Bucket": "pail", "Delete": ["Quiet": true, "Objects": keys.map { ["Key": $0] } + [["Key": "v", "VersionId": "7"]]],
                ],
            ],
            [
                "operation": "CompleteMultipartUpload",
                "params": [
                    "Bucket": "pail", "Key": "k", "UploadId": "u",
                    "MultipartUpload": [
                        "Parts": [
                            ["PartNumber": 1, "ETag": "\"e1\"", "ChecksumCRC32": "AAAAAA=="],
                            ["PartNumber": 2, "ETag": "\"e2\"", "ChecksumSHA256": "s256", "ChecksumCRC64NVME": "n"],
                        ]
                    ],
                ],
            ],
            [
                "operation": "CreateBucket",
                "params": [
                    "Bucket": "pail", "CreateBucketConfiguration": ["LocationConstraint": "eu-west-1"],
                ],
            ],
        ]
        let bodies = try botocore(responses: [], requests: requests).requests
        let delete = try S3DeleteRequest(xml: Array(bodies[0].utf8))
        #expect(delete.quiet)
        // botocore writes a carriage return as it is, which XML reads as a line feed (as S3 does).
        let sent = keys.map { $0.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") }
        #expect(delete.objects == sent.map { S3DeleteRequest.Object(key: $0) } + [.init(key: "v", versionId: "7")])
        let complete = try S3CompleteMultipartUploadRequest(xml: Array(bodies[1].utf8))
        #expect(
            complete.parts == [
                .init(partNumber: 1, etag: "e1", checksumCRC32: "AAAAAA=="),
                .init(partNumber: 2, etag: "e2", checksumCRC64NVME: "n", checksumSHA256: "s256"),
            ])
        #expect(try S3CreateBucketConfiguration(xml: Array(bodies[2].utf8)).locationConstraint == "eu-west-1")
    }
}
