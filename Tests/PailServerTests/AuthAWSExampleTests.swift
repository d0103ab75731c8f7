import Crypto
import Foundation
import Testing

@testable import PailCore
@testable import PailServer

/// AWS's published examples of signed streaming uploads (S3 API reference, "Signature Calculations for the
/// Authorization Header: Transferring Payload in Multiple Chunks" and "… for trailing headers"): 66,560 bytes of
/// `a` in a 64 KiB and a 1 KiB chunk, every signature as AWS lists it.
@Suite("Auth AWS streaming examples")
struct AuthAWSExampleTests {
    static let signedAt = Date(timeIntervalSince1970: 1_369_353_600)  // 20130524T000000Z
    static let data = [UInt8](repeating: UInt8(ascii: "a"), count: 66560)

    /// The request of either example; `trailer` picks the second (`x-amz-trailer: x-amz-checksum-crc32c`).
    static func request(trailer: Bool, decodedLength: String = "66560") -> IncomingRequest {
        let signature =
            trailer
            ? "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e"
            : "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"
        let signedHeaders =
            trailer
            ? "content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class;x-amz-trailer"
            : "content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class"
        var headers: [(String, String)] = [
            ("Host", "s3.amazonaws.com"), ("x-amz-date", "20130524T000000Z"), ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            (
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                    + "SignedHeaders=\(signedHeaders),Signature=\(signature)"
            ),
            ("Content-Encoding", "aws-chunked"), ("x-amz-decoded-content-length", decodedLength),
        ]
        if trailer {
            headers += [
                ("x-amz-content-sha256", PayloadMode.streamingSignedTrailer), ("x-amz-trailer", "x-amz-checksum-crc32c"),
                ("Transfer-Encoding", "chunked"),
            ]
        } else {
            headers += [("x-amz-content-sha256", PayloadMode.streamingSigned), ("Content-Length", "66824")]
        }
        return AuthFixture.request(path: "/examplebucket/chunkObject.txt", headers: headers)
    }

    static func body(trailer: Bool) -> [UInt8] {
        let signatures =
            trailer
            ? [
                "b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2",
                "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7",
                "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992",
            ]
            : [
                "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
                "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
                "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9",
            ]
        var body = Array("10000;chunk-signature=\(signatures[0])\r\n".utf8) + data[..<65536] + Array("\r\n".utf8)
        body += Array("400;chunk-signature=\(signatures[1])\r\n".utf8) + data[65536...] + Array("\r\n".utf8)
        body += Array("0;chunk-signature=\(signatures[2])\r\n".utf8)
        if trailer {
            body += Array("x-amz-checksum-crc32c:sOO8/Q==\r\n".utf8)
            body += Array("x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n".utf8)
        }
        return body + Array("\r\n".utf8)
    }

    static func decoder(_ request: IncomingRequest) throws -> PayloadDecoder {
        let caller = try AuthFixture.authenticator(bucket: "examplebucket").authenticate(request, now: signedAt.addingTimeInterval(60))
        return try PayloadDecoder(request, caller)
    }

    @Test(arguments: [false, true])
    func theExampleDecodes(trailer: Bool) throws {
        let request = Self.request(trailer: trailer)
        let body = Self.body(trailer: trailer)
        if !trailer { #expect(body.count == 66824) }  // the example's Content-Length
        for piece in [nil, 1, 4096, 65536 + 87] as [Int?] {
            let decoder = try Self.decoder(request)
            #expect(decoder.decodedContentLength == 66560)
            let (data, verified) = try AuthFixture.decode(body, with: decoder, piece: piece)
            #expect(data == Self.data)
            #expect(verified.checksum == (trailer ? .init(algorithm: .crc32c, base64: "sOO8/Q==") : nil))
            #expect(verified.responseHeaders.map(\.name) == (trailer ? ["x-amz-checksum-crc32c"] : []))
        }
    }

    @Test func theSeedSignatureStartsTheChain() throws {
        let caller = try AuthFixture.authenticator(bucket: "examplebucket")
            .authenticate(Self.request(trailer: false), now: Self.signedAt)
        guard case .signedChunks(let signer, trailer: false) = caller.payload else {
            Issue.record("expected signed chunks, got \(caller.payload)")
            return
        }
        #expect(signer.seedSignature == "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9")
        #expect(
            signer.chunkSignature(previous: signer.seedSignature, chunkHash: SHA256.hash(data: Self.data[..<65536]))
                == "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648")
    }

    /// Every change to the body is refused, with S3's error for it, however the body is split.
    @Test(arguments: [false, true])
    func changedBodiesAreRefused(trailer: Bool) throws {
        let request = Self.request(trailer: trailer)
        let body = Self.body(trailer: trailer)
        let makeDecoder = { try Self.decoder(request) }
        var tampered = body
        tampered[100] = UInt8(ascii: "b")
        #expect(try AuthFixture.failure(tampered, makeDecoder) == .signatureDoesNotMatch)
        let signatureAt = body.firstIndex(of: UInt8(ascii: "="))! + 1
        var wrongSignature = body
        wrongSignature[signatureAt] = wrongSignature[signatureAt] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        #expect(try AuthFixture.failure(wrongSignature, makeDecoder) == .signatureDoesNotMatch)
        // The chunks swapped: each is signed after the one before it.
        let firstEnd = 88 + 65536 + 2
        let secondEnd = firstEnd + 86 + 1024 + 2
        let swapped = Array(body[firstEnd..<secondEnd]) + body[..<firstEnd] + body[secondEnd...]
        #expect(try AuthFixture.failure(swapped, makeDecoder) == .signatureDoesNotMatch)
        #expect(try AuthFixture.failure(Array(body.dropLast(40)), makeDecoder) == .incompleteBody)
        #expect(try AuthFixture.failure(Array(body[..<5000]), makeDecoder) == .incompleteBody)
        #expect(try AuthFixture.failure(body + Array("x".utf8), makeDecoder) == .incompleteBody)
        // Without the closing empty line nothing is lost: accepted, unless Content-Length counted it.
        #expect(try AuthFixture.failure(Array(body.dropLast(2)), makeDecoder) == (trailer ? nil : .incompleteBody))
    }

    @Test func aChangedTrailerIsRefused() throws {
        let request = Self.request(trailer: true)
        let body = String(decoding: Self.body(trailer: true), as: UTF8.self)
        let makeDecoder = { try Self.decoder(request) }
        let changed = body.replacingOccurrences(of: "sOO8/Q==", with: "AAAAAA==")
        #expect(try AuthFixture.failure(Array(changed.utf8), makeDecoder) == .signatureDoesNotMatch)
        let unsigned = body.replacingOccurrences(
            of: "x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n", with: "")
        #expect(try AuthFixture.failure(Array(unsigned.utf8), makeDecoder) == .signatureDoesNotMatch)
        let undeclared = body.replacingOccurrences(of: "x-amz-checksum-crc32c:", with: "x-amz-checksum-crc32:")
        #expect(try AuthFixture.failure(Array(undeclared.utf8), makeDecoder) == .malformedTrailerError)
        // A wrong checksum whose trailer is signed (by the example's key) is a BadDigest.
        let caller = try AuthFixture.authenticator(bucket: "examplebucket").authenticate(request, now: Self.signedAt)
        guard case .signedChunks(let signer, trailer: true) = caller.payload else { return }
        let wrong = "x-amz-checksum-crc32c:AAAAAA==\n"
        let signature = signer.trailerSignature(
            previous: "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992", canonicalTrailers: wrong)
        let badDigest = body.replacingOccurrences(of: "sOO8/Q==", with: "AAAAAA==")
            .replacingOccurrences(of: "d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435", with: signature)
        #expect(try AuthFixture.failure(Array(badDigest.utf8), makeDecoder) == .badDigest)
    }

    @Test func theDecodedLengthIsEnforced() throws {
        // The header is signed, so a changed one fails the seed signature...
        #expect(throws: PailError.self) { try Self.decoder(Self.request(trailer: false, decodedLength: "66559")) }
        // ... and a body whose chunks hold fewer bytes than it says is incomplete (the last chunk dropped, and with
        // it the right to end: the 0-size chunk's signature then follows the first chunk's).
        let body = Self.body(trailer: false)
        let firstEnd = 88 + 65536 + 2
        let shorter = Array(body[..<firstEnd]) + body[(firstEnd + 86 + 1024 + 2)...]
        #expect(try AuthFixture.failure(shorter, { try Self.decoder(Self.request(trailer: false)) }) == .signatureDoesNotMatch)
    }
}
