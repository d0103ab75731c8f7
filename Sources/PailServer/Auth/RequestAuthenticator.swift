import Foundation
import PailCore

/// Decides who sent a request, the way S3 does: SigV4 in the `Authorization` header, or a presigned URL
/// (SigV4 query, or SigV2 query as botocore and `s3cmd signurl` make them). Anonymous requests are refused;
/// nothing is ever served unsigned.
///
/// ```swift
/// let authenticator = RequestAuthenticator(presigner: engine.store.presigner, keys: engine.store.accessKeyCache().key(id:))
/// let caller = try authenticator.authenticate(request, now: Date())
/// caller.accessKey.allows(key: "alice/a.txt")
/// let body = try PayloadDecoder(request, caller)
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
        let presignedV4 = parameters.contains { $0.name == "X-Amz-Algorithm" || $0.name == "X-Amz-Signature" }
        let presignedV2 = parameters.contains { $0.name == "AWSAccessKeyId" || $0.name == "Signature" }
        let authorization = request.header("authorization")
        guard [authorization != nil, presignedV4, presignedV2].filter({ $0 }).count <= 1 else {
            throw PailError(
                .invalidArgument,
                "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter "
                    + "or the Authorization header should be specified")
        }
        if let authorization {
            return try HeaderSignature(authorization: authorization, request: request, region: presigner.credentials.region)
                .verify(request, parameters: parameters, now: now, keys: keys)
        }
        if presignedV4 {
            return try verifyPresignedV4(request, parameters: parameters, now: now)
        }
        if presignedV2 {
            return try QuerySignatureV2(parameters).verify(request, now: now, bucket: presigner.credentials.bucket, keys: keys)
        }
        throw PailError(
            .accessDenied, "Access Denied: the request is not signed (use a key pair from `pail credentials`, or a presigned URL)")
    }

    /// A presigned URL (SigV4 query), checked by the same code that checks URLs in the engine; the signed
    /// `Host` is the one this request was sent to.
    private func verifyPresignedV4(
        _ request: IncomingRequest, parameters: [(name: String, value: String)], now: Date
    ) throws -> AuthenticatedRequest {
        guard let method = HTTPMethod(rawValue: request.method) else {
            throw PailError(
                .methodNotAllowed, "The specified method is not allowed against this resource: \(request.method) with a presigned URL")
        }
        let received = try ReceivedURL(
            scheme: "http", authority: request.header("host") ?? "", segments: request.pathSegments(), parameters: parameters)
        let presigned = try presigner.verify(
            method: method, received: received, now: now, header: request.header, endpoint: nil, keys: keys)
        // The URL verified, so its X-Amz-SignedHeaders is the one that was signed. Headers that only make the
        // body checked harder (its hash, checksums, chunk framing) may come unsigned.
        let signed = parameters.first { $0.name == "X-Amz-SignedHeaders" }?.value.split(separator: ";").map(String.init) ?? []
        try HeaderSignature.requireSigned(request, signedHeaders: Set(signed)) { name in
            name.hasPrefix("x-amz-checksum-") || Self.integrityHeaders.contains(name)
        }
        let payload = try PayloadMode.declared(by: request.header("x-amz-content-sha256") ?? SigV4.unsignedPayload, signer: nil)
        return AuthenticatedRequest(accessKey: presigned.accessKey, payload: payload, scheme: .presignedV4(presigned))
    }

    private static let integrityHeaders: Set = [
        "x-amz-content-sha256", "x-amz-sdk-checksum-algorithm", "x-amz-trailer", "x-amz-decoded-content-length",
    ]
}

/// Who signed a request, how, and what its body must prove (`PayloadDecoder` reads the body accordingly).
///
/// ```swift
/// let caller = try authenticator.authenticate(request, now: Date())
/// guard caller.accessKey.allows(key: objectKey) else { throw PailError(.accessDenied, "…") }
/// ```
package struct AuthenticatedRequest: Sendable {
    package let accessKey: AccessKey
    /// How the body is sent and what is checked as it is read.
    package let payload: PayloadMode
    package let scheme: Scheme

    /// How the request was signed.
    package enum Scheme: Sendable {
        /// SigV4 in the `Authorization` header, signed at that time (within 15 minutes of the server's).
        case authorizationHeader(signedAt: Date)
        /// A SigV4 presigned URL: what it was signed for (its signed `x-pail-*` parameters included).
        case presignedV4(PresignedRequest)
        /// A SigV2 presigned URL, valid until `expiresAt`.
        case presignedV2(expiresAt: Date)
    }

    /// For a SigV4 presigned URL, what it was signed for; nil otherwise.
    package var presigned: PresignedRequest? {
        if case .presignedV4(let request) = scheme { request } else { nil }
    }
}
