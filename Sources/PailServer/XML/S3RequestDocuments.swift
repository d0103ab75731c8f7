import PailCore

/// The body of DeleteObjects (`POST /bucket?delete`): up to 1,000 keys (and versions) to delete, and `Quiet`.
///
/// The root must be `Delete`, in S3's namespace or in none; unknown elements are ignored, as S3 ignores
/// them (such as an `Object`'s `ETag` or `Size` from newer SDKs); no `Object`, more than 1,000, an `Object`
/// without `Key`, or a `Quiet` other than `true`/`false`/`1`/`0` is `MalformedXML`. A key is the exact text
/// of its `Key`, whitespace included (entities, character references and CDATA resolved); an empty key is
/// passed on for the caller to answer per key. `VersionId` is its exact text too.
///
/// ```swift
/// let request = try S3DeleteRequest(xml: body)   // body: the request's bytes, at most S3DeleteRequest.maxBodyBytes
/// for object in request.objects { … object.key, object.versionId … }
/// ```
package struct S3DeleteRequest: Sendable, Equatable {
    /// One key to delete, and the version when one is named.
    package struct Object: Sendable, Equatable {
        package var key: String
        package var versionId: String?

        package init(key: String, versionId: String? = nil) {
            self.key = key
            self.versionId = versionId
        }
    }

    /// S3's limit on the keys of one request.
    package static let maxObjects = 1000
    /// The longest body read (8 MiB): room for 1,000 objects whose 1,024-byte keys are written entirely as
    /// `&quot;` (6 KiB each), with a version id, an ETag and indentation. S3 documents no byte limit; MinIO reads
    /// up to 200 MiB, for 100,000 keys.
    package static let maxBodyBytes = 8 << 20

    package var quiet: Bool
    package var objects: [Object]

    package init(quiet: Bool, objects: [Object]) {
        self.quiet = quiet
        self.objects = objects
    }

    /// Reads the body; anything else than such a document, or a body over `maxBodyBytes`, is `MalformedXML`.
    package init(xml body: some Collection<UInt8>) throws(PailError) {
        let root = try XMLNode.requestRoot(body, limit: Self.maxBodyBytes, named: "Delete")
        let fields = try root.fields(["Quiet"])
        if let text = fields["Quiet"] { quiet = try XMLNode.boolean(text, of: "Quiet") } else { quiet = false }
        objects = []
        for child in root.children where child.isS3("Object") {
            guard objects.count < Self.maxObjects else { throw XMLBodyReader.malformed("more than \(Self.maxObjects) objects") }
            let object = try child.fields(["Key", "VersionId"])
            guard let key = object["Key"] else { throw XMLBodyReader.malformed("an Object without a Key") }
            objects.append(Object(key: key, versionId: object["VersionId"]))
        }
        guard !objects.isEmpty else { throw XMLBodyReader.malformed("no Object to delete") }
    }
}

/// The body of CompleteMultipartUpload (`POST /bucket/key?uploadId=…`): the parts to join, with their ETags.
///
/// The root must be `CompleteMultipartUpload` (S3's namespace or none); unknown elements are ignored; no
/// `Part`, more than 10,000, or a `Part` without a `PartNumber` that is an integer or without an `ETag` is
/// `MalformedXML`. Part numbers are not checked further here: their range and order (`InvalidPart`,
/// `InvalidPartOrder`) are the caller's to answer, as it knows the upload's parts.
///
/// ```swift
/// let request = try S3CompleteMultipartUploadRequest(xml: body)
/// request.parts.map(\.partNumber)   // [1, 2, 3]
/// ```
package struct S3CompleteMultipartUploadRequest: Sendable, Equatable {
    /// One part: its number, its ETag without quotes, and the checksums the client sent for it.
    package struct Part: Sendable, Equatable {
        package var partNumber: Int
        /// The ETag with surrounding whitespace and one pair of quotes removed, as PailCore keeps ETags.
        package var etag: String
        package var checksumCRC32: String?
        package var checksumCRC32C: String?
        package var checksumCRC64NVME: String?
        package var checksumSHA1: String?
        package var checksumSHA256: String?

        package init(
            partNumber: Int, etag: String, checksumCRC32: String? = nil, checksumCRC32C: String? = nil,
            checksumCRC64NVME: String? = nil, checksumSHA1: String? = nil, checksumSHA256: String? = nil
        ) {
            self.partNumber = partNumber
            self.etag = etag
            self.checksumCRC32 = checksumCRC32
            self.checksumCRC32C = checksumCRC32C
            self.checksumCRC64NVME = checksumCRC64NVME
            self.checksumSHA1 = checksumSHA1
            self.checksumSHA256 = checksumSHA256
        }
    }

    /// S3's limit on the parts of one upload.
    package static let maxParts = 10_000
    /// The longest body read (10 MiB): 1 KiB for each of 10,000 parts, each with all five checksums.
    package static let maxBodyBytes = 10 << 20

    package var parts: [Part]

    package init(parts: [Part]) {
        self.parts = parts
    }

    /// Reads the body; anything else than such a document, or a body over `maxBodyBytes`, is `MalformedXML`.
    package init(xml body: some Collection<UInt8>) throws(PailError) {
        let root = try XMLNode.requestRoot(body, limit: Self.maxBodyBytes, named: "CompleteMultipartUpload")
        parts = []
        let names = ["PartNumber", "ETag", "ChecksumCRC32", "ChecksumCRC32C", "ChecksumCRC64NVME", "ChecksumSHA1", "ChecksumSHA256"]
        for child in root.children where child.isS3("Part") {
            guard parts.count < Self.maxParts else { throw XMLBodyReader.malformed("more than \(Self.maxParts) parts") }
            let part = try child.fields(names)
            guard let numberText = part["PartNumber"], let number = Int(XMLNode.trimmed(numberText)) else {
                throw XMLBodyReader.malformed("a Part without an integer PartNumber")
            }
            guard let etagText = part["ETag"] else { throw XMLBodyReader.malformed("a Part without an ETag") }
            var etag = Substring(XMLNode.trimmed(etagText))
            if etag.count >= 2, etag.hasPrefix("\""), etag.hasSuffix("\"") { etag = etag.dropFirst().dropLast() }
            let checksum = { (name: String) in part[name].map(XMLNode.trimmed) }
            parts.append(
                Part(
                    partNumber: number, etag: String(etag), checksumCRC32: checksum("ChecksumCRC32"),
                    checksumCRC32C: checksum("ChecksumCRC32C"), checksumCRC64NVME: checksum("ChecksumCRC64NVME"),
                    checksumSHA1: checksum("ChecksumSHA1"), checksumSHA256: checksum("ChecksumSHA256")))
        }
        guard !parts.isEmpty else { throw XMLBodyReader.malformed("no Part to complete the upload with") }
    }
}

/// The optional body of CreateBucket (`PUT /bucket`): `CreateBucketConfiguration`, of which only the region is read.
///
/// An empty body (or one of whitespace only) is no configuration; a document must have the root
/// `CreateBucketConfiguration` (S3's namespace or none), whose `LocationConstraint` is read (trimmed; empty
/// is none) and whose other elements (`Location`, `Bucket`, `Tags`…) are ignored. Whether the region is
/// the endpoint's is the caller's to answer.
///
/// ```swift
/// try S3CreateBucketConfiguration(xml: body).locationConstraint   // "eu-west-1", or nil
/// ```
package struct S3CreateBucketConfiguration: Sendable, Equatable {
    /// The longest body read (64 KiB); S3's configuration is a few hundred bytes.
    package static let maxBodyBytes = 64 << 10

    package var locationConstraint: String?

    package init(locationConstraint: String?) {
        self.locationConstraint = locationConstraint
    }

    /// Reads the body; anything else than such a document or nothing, or a body over `maxBodyBytes`, is `MalformedXML`.
    package init(xml body: some Collection<UInt8>) throws(PailError) {
        let whitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        guard body.count > Self.maxBodyBytes || body.contains(where: { !whitespace.contains($0) }) else {
            locationConstraint = nil
            return
        }
        let root = try XMLNode.requestRoot(body, limit: Self.maxBodyBytes, named: "CreateBucketConfiguration")
        let region = try root.fields(["LocationConstraint"])["LocationConstraint"].map(XMLNode.trimmed)
        locationConstraint = region?.isEmpty == false ? region : nil
    }
}

extension XMLNode {
    /// The root of a request body, which must be S3's element `name`.
    static func requestRoot(_ body: some Collection<UInt8>, limit: Int, named name: String) throws(PailError) -> XMLNode {
        let root = try XMLBodyReader.read(body, limit: limit)
        guard root.name == name else { throw XMLBodyReader.malformed("the root element is \(root.name), not \(name)") }
        guard root.isS3(name) else { throw XMLBodyReader.malformed("the root element is in the namespace \(root.namespace ?? "")") }
        return root
    }

    /// True when this is S3's element `name`: that local name, in S3's namespace or in none.
    func isS3(_ name: String) -> Bool {
        self.name == name && (namespace == nil || namespace == S3XMLWriter.s3Namespace)
    }

    /// The text of the children named in `names` (each at most once, holding text only); other children are ignored.
    func fields(_ names: [String]) throws(PailError) -> [String: String] {
        var found: [String: String] = [:]
        for child in children {
            guard let name = names.first(where: child.isS3) else { continue }
            guard child.children.isEmpty else { throw XMLBodyReader.malformed("\(name) holding elements") }
            guard found.updateValue(child.text, forKey: name) == nil else { throw XMLBodyReader.malformed("\(name) given twice") }
        }
        return found
    }

    /// An `xsd:boolean`: `true`, `false`, `1` or `0`, with whitespace around it.
    static func boolean(_ text: String, of name: String) throws(PailError) -> Bool {
        switch trimmed(text) {
        case "true", "1": return true
        case "false", "0": return false
        default: throw XMLBodyReader.malformed("\(name) is neither true nor false")
        }
    }

    /// The text without the XML whitespace (space, tab, line feed, carriage return) around it.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let isText = { (scalar: Unicode.Scalar) in !" \t\n\r".unicodeScalars.contains(scalar) }
        guard let first = scalars.firstIndex(where: isText), let last = scalars.lastIndex(where: isText) else { return "" }
        return String(scalars[first...last])
    }
}
