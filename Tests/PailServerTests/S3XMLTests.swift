import Foundation
import PailCore
import Testing

@testable import PailServer

@Suite("S3 XML text, key encoding and timestamps")
struct S3XMLTextTests {
    @Test("escapes XML's five specials, and a carriage return, in content")
    func escapesContent() {
        #expect(XMLText.escaped("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&apos;f")
        #expect(XMLText.escaped("x\ry\r\nz\tw") == "x&#xD;y&#xD;\nz\tw")
        #expect(XMLText.escaped("日本 😀 e\u{301} \u{7F}\u{85}\u{FFFD}") == "日本 😀 e\u{301} \u{7F}\u{85}\u{FFFD}")
    }

    @Test("escapes tab and line feed too in an attribute value")
    func escapesAttributes() {
        #expect(XMLText.escaped("a\tb\nc\rd\"", in: .attribute) == "a&#x9;b&#xA;c&#xD;d&quot;")
    }

    @Test("writes what XML 1.0 cannot hold as U+FFFD, and nothing else")
    func replacesUnwritableCharacters() {
        #expect(XMLText.escaped("a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}g")
        #expect(XMLText.escaped("\u{FFFE}\u{FFFF}\u{FFFD}\u{FFFC}\u{10000}") == "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFC}\u{10000}")
    }

    @Test("escaped odd keys read back the same through XMLParser, in content and in attributes")
    func escapedTextReadsBack() throws {
        for key in OddKeys.legal + OddKeys.unwritable {
            let expected = String(
                String.UnicodeScalarView(
                    key.unicodeScalars.map {
                        XMLBodyReader.isXMLCharacter($0.value) ? $0 : "\u{FFFD}"
                    }))
            let document = "<r a=\"\(XMLText.escaped(key, in: .attribute))\">\(XMLText.escaped(key))</r>"
            let (root, error) = ParsedElement.parse(Array(document.utf8))
            #expect(root?.text == expected, "\(key.debugDescription): \(error ?? "")")
            #expect(root?.attributes["a"] == expected, "\(key.debugDescription)")
        }
    }

    @Test(
        "URL-encodes key names as S3 does: / * - _ . kept, space as +, the rest as %XX of UTF-8",
        arguments: [
            ("a b.txt", "a+b.txt"), ("a+b.txt", "a%2Bb.txt"), ("100%.csv", "100%25.csv"),
            ("한글/x.txt", "%ED%95%9C%EA%B8%80/x.txt"), ("run books/x.txt", "run+books/x.txt"), ("~*-_.", "%7E*-_."),
            ("&lt", "%26lt"), ("<![CDATA[...]]>", "%3C%21%5BCDATA%5B...%5D%5D%3E"), ("\u{0}\u{1}\t\n\r", "%00%01%09%0A%0D"),
            ("😀", "%F0%9F%98%80"), ("", ""),
        ])
    func urlEncodes(key: String, encoded: String) {
        #expect(S3EncodingType.url.encode(key) == encoded)
    }

    /// `+` as a space and `%XX` as a byte, as Python's `unquote_plus` reads (Foundation's `removingPercentEncoding`
    /// would drop a leading U+FEFF).
    func formDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = utf8.next(), let low = utf8.next(),
                    let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    @Test("URL-encoded names decode back with form decoding (+ as space, then percent-decoding)")
    func urlEncodingRoundTrips() {
        var generator = SeededGenerator(state: 7)
        let alphabet = Array((OddKeys.legal + OddKeys.unwritable).joined())
        for _ in 0..<500 {
            let key = String((0..<Int.random(in: 0...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let encoded = S3EncodingType.url.encode(key)
            #expect(encoded.utf8.allSatisfy { $0 < 0x80 && !"&<>\"' ".utf8.contains($0) })
            #expect(formDecoded(encoded) == key, "\(key.debugDescription)")
        }
        #expect(S3EncodingType(rawValue: "url") == .url)
        #expect(S3EncodingType(rawValue: "URL") == nil)
    }

    @Test(
        "writes timestamps as S3 does, in whole seconds",
        arguments: [
            (1_796_042_096.7, "2026-11-30T12:34:56.000Z"), (0, "1970-01-01T00:00:00.000Z"), (-0.5, "1969-12-31T23:59:59.000Z"),
            (951_782_400, "2000-02-29T00:00:00.000Z"), (1_709_251_199, "2024-02-29T23:59:59.000Z"),
            (-62_167_219_200, "0000-01-01T00:00:00.000Z"), (-1e15, "0000-01-01T00:00:00.000Z"), (1e15, "9999-12-31T23:59:59.000Z"),
        ])
    func writesTimestamps(seconds: Double, text: String) {
        #expect(S3Timestamp.string(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test("agrees with Foundation's ISO 8601 form for random dates since 1583 (before, Foundation's calendar is Julian)")
    func timestampsAgreeWithFoundation() {
        var generator = SeededGenerator(state: 11)
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!)
        for _ in 0..<2000 {
            let date = Date(timeIntervalSince1970: Double(Int64.random(in: -12_212_553_600...253_000_000_000, using: &generator)))
            #expect(S3Timestamp.string(date) == date.formatted(style), "\(date.timeIntervalSince1970)")
        }
    }
}

@Suite("S3 XML response documents")
struct S3XMLDocumentTests {
    static let now = Date(timeIntervalSince1970: 1_796_042_096)
    static let owner = S3Owner(id: "ann", displayName: "Ann & <Co>")
    static let s3 = S3XMLWriter.s3Namespace

    /// The document as XMLParser reads it, after checking the declaration and the root's name and namespace.
    func parsed(_ document: some S3XMLDocument, root: String, namespace: String? = s3) throws -> ParsedElement {
        let text = document.xmlString
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<\(root)"))
        let (parsed, error) = ParsedElement.parse(document.xmlBytes)
        let element = try #require(parsed, "not well-formed: \(error ?? "") in \(text)")
        #expect(element.name == root)
        #expect(element.namespace == namespace)
        return element
    }

    func objects(_ keys: [String], owner: S3Owner? = nil) -> [S3ListedObject] {
        keys.enumerated().map { index, key in
            S3ListedObject(key: key, lastModified: Self.now, etag: String(format: "%032x", index), size: Int64(index), owner: owner)
        }
    }

    @Test("ListAllMyBucketsResult lists the owner and each bucket with its creation date")
    func listBuckets() throws {
        let document = S3ListAllMyBucketsResult(
            owner: Self.owner,
            buckets: [.init(name: "pail", creationDate: Self.now), .init(name: "b2", creationDate: Date(timeIntervalSince1970: 0))])
        let root = try parsed(document, root: "ListAllMyBucketsResult")
        #expect(root["Owner", "ID"] == "ann")
        #expect(root["Owner", "DisplayName"] == "Ann & <Co>")
        let buckets = try #require(root.child("Buckets")).all("Bucket")
        #expect(buckets.map { $0["Name"] } == ["pail", "b2"])
        #expect(buckets.map { $0["CreationDate"] } == ["2026-11-30T12:34:56.000Z", "1970-01-01T00:00:00.000Z"])
        #expect(
            try parsed(S3ListAllMyBucketsResult(owner: Self.owner, buckets: []), root: "ListAllMyBucketsResult")
                .child("Buckets")?.children == [])
    }

    @Test("ListBucketResult v1 writes every field, NextMarker only when truncated with a delimiter")
    func listObjectsV1() throws {
        let keys = OddKeys.legal + OddKeys.unwritable
        var document = S3ListObjectsResult(
            bucket: "pail", prefix: "", marker: "m&", nextMarker: "n<", maxKeys: 1000, delimiter: "/", isTruncated: true,
            contents: objects(keys, owner: Self.owner), commonPrefixes: ["a b/", "c&d/"])
        var root = try parsed(document, root: "ListBucketResult")
        #expect(root["Name"] == "pail")
        #expect(root["Prefix"] == "")
        #expect(root["Marker"] == "m&")
        #expect(root["NextMarker"] == "n<")
        #expect(root["MaxKeys"] == "1000")
        #expect(root["Delimiter"] == "/")
        #expect(root["IsTruncated"] == "true")
        #expect(root["EncodingType"] == nil)
        #expect(root["KeyCount"] == nil)
        let contents = root.all("Contents")
        let expectedKeys = keys.map {
            String(
                String.UnicodeScalarView(
                    $0.unicodeScalars.map {
                        XMLBodyReader.isXMLCharacter($0.value) ? $0 : "\u{FFFD}"
                    }))
        }
        #expect(contents.map { $0["Key"] } == expectedKeys)
        #expect(contents[1]["LastModified"] == "2026-11-30T12:34:56.000Z")
        #expect(contents[1]["ETag"] == "\"00000000000000000000000000000001\"")
        #expect(contents[1]["Size"] == "1")
        #expect(contents[1]["StorageClass"] == "STANDARD")
        #expect(contents[1]["Owner", "DisplayName"] == "Ann & <Co>")
        #expect(root.all("CommonPrefixes").map { $0["Prefix"] } == ["a b/", "c&d/"])

        document.delimiter = nil
        #expect(try parsed(document, root: "ListBucketResult")["NextMarker"] == nil)
        document.delimiter = "/"
        document.isTruncated = false
        #expect(try parsed(document, root: "ListBucketResult")["NextMarker"] == nil)

        document.isTruncated = true
        document.encodingType = .url
        document.prefix = "p q/"
        root = try parsed(document, root: "ListBucketResult")
        #expect(root["EncodingType"] == "url")
        #expect(root["Prefix"] == "p+q/")
        #expect(root["Marker"] == "m%26")
        #expect(root["NextMarker"] == "n%3C")
        #expect(root["Delimiter"] == "/")
        #expect(root.all("Contents").map { $0["Key"] } == keys.map(S3EncodingType.url.encode))
        #expect(root.all("CommonPrefixes").map { $0["Prefix"] } == ["a+b/", "c%26d/"])
    }

    @Test("ListBucketResult v2 counts keys and prefixes, writes tokens as they are and owners only when given")
    func listObjectsV2() throws {
        var document = S3ListObjectsV2Result(
            bucket: "pail", prefix: "ann/", continuationToken: "t+1", nextContinuationToken: "t/2", startAfter: "ann/a b",
            maxKeys: 2, delimiter: "/", isTruncated: true, contents: objects(["ann/x", "ann/y"]), commonPrefixes: ["ann/d/"])
        var root = try parsed(document, root: "ListBucketResult")
        #expect(root["KeyCount"] == "3")
        #expect(root["ContinuationToken"] == "t+1")
        #expect(root["NextContinuationToken"] == "t/2")
        #expect(root["StartAfter"] == "ann/a b")
        #expect(root["Marker"] == nil)
        #expect(root.all("Contents").allSatisfy { $0.child("Owner") == nil })
        document.encodingType = .url
        document.contents = objects(["ann/x y"], owner: Self.owner)
        root = try parsed(document, root: "ListBucketResult")
        #expect(root["KeyCount"] == "2")
        #expect(root["ContinuationToken"] == "t+1")
        #expect(root["StartAfter"] == "ann/a+b")
        #expect(root["Contents", "Key"] == "ann/x+y")
        #expect(root["Contents", "Owner", "ID"] == "ann")
        document = S3ListObjectsV2Result(
            bucket: "pail", prefix: "", maxKeys: 1000, delimiter: nil, isTruncated: false, contents: [], commonPrefixes: [])
        root = try parsed(document, root: "ListBucketResult")
        #expect(root.children.map(\.name) == ["Name", "Prefix", "KeyCount", "MaxKeys", "IsTruncated"])
    }

    @Test("ListVersionsResult interleaves versions and delete markers in the given order")
    func listVersions() throws {
        let document = S3ListVersionsResult(
            bucket: "pail", prefix: "", keyMarker: "k", versionIdMarker: "v", nextKeyMarker: "a&b", nextVersionIdMarker: "3",
            maxKeys: 3, delimiter: nil, isTruncated: true,
            entries: [
                .deleteMarker(.init(key: "a&b", versionId: "5", isLatest: true, lastModified: Self.now, owner: Self.owner)),
                .version(
                    .init(
                        key: "a&b", versionId: "4", isLatest: false, lastModified: Self.now, etag: "e4", size: 4, owner: Self.owner)),
                .version(.init(key: "a&b", versionId: "3", isLatest: false, lastModified: Self.now, etag: "e3", size: 3, owner: nil)),
            ], commonPrefixes: [])
        let root = try parsed(document, root: "ListVersionsResult")
        #expect(
            root.children.map(\.name) == [
                "Name", "Prefix", "KeyMarker", "VersionIdMarker", "NextKeyMarker", "NextVersionIdMarker", "MaxKeys", "IsTruncated",
                "DeleteMarker", "Version", "Version",
            ])
        #expect(root["NextKeyMarker"] == "a&b")
        let marker = try #require(root.child("DeleteMarker"))
        #expect(marker.children.map(\.name) == ["Key", "VersionId", "IsLatest", "LastModified", "Owner"])
        #expect(marker["IsLatest"] == "true")
        let versions = root.all("Version")
        #expect(
            versions[0].children.map(\.name) == [
                "Key", "VersionId", "IsLatest", "LastModified", "ETag", "Size", "StorageClass", "Owner",
            ])
        #expect(versions.map { $0["ETag"] } == ["\"e4\"", "\"e3\""])
        #expect(versions[1].child("Owner") == nil)
    }

    @Test("DeleteResult lists deleted keys and errors; quiet lists only the errors")
    func deleteResult() throws {
        var document = S3DeleteResult(
            quiet: false,
            deleted: [
                .init(key: "a&b"), .init(key: "c", versionId: "7"),
                .init(key: "d", deleteMarker: true, deleteMarkerVersionId: "9"),
            ],
            errors: [.init(key: "e<", versionId: "1", error: PailError(.accessDenied, "Access Denied"))])
        var root = try parsed(document, root: "DeleteResult")
        let deleted = root.all("Deleted")
        #expect(deleted.map { $0["Key"] } == ["a&b", "c", "d"])
        #expect(deleted[0].children.map(\.name) == ["Key"])
        #expect(deleted[1]["VersionId"] == "7")
        #expect(deleted[2]["DeleteMarker"] == "true")
        #expect(deleted[2]["DeleteMarkerVersionId"] == "9")
        let error = try #require(root.child("Error"))
        #expect(error.children.map(\.name) == ["Key", "VersionId", "Code", "Message"])
        #expect(error["Key"] == "e<")
        #expect(error["Code"] == "AccessDenied")
        #expect(error["Message"] == "Access Denied")
        document.quiet = true
        root = try parsed(document, root: "DeleteResult")
        #expect(root.children.map(\.name) == ["Error"])
        document.errors = []
        #expect(document.xmlString.hasSuffix("<DeleteResult xmlns=\"\(Self.s3)\"/>"))
    }

    @Test("multipart documents: initiate, complete, list parts, list uploads")
    func multipartDocuments() throws {
        var root = try parsed(
            S3InitiateMultipartUploadResult(bucket: "pail", key: "a&b", uploadId: "u/1"), root: "InitiateMultipartUploadResult")
        #expect([root["Bucket"], root["Key"], root["UploadId"]] == ["pail", "a&b", "u/1"])

        root = try parsed(
            S3CompleteMultipartUploadResult(location: "http://h/pail/a%26b", bucket: "pail", key: "a&b", etag: "abc-2"),
            root: "CompleteMultipartUploadResult")
        #expect([root["Location"], root["Bucket"], root["Key"], root["ETag"]] == ["http://h/pail/a%26b", "pail", "a&b", "\"abc-2\""])

        let parts = S3ListPartsResult(
            bucket: "pail", key: "k", uploadId: "u", initiator: Self.owner, owner: S3Owner(id: "o", displayName: "O"),
            partNumberMarker: 2, nextPartNumberMarker: 4, maxParts: 2, isTruncated: true,
            parts: [
                .init(partNumber: 3, lastModified: Self.now, etag: "e3", size: 5_242_880),
                .init(partNumber: 4, lastModified: Self.now, etag: "e4", size: 1),
            ])
        root = try parsed(parts, root: "ListPartsResult")
        #expect(root["Initiator", "ID"] == "ann")
        #expect(root["Owner", "ID"] == "o")
        #expect(root["StorageClass"] == "STANDARD")
        #expect(
            [root["PartNumberMarker"], root["NextPartNumberMarker"], root["MaxParts"], root["IsTruncated"]] == ["2", "4", "2", "true"])
        #expect(root.all("Part").map { $0["PartNumber"] } == ["3", "4"])
        #expect(root.all("Part")[0].children.map(\.name) == ["PartNumber", "LastModified", "ETag", "Size"])
        #expect(root.all("Part")[0]["Size"] == "5242880")

        var uploads = S3ListMultipartUploadsResult(
            bucket: "pail", keyMarker: "", uploadIdMarker: "", nextKeyMarker: "a b", nextUploadIdMarker: "u2", prefix: "",
            delimiter: "/", maxUploads: 1, isTruncated: true,
            uploads: [.init(key: "a b", uploadId: "u2", initiator: Self.owner, owner: Self.owner, initiated: Self.now)],
            commonPrefixes: ["c d/"])
        root = try parsed(uploads, root: "ListMultipartUploadsResult")
        #expect(
            root.children.map(\.name) == [
                "Bucket", "KeyMarker", "UploadIdMarker", "NextKeyMarker", "NextUploadIdMarker", "Delimiter", "MaxUploads", "IsTruncated",
                "Upload", "CommonPrefixes",
            ])
        #expect(root["Upload", "Key"] == "a b")
        #expect(root["Upload", "Initiated"] == "2026-11-30T12:34:56.000Z")
        #expect(root["Upload", "StorageClass"] == "STANDARD")
        uploads.encodingType = .url
        uploads.prefix = "c "
        root = try parsed(uploads, root: "ListMultipartUploadsResult")
        #expect(
            [root["Prefix"], root["NextKeyMarker"], root["Upload", "Key"], root["CommonPrefixes", "Prefix"]]
                == ["c+", "a+b", "a+b", "c+d/"])
        #expect(root["EncodingType"] == "url")
    }

    @Test("copy results, location constraint, versioning configuration")
    func smallDocuments() throws {
        var root = try parsed(S3CopyResult(.object, lastModified: Self.now, etag: "\"q\""), root: "CopyObjectResult")
        #expect([root["LastModified"], root["ETag"]] == ["2026-11-30T12:34:56.000Z", "\"q\""])
        root = try parsed(S3CopyResult(.part, lastModified: Self.now, etag: "p"), root: "CopyPartResult")
        #expect(root["ETag"] == "\"p\"")

        let usEast = S3LocationConstraint(region: "us-east-1")
        #expect(usEast.xmlString == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint xmlns=\"\(Self.s3)\"/>")
        #expect(try parsed(usEast, root: "LocationConstraint").text == "")
        #expect(try parsed(S3LocationConstraint(region: "eu-west-1"), root: "LocationConstraint").text == "eu-west-1")

        root = try parsed(S3VersioningConfiguration(), root: "VersioningConfiguration")
        #expect(root["Status"] == "Enabled")
    }

    @Test("Error has S3's code, message, extra fields, resource and request id, and no namespace")
    func errorDocument() throws {
        let document = S3ErrorDocument(
            PailError(.noSuchKey, "The specified key does not exist: a\u{1}b"), resource: "/pail/a&b", requestId: "R1",
            fields: [("Key", "a&b"), ("BucketName", "pail")])
        let root = try parsed(document, root: "Error", namespace: nil)
        #expect(root.children.map(\.name) == ["Code", "Message", "Key", "BucketName", "Resource", "RequestId"])
        #expect(root["Code"] == "NoSuchKey")
        #expect(root["Message"] == "The specified key does not exist: a\\u{1}b")
        #expect(root["Resource"] == "/pail/a&b")
        #expect(!document.xmlString.contains("xmlns"))
        #expect(
            try parsed(S3ErrorDocument(PailError(.internalError, "x"), resource: nil, requestId: "R"), root: "Error", namespace: nil)
                .children.map(\.name) == ["Code", "Message", "RequestId"])
    }

    @Test("writes a 1,000-entry listing in one buffer, quickly")
    func writesLargePagesQuickly() throws {
        let keys = (0..<1000).map { "ann/folder \($0 % 10)/file & \($0) — ü.txt" }
        let document = S3ListObjectsV2Result(
            bucket: "pail", prefix: "ann/", maxKeys: 1000, delimiter: nil, isTruncated: true, encodingType: nil,
            contents: objects(keys), commonPrefixes: [])
        let clock = ContinuousClock()
        var bytes: [UInt8] = []
        let elapsed = clock.measure {
            for _ in 0..<20 { bytes = document.xmlBytes }
        }
        #expect(try parsed(document, root: "ListBucketResult").all("Contents").count == 1000)
        #expect(bytes.count < document.estimatedSize * 2)
        #expect(elapsed < .seconds(2), "20 pages of 1,000 entries took \(elapsed)")
    }
}
