import Testing

@testable import PailCore
@testable import PailServer

/// What a write stores of its request's headers.
@Suite("S3Headers: the headers an object is stored with")
struct S3HeadersTests {
    private func stored(_ headers: [(name: String, value: String)]) throws -> ObjectHeaders {
        try S3Headers.objectHeaders(IncomingRequest(method: "PUT", path: "/pail/alice/a.txt", query: "", headers: headers))
    }

    @Test("content headers and x-amz-meta-* are kept by lowercase name; signing and other headers are not")
    func keptHeaders() throws {
        let headers = try stored([
            ("Content-Type", "text/plain"), ("Content-Disposition", "inline"), ("Cache-Control", "no-cache"),
            ("X-Amz-Meta-Mtime", "1700000000"), ("x-amz-date", "20261201T000000Z"), ("Authorization", "AWS4-HMAC-SHA256 …"),
            ("Content-Length", "5"),
        ])
        #expect(headers.contentType == "text/plain")
        #expect(headers.fields == ["content-disposition": "inline", "cache-control": "no-cache", "x-amz-meta-mtime": "1700000000"])
    }

    @Test("aws-chunked is the body's framing, not the object's encoding")
    func awsChunkedIsNotStored() throws {
        #expect(try stored([("Content-Encoding", "aws-chunked")]).fields.isEmpty)
        #expect(try stored([("Content-Encoding", "aws-chunked,gzip")]).fields == ["content-encoding": "gzip"])
        #expect(try stored([("Content-Encoding", "gzip")]).fields == ["content-encoding": "gzip"])
    }

    @Test("user metadata over 2 KB (names without the prefix, and values) is MetadataTooLarge")
    func metadataLimit() throws {
        // 2,048 bytes exactly: "k" and 2,047 bytes of value.
        #expect(try stored([("x-amz-meta-k", String(repeating: "v", count: 2047))]).fields.count == 1)
        #expect(throws: PailError.self) { try stored([("x-amz-meta-k", String(repeating: "v", count: 2048))]) }
        do {
            _ = try stored([("x-amz-meta-a", String(repeating: "v", count: 1500)), ("x-amz-meta-b", String(repeating: "v", count: 600))])
            Issue.record("2,102 bytes of metadata were accepted")
        } catch let error as PailError {
            #expect(error.code == .metadataTooLarge)
        }
    }
}
