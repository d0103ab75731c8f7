import Foundation
import Testing

@testable import PailCore
@testable import PailServer

/// Requests signed by botocore (SigV4 in the header: hex-signed, unsigned and STREAMING-UNSIGNED-PAYLOAD-TRAILER
/// bodies, checksums in headers and trailers) and SigV2 URLs presigned by botocore, fed to the authenticator and
/// the decoder as the server would receive them.
@Suite("Auth botocore", .enabled(if: AuthBotocore.isAvailable, "python3 with boto3 is not installed"))
struct AuthBotocoreTests {
    typealias Call = AuthBotocore.Call

    /// Each call, and what botocore is expected to have made of it: `x-amz-content-sha256`, the checksum and where.
    static let calls: [(call: Call, contentSHA256: String?, checksum: ChecksumAlgorithm?)] = [
        (Call(body: 3 << 20 | 5), nil, .crc32),
        (Call(key: "alice/my docs/日本語 ü+=&;.txt", body: 1000, params: ["ChecksumAlgorithm": "SHA1"]), nil, .sha1),
        (Call(body: 1000, params: ["ChecksumAlgorithm": "SHA256", "ContentType": "text/plain"], md5: true), nil, .sha256),
        (Call(https: true, body: 3 << 20 | 5), PayloadMode.streamingUnsignedTrailer, .crc32),
        (
            Call(key: "alice/a b/c.bin", https: true, body: 70000, params: ["ChecksumAlgorithm": "SHA256"]),
            PayloadMode.streamingUnsignedTrailer, .sha256
        ),
        (
            Call(operation: "upload_part", https: true, body: 9000, params: ["UploadId": "u/1+2", "PartNumber": "3"]),
            PayloadMode.streamingUnsignedTrailer, .crc32
        ),
        (Call(https: true, body: 1000, calculation: "when_required"), nil, nil),
        (Call(operation: "get_object", params: ["Range": "bytes=0-9", "VersionId": "3"]), nil, nil),
        (Call(operation: "list_objects_v2", key: "", params: ["Prefix": "alice/my docs/", "Delimiter": "/"]), nil, nil),
    ]

    static let sent: [AuthBotocore.Sent] = (try? AuthBotocore.send(calls.map(\.call))) ?? []

    @Test(arguments: 0..<calls.count)
    func botocoreRequestsAuthenticateAndDecode(index: Int) throws {
        let (call, contentSHA256, checksum) = Self.calls[index]
        let sent = try #require(Self.sent.count == Self.calls.count ? Self.sent[index] : nil)
        let request = sent.incoming
        if let contentSHA256 { #expect(request.header("x-amz-content-sha256") == contentSHA256) }
        let caller = try AuthFixture.authenticator().authenticate(request, now: sent.signedAt.addingTimeInterval(30))
        #expect(caller.accessKey == AuthFixture.alice)
        let expected = AuthFixture.pattern(call.body ?? 0)
        for piece in (sent.bodyBytes.count < 20000 ? [nil, 1, 1000] : [nil, 65536, 99991]) as [Int?] {
            let decoder = try PayloadDecoder(request, caller)
            #expect(decoder.decodedContentLength == (call.body.map(Int64.init) ?? (request.header("content-length") == nil ? nil : 0)))
            let (data, verified) = try AuthFixture.decode(sent.bodyBytes, with: decoder, piece: piece)
            #expect(data == expected)
            #expect(verified.checksum?.algorithm == checksum)
            #expect(verified.checksum?.base64 == checksum.map { AuthFixture.base64($0, of: expected) })
            #expect((verified.contentMD5 != nil) == call.md5)
        }
    }

    /// A body changed on the way is caught: by the signed hash, else by the checksum.
    @Test(arguments: 0..<calls.count)
    func changedBodiesAreRefused(index: Int) throws {
        let sent = try #require(Self.sent.count == Self.calls.count ? Self.sent[index] : nil)
        guard Self.calls[index].call.body != nil, Self.calls[index].checksum != nil else { return }
        let caller = try AuthFixture.authenticator().authenticate(sent.incoming, now: sent.signedAt)
        var body = sent.bodyBytes
        let data = AuthFixture.pattern(Self.calls[index].call.body!)
        let at = body.firstRange(of: data[500..<600])!.lowerBound
        body[at] ^= 0x20
        let expected: PailError.Code = Self.calls[index].contentSHA256 == nil ? .xAmzContentSHA256Mismatch : .badDigest
        #expect(try AuthFixture.failure(body, { try PayloadDecoder(sent.incoming, caller) }) == expected)
        let truncated = Array(sent.bodyBytes.dropLast(3))
        #expect(try AuthFixture.failure(truncated, { try PayloadDecoder(sent.incoming, caller) }) == .incompleteBody)
    }

    @Test func changedRequestsAreRefused() throws {
        let sent = try #require(Self.sent.first)
        let authenticator = AuthFixture.authenticator()
        func code(_ headers: [(name: String, value: String)], path: String? = nil, now: Date? = nil) -> PailError.Code? {
            let request = IncomingRequest(method: "PUT", path: path ?? sent.incoming.path, query: "", headers: headers)
            do {
                _ = try authenticator.authenticate(request, now: now ?? sent.signedAt)
                return nil
            } catch {
                return (error as? PailError)?.code
            }
        }
        let headers = sent.incoming.headers
        #expect(code(headers) == nil)
        #expect(code(headers, path: "/pail/alice/b.txt") == .signatureDoesNotMatch)
        #expect(code(headers.map { $0.name == "x-amz-checksum-crc32" ? (name: $0.name, value: "AAAAAA==") : $0 }) == .signatureDoesNotMatch)
        #expect(code(headers.filter { $0.name != "x-amz-checksum-crc32" }) == .signatureDoesNotMatch)
        #expect(code(headers + [(name: "x-amz-meta-added", value: "1")]) == .accessDenied)
        #expect(code(headers + [(name: "x-amz-copy-source", value: "/pail/alice/secret")]) == .accessDenied)
        #expect(code(headers + [(name: "x-custom", value: "not an x-amz header")]) == nil)
        #expect(code(headers, now: sent.signedAt.addingTimeInterval(15 * 60 + 1)) == .requestTimeTooSkewed)
        #expect(code(headers, now: sent.signedAt.addingTimeInterval(-15 * 60 - 1)) == .requestTimeTooSkewed)
        #expect(code(headers, now: sent.signedAt.addingTimeInterval(15 * 60)) == nil)
        let otherKey = headers.map {
            $0.name != "authorization"
                ? $0
                : (name: $0.name, value: $0.value.replacingOccurrences(of: AuthFixture.alice.accessKeyId, with: "AKPAILNOBODY"))
        }
        #expect(code(otherKey) == .invalidAccessKeyId)
        let noDate = headers.filter { $0.name != "x-amz-date" }
        #expect(code(noDate) == .accessDenied)
        #expect(code(headers.filter { $0.name != "x-amz-content-sha256" }) == .invalidRequest)
    }

    // MARK: SigV2 presigned URLs

    static func incoming(_ url: String, method: String = "GET", headers: [(String, String)] = []) -> IncomingRequest {
        AuthBotocore.Sent(method: method, url: url, headers: [["host", "127.0.0.1:9480"]] + headers.map { [$0.0, $0.1] }, body: "")
            .incoming
    }

    static func code(_ request: IncomingRequest, now: Date = Date()) -> PailError.Code? {
        do {
            _ = try AuthFixture.authenticator().authenticate(request, now: now)
            return nil
        } catch {
            return (error as? PailError)?.code
        }
    }

    @Test func sigV2URLsVerify() throws {
        let urls = try AuthBotocore.presignV2([
            Call(operation: "get_object", key: "alice/a b/日本語.txt"),
            Call(
                operation: "get_object",
                params: [
                    "ResponseContentDisposition": "attachment; filename=\"x y.txt\"", "ResponseContentType": "text/plain", "VersionId": "7",
                ]),
            Call(operation: "put_object", params: ["ContentType": "text/plain"]),
            Call(operation: "delete_object", key: "alice/x+y=z&w"),
        ])
        #expect(urls.count == 4)
        #expect(urls.allSatisfy { $0.contains("AWSAccessKeyId=") && $0.contains("Signature=") && $0.contains("Expires=") })
        let methods = ["GET", "GET", "PUT", "DELETE"]
        for (url, method) in zip(urls, methods) {
            let headers = method == "PUT" ? [("Content-Type", "text/plain")] : []
            let caller = try AuthFixture.authenticator().authenticate(Self.incoming(url, method: method, headers: headers), now: Date())
            #expect(caller.accessKey == AuthFixture.alice)
            guard case .presignedV2(let expiresAt) = caller.scheme else {
                Issue.record("\(url) is not taken for a SigV2 URL")
                continue
            }
            #expect(abs(expiresAt.timeIntervalSinceNow - 3600) < 60)
            #expect(Self.code(Self.incoming(url, method: method, headers: headers), now: expiresAt) == nil)
            #expect(Self.code(Self.incoming(url, method: method, headers: headers), now: expiresAt.addingTimeInterval(1)) == .accessDenied)
            #expect(Self.code(Self.incoming(url, method: method == "GET" ? "HEAD" : "GET", headers: headers)) == .signatureDoesNotMatch)
        }
        // The PUT URL's Content-Type is signed: botocore puts it in the query, which is enough; another one is not.
        #expect(Self.code(Self.incoming(urls[2], method: "PUT")) == nil)
        #expect(Self.code(Self.incoming(urls[2], method: "PUT", headers: [("Content-Type", "text/html")])) == .signatureDoesNotMatch)
        // A changed sub-resource or override is not what was signed.
        #expect(Self.code(Self.incoming(urls[1].replacingOccurrences(of: "versionId=7", with: "versionId=8"))) == .signatureDoesNotMatch)
        #expect(Self.code(Self.incoming(urls[1].replacingOccurrences(of: "text%2Fplain", with: "text%2Fhtml"))) == .signatureDoesNotMatch)
        #expect(Self.code(Self.incoming(urls[0].replacingOccurrences(of: "Signature=", with: "Signature=A"))) == .signatureDoesNotMatch)
        #expect(
            Self.code(Self.incoming(urls[0].replacingOccurrences(of: AuthFixture.alice.accessKeyId, with: "AKPAILNOBODY")))
                == .invalidAccessKeyId)
        #expect(Self.code(Self.incoming(urls[0] + "&Signature=x")) == .accessDenied)
        #expect(Self.code(Self.incoming(urls[0], headers: [("x-amz-meta-a", "1")])) == .signatureDoesNotMatch)
    }

    @Test func sigV2URLsStayInTheirScope() throws {
        let bob = try AuthBotocore.presignV2([Call(operation: "get_object", key: "bob/a.txt")])
        #expect(Self.code(Self.incoming(bob[0])) == .accessDenied)
        let other = try AuthBotocore.presignV2([Call(operation: "get_object", key: "alice/a.txt")], bucket: "other")
        #expect(Self.code(Self.incoming(other[0])) == .accessDenied)
        let root = try AuthBotocore.presignV2([Call(operation: "get_object", key: "bob/a.txt")], as: AuthFixture.root)
        #expect(Self.code(Self.incoming(root[0])) == nil)
    }
}
