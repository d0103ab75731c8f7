import Foundation
import Testing

@testable import PailCore

/// URLs presigned by botocore (the SDK behind boto3 and the AWS CLI) verify, and Pail signs them identically.
@Suite(.enabled(if: BotocoreSigner.isAvailable, "python3 with boto3 is not installed; skipping the botocore interop tests"))
struct BotocoreInteropTests {
    /// botocore signing with the fixture's credentials.
    static let botocore = BotocoreSigner(
        endpoint: PresignFixture.credentials.endpoint, region: PresignFixture.credentials.region,
        accessKeyId: PresignFixture.credentials.accessKeyId, secretAccessKey: PresignFixture.credentials.secretAccessKey,
        bucket: PresignFixture.credentials.bucket)

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
        for (key, url) in zip(Self.keys, try Self.botocore.presign(Self.keys.map { BotocoreSigner.Call(operation, key: $0) })) {
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
        let url = try Self.botocore.presign("put_object", key: "alice/a b.txt", params: ["ContentType": "text/plain"])
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
