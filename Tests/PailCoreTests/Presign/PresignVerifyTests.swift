import Foundation
import Testing

@testable import PailCore

/// What the verifier refuses, and with which S3 error.
@Suite struct PresignVerifyTests {
    let presigner = PresignFixture.presigner
    let t0 = PresignFixture.t0
    let mismatch = PailError(
        .signatureDoesNotMatch,
        "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
    let missing = PailError(
        .authorizationQueryParametersError,
        "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, "
            + "X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.")

    func code(
        verifying url: String, method: HTTPMethod = .put, at now: Date? = nil, headers: [String: String] = [:]
    )
        -> PailError.Code?
    {
        do {
            _ = try presigner.verify(method: method, url: url, now: now ?? t0, headers: headers)
            return nil
        } catch let error as PailError {
            return error.code
        } catch {
            return .internalError
        }
    }

    @Test func untouchedURLVerifies() throws {
        let request = try presigner.verify(method: .put, url: PresignFixture.putURL(), now: t0)
        #expect(request.key == "alice/docs/a.txt")
        #expect(request.query == ["x-pail-max-bytes": "1048576"])
    }

    @Test(
        arguments: [
            // A well-formed but different value: the signature no longer matches.
            ("X-Amz-Date", "20231114T221321Z", PailError.Code.signatureDoesNotMatch),
            ("X-Amz-Expires", "901", .signatureDoesNotMatch),
            ("X-Amz-SignedHeaders", "host%3Bx-pail-user", .signatureDoesNotMatch),
            ("x-pail-max-bytes", "999999999", .signatureDoesNotMatch),
            ("x-pail-max-bytes", nil, .signatureDoesNotMatch),
            ("x-pail-extra", "1", .signatureDoesNotMatch),
            ("X-Amz-Security-Token", "t", .signatureDoesNotMatch),
            ("X-Amz-Credential", "OTHERKEY%2F20231114%2Fus-east-1%2Fs3%2Faws4_request", .invalidAccessKeyId),
            // Malformed authentication parameters.
            ("X-Amz-Algorithm", "AWS4-HMAC-SHA1", .authorizationQueryParametersError),
            ("X-Amz-Credential", "PAILTESTKEY%2F20231114%2Fus-east-1%2Fs3", .authorizationQueryParametersError),
            ("X-Amz-Credential", "PAILTESTKEY%2F2023111%2Fus-east-1%2Fs3%2Faws4_request", .authorizationQueryParametersError),
            ("X-Amz-Credential", "PAILTESTKEY%2F20231114%2Fus-east-1%2Fec2%2Faws4_request", .authorizationQueryParametersError),
            ("X-Amz-Credential", "PAILTESTKEY%2F20231114%2Fus-east-1%2Fs3%2Faws5_request", .authorizationQueryParametersError),
            ("X-Amz-Credential", "%2F20231114%2Fus-east-1%2Fs3%2Faws4_request", .authorizationQueryParametersError),
            ("X-Amz-Date", "2023-11-14T22:13:20Z", .authorizationQueryParametersError),
            ("X-Amz-Date", "20231131T221320Z", .authorizationQueryParametersError),
            ("X-Amz-Expires", "0", .authorizationQueryParametersError),
            ("X-Amz-Expires", "-1", .authorizationQueryParametersError),
            ("X-Amz-Expires", "%2B900", .authorizationQueryParametersError),
            ("X-Amz-Expires", "604801", .authorizationQueryParametersError),
            ("X-Amz-Expires", "99999999999999999999999", .authorizationQueryParametersError),
            ("X-Amz-Expires", "ten", .authorizationQueryParametersError),
            ("X-Amz-SignedHeaders", "content-type", .authorizationQueryParametersError),
            ("X-Amz-SignedHeaders", "Host", .authorizationQueryParametersError),
            ("X-Amz-SignedHeaders", "host%3B", .authorizationQueryParametersError),
            ("X-Amz-Signature", "abc123", .authorizationQueryParametersError),
            ("X-Amz-Signature", "", .authorizationQueryParametersError),
        ] as [(String, String?, PailError.Code)])
    func changedParameter(name: String, value: String?, expected: PailError.Code) throws {
        let url = PresignFixture.setting(name, to: value, in: try PresignFixture.putURL())
        #expect(code(verifying: url) == expected)
    }

    @Test func alteredSignature() throws {
        let url = try PresignFixture.putURL()
        let signature = try #require(PresignFixture.value(of: "X-Amz-Signature", in: url))
        let flipped = String(signature.dropLast()) + (signature.hasSuffix("0") ? "1" : "0")
        #expect(throws: mismatch) {
            try presigner.verify(method: .put, url: PresignFixture.setting("X-Amz-Signature", to: flipped, in: url), now: t0)
        }
        for malformed in [String(signature.dropLast()), signature.uppercased(), signature + "0"] {
            let url = PresignFixture.setting("X-Amz-Signature", to: malformed, in: url)
            #expect(code(verifying: url) == .authorizationQueryParametersError)
        }
    }

    @Test(arguments: [
        "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature",
    ])
    func missingParameter(name: String) throws {
        let url = PresignFixture.setting(name, to: nil, in: try PresignFixture.putURL())
        #expect(throws: missing) { try presigner.verify(method: .put, url: url, now: t0) }
        let lowercased =
            PresignFixture.setting(name, to: nil, in: try PresignFixture.putURL())
            + "&\(name.lowercased())=\(PresignFixture.value(of: name, in: try PresignFixture.putURL()) ?? "")"
        #expect(throws: missing) { try presigner.verify(method: .put, url: lowercased, now: t0) }
    }

    @Test(arguments: ["X-Amz-Date", "X-Amz-Signature", "X-Amz-Credential"])
    func duplicatedParameter(name: String) throws {
        let url = try PresignFixture.putURL()
        let duplicated = url + "&\(name)=\(PresignFixture.value(of: name, in: url) ?? "")"
        #expect(throws: PailError(.authorizationQueryParametersError, "The \(name) parameter appears more than once")) {
            try presigner.verify(method: .put, url: duplicated, now: t0)
        }
        #expect(code(verifying: url + "&x-pail-max-bytes=1048576") == .invalidRequest)
    }

    @Test func credentialMessagesAreS3s() throws {
        let url = try PresignFixture.putURL()
        #expect(
            throws: PailError(
                .authorizationQueryParametersError,
                "Error parsing the X-Amz-Credential parameter; the region 'eu-west-1' is wrong; expecting 'us-east-1'")
        ) {
            try presigner.verify(
                method: .put,
                url: PresignFixture.setting(
                    "X-Amz-Credential", to: "PAILTESTKEY%2F20231114%2Feu-west-1%2Fs3%2Faws4_request", in: url), now: t0)
        }
        #expect(
            throws: PailError(
                .authorizationQueryParametersError,
                "Invalid credential date \"20231115\". This date is not the same as X-Amz-Date: \"20231114\".")
        ) {
            try presigner.verify(
                method: .put,
                url: PresignFixture.setting(
                    "X-Amz-Credential", to: "PAILTESTKEY%2F20231115%2Fus-east-1%2Fs3%2Faws4_request", in: url), now: t0)
        }
        #expect(
            throws: PailError(
                .invalidAccessKeyId, "The AWS Access Key Id you provided does not exist in our records.")
        ) {
            try presigner.verify(
                method: .put,
                url: PresignFixture.setting(
                    "X-Amz-Credential", to: "NOBODY%2F20231114%2Fus-east-1%2Fs3%2Faws4_request", in: url), now: t0)
        }
    }

    @Test(arguments: [HTTPMethod.get, .head, .delete])
    func otherMethod(method: HTTPMethod) throws {
        #expect(throws: mismatch) { try presigner.verify(method: method, url: PresignFixture.putURL(), now: t0) }
    }

    @Test(arguments: [
        ("/pail/alice/docs/a.txt", "/pail/bob/x"),
        ("/pail/alice/docs/a.txt", "/pail/alice/docs/A.txt"),
        ("/pail/alice/docs/a.txt", "/pail/alice/docs/a.txt/"),
        ("/pail/alice/docs/a.txt", "/pail/alice/docs//a.txt"),
        ("/pail/alice/docs/a.txt", "/pail/alice%2Fdocs%2Fa.txt"),
        ("http://localhost:9480", "http://localhost:9481"),
        ("http://localhost:9480", "http://127.0.0.1:9480"),
        ("http://localhost:9480", "http://localhost"),
    ])
    func otherKeyOrHost(original: String, replacement: String) throws {
        let url = try PresignFixture.putURL().replacingOccurrences(of: original, with: replacement)
        #expect(throws: mismatch) { try presigner.verify(method: .put, url: url, now: t0) }
    }

    @Test(arguments: ["evil.example:9480", "localhost:9481", "127.0.0.1:9480", "localhost"])
    func aURLSignedWithTheKeyForAnotherHostIsRefused(endpoint: String) throws {
        var credentials = PresignFixture.credentials
        credentials.endpoint = endpoint
        let url = try Presigner(credentials: credentials).presign(method: .put, key: "alice/docs/a.txt", expires: 900, now: t0)
        #expect(url.hasPrefix("http://\(endpoint)/pail/alice/docs/a.txt?"))
        #expect(throws: mismatch) { try presigner.verify(method: .put, url: url, now: t0) }
    }

    @Test func sameRequestEncodedDifferentlyVerifies() throws {
        let url = try presigner.presign(method: .get, key: "alice/a~b c.txt", expires: 60, now: t0)
        #expect(url.contains("/pail/alice/a~b%20c.txt?"))
        let reencoded = url.replacingOccurrences(of: "a~b%20c", with: "a%7eb%20c")
            .replacingOccurrences(of: "X-Amz-Algorithm=AWS4-HMAC-SHA256", with: "X-Amz-Algorithm=AWS4%2DHMAC%2DSHA256")
        #expect(try presigner.verify(method: .get, url: reencoded, now: t0).key == "alice/a~b c.txt")
    }

    @Test func expiry() throws {
        let url = try PresignFixture.putURL()
        let expired = PailError(.accessDenied, "Request has expired")
        #expect(
            try presigner.verify(method: .put, url: url, now: t0.addingTimeInterval(900)).expiresAt
                == t0.addingTimeInterval(900))
        #expect(throws: expired) { try presigner.verify(method: .put, url: url, now: t0.addingTimeInterval(900.001)) }
        #expect(throws: expired) { try presigner.verify(method: .put, url: url, now: t0.addingTimeInterval(901)) }
        // The signature is checked before the expiry, the parameters and access key before both.
        let later = t0.addingTimeInterval(86_400)
        #expect(
            code(verifying: PresignFixture.setting("x-pail-max-bytes", to: "1", in: url), at: later)
                == .signatureDoesNotMatch)
        #expect(
            code(
                verifying: PresignFixture.setting(
                    "X-Amz-Credential", to: "NOBODY%2F20231114%2Fus-east-1%2Fs3%2Faws4_request", in: url), at: later)
                == .invalidAccessKeyId)
        #expect(
            code(verifying: PresignFixture.setting("X-Amz-Algorithm", to: nil, in: url), at: later)
                == .authorizationQueryParametersError)
    }

    @Test func signedTooFarInTheFuture() throws {
        let url = try PresignFixture.putURL()
        _ = try presigner.verify(method: .put, url: url, now: t0.addingTimeInterval(-900))
        #expect(throws: PailError(.accessDenied, "Request is not yet valid")) {
            try presigner.verify(method: .put, url: url, now: t0.addingTimeInterval(-901))
        }
    }

    @Test func anotherBucketIsDenied() throws {
        var credentials = PresignFixture.credentials
        credentials.bucket = "other"
        let url = try Presigner(credentials: credentials).presign(method: .get, key: "alice/a", expires: 60, now: t0)
        #expect(code(verifying: url, method: .get) == .accessDenied)
        #expect(
            code(verifying: url.replacingOccurrences(of: "/other/", with: "/pail/"), method: .get)
                == .signatureDoesNotMatch)
    }

    @Test func otherSignedHeadersComeFromTheRequest() throws {
        let url = PresignFixture.setting("X-Amz-SignedHeaders", to: "content-type%3Bhost", in: try PresignFixture.putURL())
        #expect(code(verifying: url) == .signatureDoesNotMatch)
        #expect(code(verifying: url, headers: ["Content-Type": "text/plain"]) == .signatureDoesNotMatch)
    }

    @Test(arguments: [
        "localhost:9480/pail/alice/a",
        "ftp://localhost:9480/pail/alice/a",
        "http:///pail/alice/a",
        "http://user@localhost:9480/pail/alice/a",
        "http://localhost:9480",
        "http://localhost:9480?X-Amz-Algorithm=AWS4-HMAC-SHA256",
        "http://localhost:9480/pail",
        "http://localhost:9480/pail/",
        "http://localhost:9480/pail/alice/a%zz",
        "http://localhost:9480/pail/alice/%FF",
        "http://localhost:9480/pail/alice/a?x-pail-max-bytes=%",
    ])
    func malformedURL(url: String) {
        #expect(code(verifying: url) == .invalidRequest)
    }
}
