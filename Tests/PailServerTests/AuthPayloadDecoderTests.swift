import Foundation
import Testing

@testable import PailCore
@testable import PailServer

/// `PayloadDecoder` on bodies built here: plain and aws-chunked framing, lengths, digests, and each refusal with
/// S3's code, the same whether the body comes whole, byte by byte or 7 bytes at a time.
@Suite("Auth payload decoder")
struct AuthPayloadDecoderTests {
    static let data = AuthFixture.pattern(20000)

    static func decoder(_ payload: PayloadMode, _ headers: [(String, String)]) -> () throws -> PayloadDecoder {
        { try PayloadDecoder(AuthFixture.request(headers: headers), AuthFixture.caller(payload)) }
    }

    static func trailerHeaders(_ length: Int = data.count, trailer: String? = "x-amz-checksum-crc32") -> [(String, String)] {
        [("x-amz-decoded-content-length", String(length)), ("Transfer-Encoding", "chunked")]
            + (trailer.map { [("X-Amz-Trailer", $0)] } ?? [])
    }

    @Test func aPlainBodyWithAHeaderChecksum() throws {
        let crc = AuthFixture.base64(.crc32, of: Self.data)
        let headers = [("Content-Length", "20000"), ("x-amz-checksum-crc32", crc), ("x-amz-sdk-checksum-algorithm", "crc32")]
        for piece in [nil, 1, 4096] as [Int?] {
            let decoder = try Self.decoder(.unsigned, headers)()
            #expect(decoder.decodedContentLength == 20000)
            let (out, verified) = try AuthFixture.decode(Self.data, with: decoder, piece: piece)
            #expect(out == Self.data)
            #expect(verified.checksum == .init(algorithm: .crc32, base64: crc))
            #expect(verified.responseHeaders.first?.name == "x-amz-checksum-crc32")
            #expect(verified.responseHeaders.first?.value == crc)
        }
        var changed = Self.data
        changed[19999] ^= 1
        #expect(try AuthFixture.failure(changed, Self.decoder(.unsigned, headers)) == .badDigest)
        #expect(try AuthFixture.failure(Array(Self.data.dropLast()), Self.decoder(.unsigned, headers)) == .incompleteBody)
        #expect(try AuthFixture.failure(Self.data + [0], Self.decoder(.unsigned, headers)) == .incompleteBody)
    }

    @Test(arguments: ChecksumAlgorithm.allCases)
    func everyChecksumIsVerified(algorithm: ChecksumAlgorithm) throws {
        let value = AuthFixture.base64(algorithm, of: Self.data)
        #expect(try AuthFixture.failure(Self.data, Self.decoder(.unsigned, [(algorithm.headerName, value)])) == nil)
        let other = AuthFixture.base64(algorithm, of: Array(Self.data.dropFirst()))
        #expect(try AuthFixture.failure(Self.data, Self.decoder(.unsigned, [(algorithm.headerName, other)])) == .badDigest)
        let body = AuthFixture.unsignedChunks(Self.data, sizes: [8192, 8192, 3616], trailer: ["\(algorithm.headerName):\(value)"])
        let headers = Self.trailerHeaders(trailer: algorithm.headerName)
        #expect(try AuthFixture.failure(body, Self.decoder(.unsignedChunksWithTrailer, headers)) == nil)
        let wrong = AuthFixture.unsignedChunks(Self.data, sizes: [20000], trailer: ["\(algorithm.headerName):\(other)"])
        #expect(try AuthFixture.failure(wrong, Self.decoder(.unsignedChunksWithTrailer, headers)) == .badDigest)
    }

    @Test func theSignedPayloadHashAndContentMD5() throws {
        // Both computed by Python's hashlib.
        let hex = "f8aed270a592b255d90b04785c0b130a968ae204948fc2755db1861c810c6c83"
        let md5 = "QgozvKccP/XE0QljdqSsWQ=="
        #expect(try AuthFixture.failure(Self.data, Self.decoder(.sha256(hex), [])) == nil)
        #expect(try AuthFixture.failure(Array(Self.data.dropLast()), Self.decoder(.sha256(hex), [])) == .xAmzContentSHA256Mismatch)
        let (_, verified) = try AuthFixture.decode(Self.data, with: try Self.decoder(.unsigned, [("Content-MD5", md5)])())
        #expect(verified.contentMD5 == md5)
        #expect(verified.responseHeaders.isEmpty)
        #expect(try AuthFixture.failure(Array(Self.data.dropLast()), Self.decoder(.unsigned, [("Content-MD5", md5)])) == .badDigest)
        for malformed in ["", "not base64!", "AAAA"] {
            #expect(throws: PailError(.invalidDigest, "The Content-MD5 you specified was invalid.")) {
                try Self.decoder(.unsigned, [("Content-MD5", malformed)])()
            }
        }
    }

    @Test func unsignedChunksWithATrailer() throws {
        let crc = AuthFixture.base64(.crc32, of: Self.data)
        let body = AuthFixture.unsignedChunks(Self.data, sizes: [10000, 9000, 1000], trailer: ["x-amz-checksum-crc32:\(crc)"])
        let decoder = try Self.decoder(.unsignedChunksWithTrailer, Self.trailerHeaders())()
        #expect(decoder.decodedContentLength == 20000)
        let (out, verified) = try AuthFixture.decode(body, with: decoder, piece: 1)
        #expect(out == Self.data)
        #expect(verified.checksum == .init(algorithm: .crc32, base64: crc))
        // No trailer declared, none sent: just the framing.
        let plain = AuthFixture.unsignedChunks(Self.data, sizes: [20000])
        #expect(try AuthFixture.failure(plain, Self.decoder(.unsignedChunksWithTrailer, Self.trailerHeaders(trailer: nil))) == nil)
    }

    /// Each malformed aws-chunked body, with what S3 answers for it.
    @Test func malformedFramingIsRefused() throws {
        // Letters, so that the body survives being edited as text.
        let letters = (0..<20000).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        let crc = AuthFixture.base64(.crc32, of: letters)
        let good = AuthFixture.unsignedChunks(letters, sizes: [10000, 10000], trailer: ["x-amz-checksum-crc32:\(crc)"])
        let text = String(decoding: good, as: UTF8.self)
        let make = Self.decoder(.unsignedChunksWithTrailer, Self.trailerHeaders())
        func failure(_ body: String) throws -> PailError.Code? { try AuthFixture.failure(Array(body.utf8), make) }
        func replacing(_ old: String, _ new: String) -> String {
            guard let range = text.range(of: old) else { return text }
            return text.replacingCharacters(in: range, with: new)
        }
        #expect(try failure(text) == nil)
        #expect(try failure(replacing("2710\r\n", "27g0\r\n")) == .incompleteBody)  // not hexadecimal
        #expect(try failure(replacing("2710\r\n", "2710\n")) == .incompleteBody)  // a bare LF
        #expect(try failure(replacing("2710\r\n", "270F\r\n")) == .incompleteBody)  // a chunk longer than its size
        #expect(try failure(replacing("2710\r\n", "2711\r\n")) == .incompleteBody)  // ... or shorter
        #expect(try failure(String(text.dropLast(10))) == .incompleteBody)  // truncated in the trailer
        #expect(try failure(text + "0\r\n") == .incompleteBody)  // bytes after the end
        #expect(try failure(replacing("x-amz-checksum-crc32:", "x-amz-checksum-crc32c:")) == .malformedTrailerError)
        #expect(try failure(replacing("x-amz-checksum-crc32:\(crc)\r\n", "")) == .malformedTrailerError)
        #expect(try failure(replacing("x-amz-checksum-crc32:\(crc)", "x-amz-checksum-crc32 \(crc)")) == .malformedTrailerError)
        #expect(try failure(replacing(crc, "AAAA")) == .invalidRequest)  // not a CRC32's length
        #expect(try failure(String(repeating: "0", count: 5000)) == .incompleteBody)  // a header line without end
        // Only the last chunk holding data may be under 8 KiB.
        let small = AuthFixture.unsignedChunks(letters, sizes: [8191, 11809], trailer: ["x-amz-checksum-crc32:\(crc)"])
        #expect(try AuthFixture.failure(small, make) == .invalidChunkSizeError)
        // The chunks must hold exactly x-amz-decoded-content-length bytes.
        #expect(try AuthFixture.failure(good, Self.decoder(.unsignedChunksWithTrailer, Self.trailerHeaders(19999))) == .incompleteBody)
        #expect(try AuthFixture.failure(good, Self.decoder(.unsignedChunksWithTrailer, Self.trailerHeaders(20001))) == .incompleteBody)
    }

    @Test func anErrorStays() throws {
        let decoder = try Self.decoder(.unsignedChunksWithTrailer, Self.trailerHeaders())()
        #expect(throws: PailError.self) { try AuthFixture.decode(Array("zz\r\n".utf8), with: decoder) }
        #expect(throws: PailError.self) { try decoder.finish() }
        #expect(throws: PailError.self) { try AuthFixture.decode(AuthFixture.unsignedChunks(Self.data, sizes: [20000]), with: decoder) }
    }

    /// What the headers promise is checked before any byte is read.
    @Test func headersAreCheckedFirst() throws {
        let crc = AuthFixture.base64(.crc32, of: Self.data)
        func code(_ payload: PayloadMode, _ headers: [(String, String)]) -> PailError.Code? {
            do {
                _ = try Self.decoder(payload, headers)()
                return nil
            } catch {
                return (error as? PailError)?.code
            }
        }
        let twoChecksums = [("x-amz-checksum-crc32", crc), ("x-amz-checksum-sha1", "2jmj7l5rSw0yVb/vlWAYkK/YBwk=")]
        #expect(code(.unsigned, twoChecksums) == .invalidRequest)
        #expect(code(.unsigned, [("x-amz-checksum-crc32", "nope")]) == .invalidRequest)
        #expect(code(.unsigned, [("x-amz-checksum-sha512", crc)]) == .notImplemented)
        #expect(code(.unsigned, [("x-amz-checksum-crc32", crc), ("x-amz-sdk-checksum-algorithm", "SHA256")]) == .invalidRequest)
        #expect(code(.unsigned, [("x-amz-sdk-checksum-algorithm", "CRC32")]) == .invalidRequest)
        #expect(code(.unsigned, [("x-amz-sdk-checksum-algorithm", "MD4"), ("x-amz-checksum-crc32", crc)]) == .invalidRequest)
        #expect(code(.unsigned, [("x-amz-trailer", "x-amz-checksum-crc32")]) == .invalidRequest)
        #expect(code(.unsignedChunksWithTrailer, Self.trailerHeaders(trailer: "x-amz-meta-a")) == .invalidRequest)
        #expect(code(.unsignedChunksWithTrailer, Self.trailerHeaders() + [("x-amz-checksum-crc32", crc)]) == .invalidRequest)
        #expect(code(.unsignedChunksWithTrailer, [("Transfer-Encoding", "chunked")]) == .missingContentLength)
        #expect(code(.unsignedChunksWithTrailer, [("x-amz-decoded-content-length", "-1")]) == .missingContentLength)
        #expect(code(.unsigned, [("x-amz-checksum-type", "FULL_OBJECT"), ("x-amz-checksum-algorithm", "CRC32")]) == nil)
        #expect(code(.unsigned, [("Content-Length", "x")]) == .invalidArgument)
    }
}
