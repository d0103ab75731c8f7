import Foundation
import PailCore
import Testing

@testable import PailServer

@Suite("S3 XML request documents")
struct S3XMLRequestTests {
    static let s3 = S3XMLWriter.s3Namespace

    func delete(_ text: String) throws(PailError) -> S3DeleteRequest {
        try S3DeleteRequest(xml: Array(text.utf8))
    }

    func isMalformedXML(_ error: any Error) -> Bool {
        (error as? PailError)?.code == .malformedXML
    }

    @Test("reads Delete as botocore writes it, with Quiet and version ids")
    func readsDelete() throws {
        let request = try delete(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <Delete xmlns="\(Self.s3)"><Object><Key>a.txt</Key></Object><Object><Key>b.txt</Key>\
            <VersionId>00000001</VersionId></Object><Quiet>true</Quiet></Delete>
            """)
        #expect(request == S3DeleteRequest(quiet: true, objects: [.init(key: "a.txt"), .init(key: "b.txt", versionId: "00000001")]))
        #expect(try delete("<Delete><Object><Key>k</Key></Object></Delete>").quiet == false)
        for (text, quiet) in [(" 1 ", true), ("0", false), ("\nfalse\n", false)] {
            #expect(try delete("<Delete><Quiet>\(text)</Quiet><Object><Key>k</Key></Object></Delete>").quiet == quiet)
        }
    }

    @Test("reads any key exactly: entities, character references, CDATA, comments, and whitespace that counts")
    func readsOddKeys() throws {
        let cases: [(String, String)] = [
            ("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;", "a & b <c> \"d\" 'e'"),
            ("<![CDATA[<x>&amp;]]>", "<x>&amp;"),
            ("  spaced  \t", "  spaced  \t"),
            ("a<!-- note -->b<?pi data?>c", "abc"),
            ("line\nfeed", "line\nfeed"),
            ("cr\r\nlf and lone\rcr", "cr\nlf and lone\ncr"),
            ("&#13;&#xD;&#10;&#9;", "\r\r\n\t"),
            ("&#x1F600;&#128512;日本", "😀😀日本"),
            ("e\u{301}\u{2028}\u{FEFF}\u{85}", "e\u{301}\u{2028}\u{FEFF}\u{85}"),
            ("]]&gt;", "]]>"),
            ("", ""),
        ]
        for (xml, key) in cases {
            let request = try delete("<Delete><Object><Key>\(xml)</Key></Object></Delete>")
            #expect(request.objects == [.init(key: key)], "\(xml.debugDescription)")
        }
        #expect(try delete("<Delete><Object><Key/></Object></Delete>").objects == [.init(key: "")])
    }

    @Test("accepts S3's namespace, none, or a prefix bound to S3's; ignores unknown elements, namespaced ones too")
    func namespacesAndUnknownElements() throws {
        let expected = S3DeleteRequest(quiet: false, objects: [.init(key: "k")])
        for text in [
            "<Delete xmlns='\(Self.s3)'><Object><Key>k</Key></Object></Delete>",
            "<s3:Delete xmlns:s3=\"\(Self.s3)\"><s3:Object><s3:Key>k</s3:Key></s3:Object></s3:Delete>",
            "<Delete><Object><Key>k</Key><ETag>\"e\"</ETag><Size>3</Size><LastModifiedTime>x</LastModifiedTime></Object></Delete>",
            "<Delete><Unknown><Object><Key>no</Key></Object></Unknown>"
                + "<Object><Key>k</Key><x:Key xmlns:x='urn:x'>no</x:Key></Object></Delete>",
            "<Delete><Object xmlns='urn:other'><Key>no</Key></Object><Object><Key>k</Key></Object></Delete>",
            "\u{FEFF}<?xml version='1.0' standalone='yes'?>\n<!-- c --><?pi?>\n"
                + "<Delete> <Object> <Key>k</Key> </Object> </Delete>\n<!-- c -->\n",
            "<Delete xml:lang='en'><Object a='1' b=\"&amp;&#x3C;\"><Key>k</Key></Object></Delete>",
        ] {
            #expect(try delete(text) == expected, "\(text)")
        }
    }

    @Test(
        "refuses a wrong root, a wrong namespace, or a Delete S3 would refuse",
        arguments: [
            "<Deletes><Object><Key>k</Key></Object></Deletes>",
            "<CompleteMultipartUpload><Object><Key>k</Key></Object></CompleteMultipartUpload>",
            "<Delete xmlns='http://s3.amazonaws.com/doc/2006-03-01'><Object><Key>k</Key></Object></Delete>",
            "<x:Delete xmlns:x='urn:x'><Object><Key>k</Key></Object></x:Delete>",
            "<Delete></Delete>",
            "<Delete/>",
            "<Delete><Object><VersionId>1</VersionId></Object></Delete>",
            "<Delete><Object><Key>a</Key><Key>b</Key></Object></Delete>",
            "<Delete><Object><Key>a<b/>c</Key></Object></Delete>",
            "<Delete><Quiet>yes</Quiet><Object><Key>k</Key></Object></Delete>",
            "<Delete><Quiet>true</Quiet><Quiet>true</Quiet><Object><Key>k</Key></Object></Delete>",
        ])
    func refusesInvalidDelete(_ text: String) {
        #expect { try delete(text) } throws: { isMalformedXML($0) }
    }

    @Test(
        "refuses DOCTYPEs and entities: XXE, billion laughs, parameter entities, undeclared entities",
        arguments: [
            """
            <?xml version="1.0"?><!DOCTYPE Delete [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\
            <Delete><Object><Key>&xxe;</Key></Object></Delete>
            """,
            """
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\
            <Delete><Object><Key>&lol3;</Key></Object></Delete>
            """,
            "<!DOCTYPE Delete SYSTEM \"http://127.0.0.1/evil.dtd\"><Delete><Object><Key>k</Key></Object></Delete>",
            "<!DOCTYPE Delete [<!ENTITY % p SYSTEM \"http://127.0.0.1/p\"> %p;]><Delete><Object><Key>k</Key></Object></Delete>",
            "<Delete><!DOCTYPE Delete><Object><Key>k</Key></Object></Delete>",
            "<Delete><Object><Key>k</Key></Object></Delete><!DOCTYPE Delete>",
            "<Delete><Object><Key>&xxe;</Key></Object></Delete>",
            "<Delete><Object><Key>&nbsp;</Key></Object></Delete>",
            "<Delete><Object><Key>k</Key></Object><!ENTITY x 'y'></Delete>",
        ])
    func refusesEntities(_ text: String) {
        #expect { try delete(text) } throws: { isMalformedXML($0) }
    }

    @Test(
        "refuses what is not well-formed XML 1.0 in UTF-8",
        arguments: [
            "", "   ", "Delete", "<Delete><Object><Key>k</Key></Object>", "<Delete><Object><Key>k</Object></Key></Delete>",
            "<Delete><Object><Key>k</Key></Object></Delete><Delete/>", "<Delete><Object><Key>k</Key></Object></Delete>tail",
            "text<Delete><Object><Key>k</Key></Object></Delete>", "<Delete><Object><Key>a<b</Key></Object></Delete>",
            "<Delete><Object><Key>a&b</Key></Object></Delete>", "<Delete><Object><Key>a]]>b</Key></Object></Delete>",
            "<Delete><Object><Key>&#1;</Key></Object></Delete>", "<Delete><Object><Key>&#xFFFE;</Key></Object></Delete>",
            "<Delete><Object><Key>&#xD800;</Key></Object></Delete>", "<Delete><Object><Key>&#x110000;</Key></Object></Delete>",
            "<Delete><Object><Key>&#;</Key></Object></Delete>", "<Delete><Object><Key>&#x;</Key></Object></Delete>",
            "<Delete><Object><Key>&#12a;</Key></Object></Delete>", "<Delete><Object><Key>&#99999999999999999999;</Key></Object></Delete>",
            "<Delete><Object><Key>a\u{1}b</Key></Object></Delete>", "<Delete><Object><Key>a\u{FFFF}b</Key></Object></Delete>",
            "<?xml version=\"1.1\"?><Delete><Object><Key>k</Key></Object></Delete>",
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Delete><Object><Key>k</Key></Object></Delete>",
            "<?xml encoding=\"UTF-8\"?><Delete><Object><Key>k</Key></Object></Delete>",
            " <?xml version=\"1.0\"?><Delete><Object><Key>k</Key></Object></Delete>",
            "<Delete><?xml version=\"1.0\"?><Object><Key>k</Key></Object></Delete>",
            "<Delete a='1' a='2'><Object><Key>k</Key></Object></Delete>", "<Delete a='<'><Object><Key>k</Key></Object></Delete>",
            "<Delete a=1><Object><Key>k</Key></Object></Delete>", "<Delete a='1'b='2'><Object><Key>k</Key></Object></Delete>",
            "<p:Delete><Object><Key>k</Key></Object></p:Delete>", "<Delete><Object><p:Key>k</p:Key></Object></Delete>",
            "<Delete xmlns:p=''><Object><Key>k</Key></Object></Delete>", "<Delete xmlns:='urn:x'><Object><Key>k</Key></Object></Delete>",
            "<Delete><Object><Key>k</Key></Object><!-- a -- b --></Delete>",
            "<Delete><Object><Key><![CDATA[k</Key></Object></Delete>", "<Delete><Object><Key>k</Key></Object><!-- open",
            "<1Delete/>", "< Delete/>", "<Delete><Object><Key>k</Key></Object></Delete >x",
        ])
    func refusesMalformedXML(_ text: String) {
        #expect { try delete(text) } throws: { isMalformedXML($0) }
    }

    @Test("refuses bytes that are not UTF-8, and nesting deeper than the reader's limit")
    func refusesBadBytesAndDepth() {
        var bytes = Array("<Delete><Object><Key>".utf8) + [0xC3, 0x28] + Array("</Key></Object></Delete>".utf8)
        #expect { try S3DeleteRequest(xml: bytes) } throws: { isMalformedXML($0) }
        bytes = Array("<Delete><Object><Key>".utf8) + [0xED, 0xA0, 0x80] + Array("</Key></Object></Delete>".utf8)
        #expect { try S3DeleteRequest(xml: bytes) } throws: { isMalformedXML($0) }
        let deep = String(repeating: "<a>", count: XMLBodyReader.maxDepth) + String(repeating: "</a>", count: XMLBodyReader.maxDepth)
        #expect { try delete("<Delete><Object><Key>k</Key></Object>\(deep)</Delete>") } throws: { isMalformedXML($0) }
        let allowed = XMLBodyReader.maxDepth - 1
        let shallow = String(repeating: "<a>", count: allowed) + String(repeating: "</a>", count: allowed)
        #expect(throws: Never.self) { try delete("<Delete><Object><Key>k</Key></Object>\(shallow)</Delete>") }
    }

    @Test("reads 1,000 objects, refuses 1,001 and bodies over the limit")
    func limits() throws {
        func body(_ count: Int, keyLength: Int = 8) -> String {
            let key = String(repeating: "k", count: keyLength)
            return "<Delete>" + (0..<count).map { "<Object><Key>\(key)\($0)</Key></Object>" }.joined() + "</Delete>"
        }
        #expect(try delete(body(1000)).objects.count == 1000)
        #expect { try delete(body(1001)) } throws: { isMalformedXML($0) }
        // The largest keys S3 allows, each written entirely as &quot;, fit.
        let quotes = String(repeating: "&quot;", count: 1024)
        let object = "<Object><Key>\(quotes)</Key><VersionId>00000000000000000001</VersionId></Object>"
        let largest = "<Delete>" + String(repeating: object, count: 1000) + "</Delete>"
        #expect(largest.utf8.count <= S3DeleteRequest.maxBodyBytes)
        #expect(try delete(largest).objects.allSatisfy { $0.key.count == 1024 })
        let oversized = Array(body(1).utf8) + Array(repeating: UInt8(ascii: " "), count: S3DeleteRequest.maxBodyBytes)
        #expect { try S3DeleteRequest(xml: oversized) } throws: { error in
            isMalformedXML(error) && (error as? PailError)?.message.contains("longer than") == true
        }
    }

    @Test("every truncation of a valid body is refused, none crashes")
    func truncations() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?><!-- c --><s3:Delete xmlns:s3="\(Self.s3)" a='&amp;'>\
            <s3:Quiet>true</s3:Quiet><s3:Object><s3:Key>a &amp; &#x1F600; <![CDATA[<]]>日本</s3:Key><?pi x?></s3:Object></s3:Delete>
            """
        let bytes = Array(text.utf8)
        #expect(try S3DeleteRequest(xml: bytes).objects == [.init(key: "a & 😀 <日本")])
        for length in 0..<bytes.count {
            #expect(throws: PailError.self, "\(length)") { try S3DeleteRequest(xml: bytes[..<length]) }
        }
    }

    @Test("agrees with XMLParser on random well-formed documents")
    func agreesWithXMLParser() throws {
        var generator = SeededGenerator(state: 3)
        let pieces = ["a", " ", "\n", "日本", "😀", "&amp;", "&lt;", "&#x41;", "&#10;", "<![CDATA[<&>]]>", "<!--c-->", "\t", "é"]
        func element(_ depth: Int) -> String {
            let name = ["Object", "Key", "x:Unknown", "Part", "Other"].randomElement(using: &generator)!
            var text = "<\(name)>"
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                if depth < 4, Bool.random(using: &generator) {
                    text += element(depth + 1)
                } else {
                    text += pieces.randomElement(using: &generator)!
                }
            }
            return text + "</\(name)>"
        }
        func node(_ element: ParsedElement) -> String {
            "\(element.namespace ?? "")|\(element.name)|\(element.text)[\(element.children.map(node).joined(separator: ","))]"
        }
        func node(_ element: XMLNode) -> String {
            "\(element.namespace ?? "")|\(element.name)|\(element.text)[\(element.children.map(node).joined(separator: ","))]"
        }
        for _ in 0..<300 {
            let text = "<Delete xmlns='\(Self.s3)' xmlns:x='urn:x'>\(element(0))\(element(0))</Delete>"
            let ours = try XMLBodyReader.read(Array(text.utf8), limit: 1 << 20)
            let theirs = try #require(ParsedElement.parse(Array(text.utf8)).root)
            #expect(node(ours) == node(theirs), "\(text)")
        }
    }

    @Test("reads CompleteMultipartUpload: part numbers, ETags without quotes, checksums")
    func readsCompleteMultipartUpload() throws {
        let text = """
            <CompleteMultipartUpload xmlns="\(Self.s3)">
              <Part><ETag>"etag1"</ETag><PartNumber> 1 </PartNumber><ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part>
              <Part><PartNumber>2</PartNumber><ETag>&quot;etag2&quot;</ETag><ChecksumCRC32C>c</ChecksumCRC32C>\
            <ChecksumCRC64NVME>n</ChecksumCRC64NVME><ChecksumSHA1>s1</ChecksumSHA1><ChecksumSHA256>s256</ChecksumSHA256></Part>
              <Part><PartNumber>3</PartNumber><ETag>etag3</ETag><Size>5</Size></Part>
            </CompleteMultipartUpload>
            """
        let request = try S3CompleteMultipartUploadRequest(xml: Array(text.utf8))
        #expect(
            request.parts == [
                .init(partNumber: 1, etag: "etag1", checksumCRC32: "AAAAAA=="),
                .init(
                    partNumber: 2, etag: "etag2", checksumCRC32C: "c", checksumCRC64NVME: "n", checksumSHA1: "s1", checksumSHA256: "s256"),
                .init(partNumber: 3, etag: "etag3"),
            ])
        let many = "<CompleteMultipartUpload>" + (1...10_000).map { "<Part><PartNumber>\($0)</PartNumber><ETag>e</ETag></Part>" }.joined()
        #expect(try S3CompleteMultipartUploadRequest(xml: Array((many + "</CompleteMultipartUpload>").utf8)).parts.count == 10_000)
        let tooMany = many + "<Part><PartNumber>1</PartNumber><ETag>e</ETag></Part></CompleteMultipartUpload>"
        #expect { try S3CompleteMultipartUploadRequest(xml: Array(tooMany.utf8)) } throws: { isMalformedXML($0) }
    }

    @Test(
        "refuses a CompleteMultipartUpload without parts, part numbers or ETags",
        arguments: [
            "<CompleteMultipartUpload/>", "<CompleteMultipartUpload><Other/></CompleteMultipartUpload>",
            "<CompleteMultipartUpload><Part><ETag>e</ETag></Part></CompleteMultipartUpload>",
            "<CompleteMultipartUpload><Part><PartNumber>one</PartNumber><ETag>e</ETag></Part></CompleteMultipartUpload>",
            "<CompleteMultipartUpload><Part><PartNumber>99999999999999999999</PartNumber><ETag>e</ETag></Part></CompleteMultipartUpload>",
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>",
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>e</ETag><ETag>f</ETag></Part></CompleteMultipartUpload>",
            "<Delete><Part><PartNumber>1</PartNumber><ETag>e</ETag></Part></Delete>",
        ])
    func refusesInvalidComplete(_ text: String) {
        #expect { try S3CompleteMultipartUploadRequest(xml: Array(text.utf8)) } throws: { isMalformedXML($0) }
    }

    @Test("reads CreateBucketConfiguration's LocationConstraint; an empty body is no configuration")
    func readsCreateBucketConfiguration() throws {
        let cases: [(String, String?)] = [
            ("", nil), (" \r\n\t", nil),
            (
                "<CreateBucketConfiguration xmlns=\"\(Self.s3)\"><LocationConstraint>eu-west-1</LocationConstraint>"
                    + "</CreateBucketConfiguration>", "eu-west-1"
            ),
            (
                "<CreateBucketConfiguration><LocationConstraint> us-east-2\n</LocationConstraint><Tags/></CreateBucketConfiguration>",
                "us-east-2"
            ),
            ("<CreateBucketConfiguration><LocationConstraint/></CreateBucketConfiguration>", nil),
            ("<CreateBucketConfiguration/>", nil),
        ]
        for (text, region) in cases {
            #expect(try S3CreateBucketConfiguration(xml: Array(text.utf8)).locationConstraint == region, "\(text)")
        }
        for text in ["<Configuration/>", "<CreateBucketConfiguration>", "x", "<CreateBucketConfiguration xmlns='urn:x'/>"] {
            #expect { try S3CreateBucketConfiguration(xml: Array(text.utf8)) } throws: { isMalformedXML($0) }
        }
        let oversized = Array(repeating: UInt8(ascii: " "), count: S3CreateBucketConfiguration.maxBodyBytes + 1)
        #expect { try S3CreateBucketConfiguration(xml: oversized) } throws: { isMalformedXML($0) }
    }
}
