import Foundation
import PailCore

/// Decides who sent a request, the way S3 does: SigV4 in the `Authorization` header, or a presigned URL
/// (SigV4 query). Anonymous requests are refused; nothing is ever served unsigned.
///
/// ```swift
/// let authenticator = RequestAuthenticator(presigner: engine.store.presigner, keys: engine.store.accessKey(id:))
/// let caller = try authenticator.authenticate(request, now: Date())
/// caller.accessKey.allows(key: "alice/a.txt")
/// ```
package struct RequestAuthenticator: Sendable {
    package let presigner: Presigner
    /// Finds the key pair of an access key id (the root's or a user's).
    package let keys: @Sendable (String) throws -> AccessKey?

    package init(presigner: Presigner, keys: @escaping @Sendable (String) throws -> AccessKey?) {
        self.presigner = presigner
        self.keys = keys
    }

    /// Checks the request's signature and says who signed it and how its body is to be read and checked.
    package func authenticate(_ request: IncomingRequest, now: Date) throws -> AuthenticatedRequest {
        let parameters = try request.parameters()
        if let authorization = request.header("authorization") {
            if parameters.contains(where: { $0.name == "X-Amz-Algorithm" || $0.name == "X-Amz-Signature" }) {
                throw PailError(.invalidArgument, "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified")
            }
            return try HeaderSignature(authorization: authorization, request: request, region: presigner.credentials.region)
                .verify(request, parameters: parameters, now: now, keys: keys)
        }
        if parameters.contains(where: { $0.name == "X-Amz-Algorithm" }) {
            return try presignedV4(request, now: now)
        }
        throw PailError(.accessDenied, "Access Denied: the request is not signed (use a key pair from `pail credentials`, or a presigned URL)")
    }

    /// A presigned URL (SigV4 query), checked by the same code that checks URLs in the engine; the signed
    /// `Host` is the one this request was sent to.
    private func presignedV4(_ request: IncomingRequest, now: Date) throws -> AuthenticatedRequest {
        guard let method = HTTPMethod(rawValue: request.method) else {
            throw PailError(.methodNotAllowed, "The specified method is not allowed against this resource: \(request.method) with a presigned URL")
        }
        let host = request.header("host") ?? ""
        let url = "http://\(host)\(request.path)?\(request.query)"
        let headers = Dictionary(request.headers.map { ($0.name, $0.value) }) { first, _ in first }
        let presigned = try presigner.verify(method: method, url: url, now: now, headers: headers, endpoint: nil, keys: keys)
        return AuthenticatedRequest(accessKey: presigned.accessKey, payload: .unsigned, presigned: presigned)
    }
}

/// Who signed a request, and what its body must prove.
package struct AuthenticatedRequest: Sendable {
    package let accessKey: AccessKey
    /// How the body is sent and what is checked as it is read.
    package let payload: PayloadSigning
    /// For a presigned URL: what it was signed for (its signed `x-pail-*` parameters included).
    package let presigned: PresignedRequest?
}
