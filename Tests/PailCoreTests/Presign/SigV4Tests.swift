import Foundation
import Testing

@testable import PailCore

/// The algorithm pieces against AWS's published examples.
@Suite struct SigV4Tests {
    /// "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)", Amazon S3 API reference.
    @Test func awsPresignedURLExample() {
        let query = SigV4.canonicalQuery([
            (name: "X-Amz-SignedHeaders", value: "host"),
            (name: "X-Amz-Expires", value: "86400"),
            (name: "X-Amz-Algorithm", value: "AWS4-HMAC-SHA256"),
            (name: "X-Amz-Date", value: "20130524T000000Z"),
            (name: "X-Amz-Credential", value: "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request"),
        ])
        let canonicalRequest = SigV4.canonicalRequest(
            method: "GET", canonicalURI: SigV4.canonicalURI(segments: ["test.txt"]), canonicalQuery: query,
            headers: [(name: "host", value: "examplebucket.s3.amazonaws.com")], payloadHash: SigV4.unsignedPayload)
        #expect(
            canonicalRequest == """
                GET
                /test.txt
                X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host
                host:examplebucket.s3.amazonaws.com

                host
                UNSIGNED-PAYLOAD
                """)
        let stringToSign = SigV4.stringToSign(
            amzDate: "20130524T000000Z", scope: SigV4.scope(date: "20130524", region: "us-east-1"),
            canonicalRequest: canonicalRequest)
        #expect(
            stringToSign == """
                AWS4-HMAC-SHA256
                20130524T000000Z
                20130524/us-east-1/s3/aws4_request
                3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04
                """)
        let key = SigV4.signingKey(
            secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", date: "20130524", region: "us-east-1")
        #expect(
            SigV4.signature(key: key, stringToSign: stringToSign)
                == "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")

        let presigner = Presigner(
            credentials: Credentials(
                accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                region: "us-east-1", endpoint: "examplebucket.s3.amazonaws.com", bucket: "examplebucket"))
        #expect(
            presigner.sign(
                method: .get, canonicalURI: "/test.txt", canonicalQuery: query,
                headers: [(name: "host", value: "examplebucket.s3.amazonaws.com")], amzDate: "20130524T000000Z",
                secret: presigner.credentials.secretAccessKey)
                == "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
    }

    /// "Examples of how to derive a signing key for Signature Version 4", AWS General Reference.
    @Test(arguments: [
        ("20120215", "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"),
        ("20150830", "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9"),
    ])
    func awsSigningKeyExamples(date: String, expected: String) {
        let key = SigV4.signingKey(
            secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", date: date, region: "us-east-1", service: "iam")
        #expect(key.withUnsafeBytes { Hex.lowercase($0) } == expected)
    }

    @Test func awsSignatureCalculationExample() {
        let key = SigV4.signingKey(
            secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", date: "20150830", region: "us-east-1", service: "iam")
        let stringToSign =
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\n"
            + "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59"
        #expect(
            SigV4.signature(key: key, stringToSign: stringToSign)
                == "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
    }

    @Test(arguments: [
        ("AZaz09-._~", "AZaz09-._~"),
        ("a b", "a%20b"),
        ("a/b", "a%2Fb"),
        ("+*=&?#%", "%2B%2A%3D%26%3F%23%25"),
        ("é", "%C3%A9"),
        ("e\u{301}", "e%CC%81"),
        ("日本", "%E6%97%A5%E6%9C%AC"),
        ("😀", "%F0%9F%98%80"),
    ])
    func uriEncoding(text: String, encoded: String) {
        #expect(SigV4.uriEncode(text) == encoded)
        #expect(SigV4.percentDecode(Array(encoded.utf8)).map { Array($0.utf8) } == Array(text.utf8))
    }

    @Test func canonicalURIEncodesEachSegmentOnceAndKeepsSlashes() {
        #expect(
            SigV4.canonicalURI(segments: ["pail", "alice", "my docs", "", "100%.txt"])
                == "/pail/alice/my%20docs//100%25.txt")
    }

    @Test func percentDecodingKeepsPlusAndRejectsBrokenEscapes() {
        #expect(SigV4.percentDecode(Array("a+b%2b%2B".utf8)) == "a+b++")
        for broken in ["%", "%4", "%G0", "%FF", "%C3"] {
            #expect(SigV4.percentDecode(Array(broken.utf8)) == nil, "\(broken)")
        }
    }

    @Test func canonicalQuerySortsByEncodedNameThenValue() {
        let query = SigV4.canonicalQuery([
            (name: "b", value: "2"), (name: "a", value: "2"), (name: "a", value: "1"),
            (name: "A", value: "z"), (name: "x-pail", value: "v w"), (name: "a b", value: ""),
        ])
        #expect(query == "A=z&a=1&a=2&a%20b=&b=2&x-pail=v%20w")
    }

    @Test func amzDateFormatsAndParsesUTC() {
        let date = Date(timeIntervalSince1970: 1_700_000_000.9)
        #expect(SigV4.amzDate(date) == "20231114T221320Z")
        #expect(SigV4.parseAmzDate("20231114T221320Z") == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(SigV4.parseAmzDate("20240229T235959Z") != nil)
        #expect(SigV4.amzDate(Date(timeIntervalSince1970: 0)) == "19700101T000000Z")
    }

    @Test(arguments: [
        "20230229T000000Z", "20231131T000000Z", "20231114T246000Z", "20231114T221360Z", "20231114T221320",
        "2023-11-14T22:13:20Z", "20231114t221320z", "+0231114T221320Z", "20231114T22132OZ", "",
    ])
    func amzDateRejects(text: String) {
        #expect(SigV4.parseAmzDate(text) == nil)
    }

    @Test func constantTimeEquals() {
        #expect(SigV4.constantTimeEquals("abc", "abc"))
        #expect(!SigV4.constantTimeEquals("abc", "abd"))
        #expect(!SigV4.constantTimeEquals("abc", "ab"))
    }
}
