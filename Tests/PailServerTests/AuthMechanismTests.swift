import Crypto
import Foundation
import Testing

@testable import PailCore
@testable import PailServer

/// Which mechanism a request is authenticated with, and the refusals that do not depend on a signature's value.
@Suite("Auth mechanisms")
struct AuthMechanismTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)

    static func code(_ request: IncomingRequest, now: Date = now) -> PailError? {
        do {
            _ = try AuthFixture.authenticator().authenticate(request, now: now)
            return nil
        } catch {
            return error as? PailError
        }
    }

    static func presigned(_ url: String, method: String = "PUT", headers: [(String, String)] = []) -> IncomingRequest {
        AuthBotocore.Sent(method: method, url: url, headers: [["host", "127.0.0.1:9480"]] + headers.map { [$0.0, $0.1] }, body: "")
            .incoming
    }

    @Test func sigV2HeadersAreRefusedInWordsS3cmdUnderstands() {
        let request = AuthFixture.request(headers: [("Authorization", "AWS AKPAILALICE0000000000:c2lnbmF0dXJl"), ("Date", "now")])
        // s3cmd retries with SigV4 on exactly this answer.
        #expect(
            Self.code(request)
                == PailError(
                    .invalidRequest, "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256."))
    }

    @Test func oneMechanismAtATime() {
        let url = "http://127.0.0.1:9480/pail/alice/a.txt?AWSAccessKeyId=A&Expires=1&Signature=x&X-Amz-Algorithm=AWS4-HMAC-SHA256"
        #expect(Self.code(Self.presigned(url))?.code == .invalidArgument)
        let both = AuthFixture.request(query: "Signature=x", headers: [("Authorization", "AWS4-HMAC-SHA256 Credential=x")])
        #expect(Self.code(both)?.code == .invalidArgument)
        #expect(Self.code(AuthFixture.request(headers: [("host", "127.0.0.1:9480")]))?.code == .accessDenied)
        let missing = "http://127.0.0.1:9480/pail/alice/a.txt?AWSAccessKeyId=\(AuthFixture.alice.accessKeyId)&Signature=x"
        #expect(Self.code(Self.presigned(missing))?.code == .accessDenied)
        let badExpiry = missing + "&Expires=tomorrow"
        #expect(Self.code(Self.presigned(badExpiry)) == PailError(.accessDenied, "Invalid date (should be seconds since epoch): tomorrow"))
    }

    /// A SigV4 presigned URL's x-amz-* headers must be signed, except those that only make the body checked.
    @Test func presignedV4URLsAndTheirHeaders() throws {
        let presigner = AuthFixture.authenticator().presigner
        let url = try presigner.presign(method: .put, key: "alice/a.txt", expires: 600, now: Self.now, signer: AuthFixture.alice)
        let crc = AuthFixture.base64(.crc32, of: Array("hello".utf8))
        let caller = try AuthFixture.authenticator().authenticate(
            Self.presigned(url, headers: [("x-amz-checksum-crc32", crc), ("x-amz-sdk-checksum-algorithm", "CRC32")]), now: Self.now)
        #expect(caller.presigned?.key == "alice/a.txt")
        let decoder = try PayloadDecoder(Self.presigned(url, headers: [("x-amz-checksum-crc32", crc)]), caller)
        #expect(try AuthFixture.decode(Array("hello".utf8), with: decoder).1.checksum?.base64 == crc)
        #expect(
            Self.code(Self.presigned(url, headers: [("x-amz-copy-source", "/pail/alice/b.txt")]), now: Self.now)
                == PailError(.accessDenied, "There were headers present in the request which were not signed: x-amz-copy-source"))
        #expect(
            Self.code(Self.presigned(url, headers: [("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD")]), now: Self.now)?
                .code == .invalidRequest)
        let hashed = try AuthFixture.authenticator().authenticate(
            Self.presigned(url, headers: [("x-amz-content-sha256", SigV4.sha256Hex("hello"))]), now: Self.now)
        #expect(
            try AuthFixture.failure(Array("hellO".utf8), { try PayloadDecoder(Self.presigned(url), hashed) })
                == .xAmzContentSHA256Mismatch)
    }

    @Test func payloadModesOfTheHeader() throws {
        func mode(_ value: String) throws -> String {
            let payload = try PayloadMode.declared(by: value) {
                ChunkSigner(key: .init(size: .bits256), amzDate: "", scope: "", seedSignature: "")
            }
            return switch payload {
            case .unsigned: "unsigned"
            case .sha256(let hex): "sha256 \(hex)"
            case .signedChunks(_, let trailer): trailer ? "signed chunks, trailer" : "signed chunks"
            case .unsignedChunksWithTrailer: "unsigned chunks, trailer"
            }
        }
        #expect(try mode("UNSIGNED-PAYLOAD") == "unsigned")
        #expect(try mode(String(repeating: "AB", count: 32)) == "sha256 " + String(repeating: "ab", count: 32))
        #expect(try mode("STREAMING-AWS4-HMAC-SHA256-PAYLOAD") == "signed chunks")
        #expect(try mode("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER") == "signed chunks, trailer")
        #expect(try mode("STREAMING-UNSIGNED-PAYLOAD-TRAILER") == "unsigned chunks, trailer")
        #expect(throws: PailError.self) { try mode("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD") }
        #expect(throws: PailError.self) { try mode("abc") }
    }
}
