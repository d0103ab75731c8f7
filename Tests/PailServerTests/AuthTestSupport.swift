import Foundation
@_exported import PailTestSupport
import Testing

@testable import PailCore
@testable import PailServer

/// Keys, an authenticator and body helpers shared by the "Auth …" suites.
enum AuthFixture {
    /// AWS's documented example key pair (the streaming examples are signed with it), the root's here.
    static let root = AccessKey(
        accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", user: nil)
    static let alice = AccessKey(accessKeyId: "AKPAILALICE0000000000", secretAccessKey: "alice/secret+KEY=0123456789abcdef", user: "alice")

    static func authenticator(bucket: String = "pail") -> RequestAuthenticator {
        let credentials = Credentials(
            accessKeyId: root.accessKeyId, secretAccessKey: root.secretAccessKey, region: "us-east-1",
            endpoint: "http://127.0.0.1:9480", bucket: bucket)
        return RequestAuthenticator(presigner: Presigner(credentials: credentials)) { id in
            [root, alice].first { $0.accessKeyId == id }
        }
    }

    /// A caller with `payload`, for decoder tests that need no signature.
    static func caller(_ payload: PayloadMode) -> AuthenticatedRequest {
        AuthenticatedRequest(accessKey: root, payload: payload, scheme: .authorizationHeader(signedAt: Date()))
    }

    static func request(
        method: String = "PUT", path: String = "/pail/alice/a.txt", query: String = "",
        headers: [(String, String)]
    ) -> IncomingRequest {
        IncomingRequest(method: method, path: path, query: query, headers: headers.map { (name: $0.0, value: $0.1) })
    }

    /// The body fed in pieces of `piece` bytes (the whole body at once when nil); the decoded bytes and checksums.
    static func decode(_ body: [UInt8], with decoder: PayloadDecoder, piece: Int? = nil) throws -> ([UInt8], VerifiedChecksums) {
        var out: [UInt8] = []
        let size = max(1, piece ?? body.count)
        var start = 0
        while start < body.count {
            let end = min(body.count, start + size)
            try body[start..<end].withUnsafeBytes { raw in
                try decoder.feed(raw) { out.append(contentsOf: $0) }
            }
            start = end
        }
        return (out, try decoder.finish())
    }

    /// The error code decoding `body` ends with (nil if it decodes), fed whole and byte by byte, which must agree.
    static func failure(_ body: [UInt8], _ makeDecoder: () throws -> PayloadDecoder) throws -> PailError.Code? {
        var codes: [PailError.Code?] = []
        for piece in [nil, 1, 7] as [Int?] {
            do {
                _ = try decode(body, with: try makeDecoder(), piece: piece)
                codes.append(nil)
            } catch let error as PailError {
                codes.append(error.code)
            }
        }
        #expect(Set(codes.map { $0?.rawValue ?? "ok" }).count == 1, "fed whole, byte by byte and 7 at a time: \(codes)")
        return codes[0]
    }

    /// `count` bytes of a fixed pattern (the one the botocore script sends).
    static func pattern(_ count: Int) -> [UInt8] { Array(bytes(count, seed: 7)) }

    /// An aws-chunked body without signatures: `sizes` chunks of `data`, then the final chunk and `trailer` lines.
    static func unsignedChunks(_ data: [UInt8], sizes: [Int], trailer: [String] = []) -> [UInt8] {
        var body: [UInt8] = []
        var start = 0
        for size in sizes {
            body += Array(String(size, radix: 16).utf8) + [13, 10] + data[start..<(start + size)] + [13, 10]
            start += size
        }
        body += Array("0\r\n".utf8)
        for line in trailer { body += Array("\(line)\r\n".utf8) }
        return body + [13, 10]
    }

    static func base64(_ algorithm: ChecksumAlgorithm, of bytes: [UInt8]) -> String {
        let hasher = algorithm.makeHasher()
        bytes.withUnsafeBytes { hasher.update($0) }
        return Data(hasher.finalize()).base64EncodedString()
    }
}
