import PailCore

/// What `x-amz-copy-source` names: `bucket/key` or `/bucket/key`, URL-encoded, optionally `?versionId=…`.
/// Another bucket is `NoSuchBucket`; a key is checked as every key is.
///
/// ```swift
/// let source = try CopySource("/pail/alice/a%20b.txt?versionId=0000001f", bucket: "pail")
/// source.key         // "alice/a b.txt"
/// source.versionId   // "0000001f"
/// ```
struct CopySource {
    let key: String
    let versionId: String?

    init(_ header: String, bucket: String) throws {
        var text = Substring(header)
        if text.hasPrefix("/") { text = text.dropFirst() }
        var versionId: String?
        if let question = text.firstIndex(of: "?") {
            let query = text[text.index(after: question)...]
            guard query.hasPrefix("versionId="), let id = SigV4.percentDecode(query.dropFirst("versionId=".count).utf8), !id.isEmpty else {
                throw PailError(.invalidArgument, "The copy source may name only a versionId, not '\(RemotePath.printable(String(query)))'")
            }
            versionId = id
            text = text[..<question]
        }
        guard let decoded = SigV4.percentDecode(text.utf8), let slash = decoded.firstIndex(of: "/") else {
            throw PailError(.invalidArgument, "Copy Source must mention the source bucket and key: sourcebucket/sourcekey")
        }
        guard decoded[..<slash] == bucket else {
            throw PailError(.noSuchBucket, "The specified bucket does not exist: \(RemotePath.printable(String(decoded[..<slash])))")
        }
        key = String(decoded[decoded.index(after: slash)...])
        try RemotePath.validate(key: key)
        self.versionId = versionId
    }
}
