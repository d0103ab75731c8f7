import Foundation
import Testing

@testable import PailCore

/// Presigning, and verifying what was presigned.
@Suite struct PresignerTests {
    let presigner = PresignFixture.presigner
    let t0 = PresignFixture.t0

    @Test func urlHasTheDocumentedShape() throws {
        let url = try presigner.presign(
            method: .get, key: "alice/a b.txt", expires: 3600, now: t0.addingTimeInterval(0.7),
            extraQuery: ["x-pail-max-bytes": "10"])
        let prefix =
            "http://localhost:9480/pail/alice/a%20b.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=PAILTESTKEY%2F20231114%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20231114T221320Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host"
            + "&x-pail-max-bytes=10&X-Amz-Signature="
        #expect(url.hasPrefix(prefix))
        let signature = url.dropFirst(prefix.count)
        #expect(signature.count == 64 && signature.allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test(arguments: [
        "alice/a.txt",
        "alice/my docs/report 2024.pdf",
        "alice/日本語/ファイル 名.txt",
        "alice/😀 party 🎉.png",
        "alice/cafe\u{301}.txt",
        "alice/café.txt",
        "alice/a+b.txt",
        "alice/100%.txt",
        "alice/what?.txt",
        "alice/#hash#",
        "alice/a=b&c=d",
        "alice/~tilde-._*'()!$,;:@",
        "alice//double/",
        "alice/./dot/../x",
        "alice/%2F%20 not escapes",
    ])
    func roundTrip(key: String) throws {
        for method in HTTPMethod.allCases {
            let url = try presigner.presign(
                method: method, key: key, expires: 600, now: t0, extraQuery: ["x-pail-max-bytes": "42", "note": "a b+c&d"])
            let request = try presigner.verify(method: method, url: url, now: t0.addingTimeInterval(5))
            #expect(
                request
                    == PresignedRequest(
                        method: method, accessKey: PresignFixture.credentials.accessKey, key: key,
                        query: ["x-pail-max-bytes": "42", "note": "a b+c&d"],
                        signedAt: t0, expiresAt: t0.addingTimeInterval(600)))
            // String equality is up to Unicode equivalence; the key's bytes must survive too.
            #expect(Array(request.key.utf8) == Array(key.utf8))
        }
    }

    @Test func signingTimeIsTruncatedToTheSecond() throws {
        let url = try presigner.presign(method: .get, key: "alice/a", expires: 10, now: t0.addingTimeInterval(0.9))
        let request = try presigner.verify(method: .get, url: url, now: t0)
        #expect(request.signedAt == t0)
        #expect(request.expiresAt == t0.addingTimeInterval(10))
    }

    @Test(arguments: [0, -1, 604_801, Int.max])
    func presignRejectsExpiresOutOfRange(expires: Int) {
        #expect(throws: PailError(.invalidArgument, "Expires must be between 1 and 604800 seconds, not \(expires)")) {
            try presigner.presign(method: .get, key: "alice/a", expires: expires, now: t0)
        }
    }

    @Test func presignAcceptsExpiresBounds() throws {
        for expires in [1, 604_800] {
            let url = try presigner.presign(method: .get, key: "alice/a", expires: expires, now: t0)
            #expect(try presigner.verify(method: .get, url: url, now: t0).expiresAt == t0.addingTimeInterval(Double(expires)))
        }
    }

    @Test func presignRejectsEmptyKeyAndAuthExtras() {
        #expect(throws: PailError.self) { try presigner.presign(method: .get, key: "", expires: 60, now: t0) }
        for name in ["X-Amz-Expires", "x-amz-date", ""] {
            let error = #expect(throws: PailError.self) {
                try presigner.presign(method: .get, key: "alice/a", expires: 60, now: t0, extraQuery: [name: "1"])
            }
            #expect(error?.code == .invalidArgument)
        }
    }

    @Test func defaultPortIsNotPartOfTheSignedHost() throws {
        var credentials = PresignFixture.credentials
        credentials.endpoint = "http://localhost:80"
        let presigner = Presigner(credentials: credentials)
        let url = try presigner.presign(method: .get, key: "alice/a", expires: 60, now: t0)
        #expect(url.hasPrefix("http://localhost:80/pail/alice/a?"))
        _ = try presigner.verify(method: .get, url: url, now: t0)
        _ = try presigner.verify(method: .get, url: url.replacingOccurrences(of: ":80/", with: "/"), now: t0)
        // Host names are case-insensitive; SDKs sign them in lower case.
        _ = try presigner.verify(method: .get, url: url.replacingOccurrences(of: "localhost", with: "LocalHost"), now: t0)
    }

    @Test func credentialsUseSnakeCaseJSON() throws {
        let json = try JSONValue.parse(String(decoding: JSONEncoder().encode(PresignFixture.credentials), as: UTF8.self))
        #expect(
            json == [
                "access_key_id": "PAILTESTKEY", "secret_access_key": "pail/test+secret", "region": "us-east-1",
                "endpoint": "http://localhost:9480", "bucket": "pail",
            ])
        let decoded = try JSONDecoder().decode(Credentials.self, from: Data(json.jsonString().utf8))
        #expect(decoded == PresignFixture.credentials)
    }
}
