import Foundation
import HTTPTypes
import Hummingbird
import PailCore

/// One authenticated request on its way through an operation: who sent it, where it points, and the engine.
package struct S3Call: Sendable {
    package let engine: Engine
    /// When the served bucket was made (the root's credentials were written).
    package let bucketCreated: Date
    package let request: Request
    package let incoming: IncomingRequest
    package let route: S3Route
    package let caller: AuthenticatedRequest
    package let requestId: String

    /// The object key the request names; `InvalidRequest` for a bucket-level path.
    package func objectKey() throws -> String {
        guard let key = route.key else { throw PailError(.invalidRequest, "This operation needs an object key") }
        return key
    }

    /// Refuses a key outside the caller's scope (a user's key acts only under `user/`).
    package func authorize(key: String) throws {
        guard caller.accessKey.allows(key: key) else {
            throw PailError(
                .accessDenied,
                "Access Denied: the key of \(caller.accessKey.user ?? "the root") cannot act on \(RemotePath.printable(key))")
        }
    }

    /// Headers every answer carries.
    package func headers() -> HTTPFields {
        var headers = HTTPFields()
        headers[S3Headers.requestId] = requestId
        return headers
    }

    /// Headers every answer carries, and the checksums a body was verified against (PutObject, UploadPart).
    package func headers(echoing verified: VerifiedChecksums) -> HTTPFields {
        var headers = headers()
        for header in verified.responseHeaders {
            if let name = HTTPField.Name(header.name) { headers[name] = header.value }
        }
        return headers
    }

    /// An answer with an XML document as its body.
    package func xml(_ document: some S3XMLDocument, status: HTTPResponse.Status = .ok, headers: HTTPFields? = nil) -> Response {
        var headers = headers ?? self.headers()
        headers[.contentType] = "application/xml"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: document.xmlBytes)))
    }
}
