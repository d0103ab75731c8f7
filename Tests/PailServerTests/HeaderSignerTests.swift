import Foundation
import Testing

@testable import PailCore
@testable import PailServer

/// The client side of SigV4 in the `Authorization` header: AWS's published examples sign to the very
/// signatures AWS lists, and what it signs, `pail serve`'s own check of header signatures accepts, while a
/// request changed after signing is refused.
@Suite("SigV4 header signer")
struct HeaderSignerTests {
    static let signer = SigV4HeaderSigner(
        accessKeyId: AuthFixture.root.accessKeyId, secretAccessKey: AuthFixture.root.secretAccessKey, region: "us-east-1")
    static let exampleTime = Date(timeIntervalSince1970: 1_369_353_600)  // 20130524T000000Z
    static let emptyHash = SigV4.sha256Hex("")

    static func authorization(_ headers: [(name: String, value: String)]) -> String? {
        headers.first { $0.name == "authorization" }?.value
    }

    /// S3 API reference, "Signature Calculations for the Authorization Header: Transferring Payload in a
    /// Single Chunk": the GET Object, PUT Object and GET Bucket (list objects) examples.
    @Test func awsExamplesSignAsAWSListsThem() {
        let get = Self.signer.sign(
            method: "GET", host: "examplebucket.s3.amazonaws.com", segments: ["test.txt"], query: [],
            headers: [(name: "Range", value: "bytes=0-9")], payloadHash: Self.emptyHash, now: Self.exampleTime)
        #expect(
            Self.authorization(get)
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        let put = Self.signer.sign(
            method: "PUT", host: "examplebucket.s3.amazonaws.com", segments: ["test$file.text"], query: [],
            headers: [(name: "Date", value: "Fri, 24 May 2013 00:00:00 GMT"), (name: "x-amz-storage-class", value: "REDUCED_REDUNDANCY")],
            payloadHash: SigV4.sha256Hex("Welcome to Amazon S3."), now: Self.exampleTime)
        #expect(
            Self.authorization(put)
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
                + "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
        let list = Self.signer.sign(
            method: "GET", host: "examplebucket.s3.amazonaws.com", segments: [""],
            query: [(name: "max-keys", value: "2"), (name: "prefix", value: "J")], headers: [], payloadHash: Self.emptyHash,
            now: Self.exampleTime)
        #expect(Self.authorization(list)?.hasSuffix("Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7") == true)
    }

    /// A request as `pail serve` receives it, with the signer's headers.
    static func request(
        method: String, segments: [String], query: [(name: String, value: String)], headers: [(name: String, value: String)]
    ) -> IncomingRequest {
        IncomingRequest(
            method: method, path: SigV4.canonicalURI(segments: segments), query: SigV4.canonicalQuery(query), headers: headers)
    }

    @Test(arguments: ["alice/a.txt", "alice/my docs/日本語 ファイル+%.txt", "alice/a+b=c&d?e#f~g"])
    func pailServeAcceptsWhatItSignsAndRefusesItChanged(key: String) throws {
        let now = Date()
        let segments = ["pail"] + key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let query = [(name: "versionId", value: "v 1/2")]
        let headers = Self.signer.sign(
            method: "PUT", host: "127.0.0.1:9480", segments: segments, query: query,
            headers: [(name: "Content-Type", value: "text/plain"), (name: "x-amz-meta-mtime", value: "1700000000")],
            payloadHash: SigV4.unsignedPayload, now: now)
        let authenticator = AuthFixture.authenticator()
        let caller = try authenticator.authenticate(
            Self.request(method: "PUT", segments: segments, query: query, headers: headers), now: now)
        #expect(caller.accessKey.accessKeyId == AuthFixture.root.accessKeyId)

        let changed: [IncomingRequest] = [
            Self.request(method: "GET", segments: segments, query: query, headers: headers),
            Self.request(method: "PUT", segments: segments + ["x"], query: query, headers: headers),
            Self.request(method: "PUT", segments: segments, query: [(name: "versionId", value: "v2")], headers: headers),
            Self.request(
                method: "PUT", segments: segments, query: query,
                headers: headers.map { $0.name == "content-type" ? (name: $0.name, value: "text/html") : $0 }),
        ]
        for request in changed {
            let error = #expect(throws: PailError.self) { try authenticator.authenticate(request, now: now) }
            #expect(error?.code == .signatureDoesNotMatch, "\(request.method) \(request.path)?\(request.query)")
        }
    }
}
