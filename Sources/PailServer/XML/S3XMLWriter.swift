import Foundation

/// Writes an S3 XML document into one byte array: the declaration, the root element, its children.
///
/// Element names are the documents' own constants and are written as they are; every value goes through
/// `XMLText` (or `S3EncodingType` for key names in a listing asked for `encoding-type=url`).
///
/// ```swift
/// var writer = S3XMLWriter(root: "CopyObjectResult")
/// writer.element("ETag", etag: "9b2cf535f27731c974343645a3985328")
/// let bytes = writer.finish()   // <?xml …?>\n<CopyObjectResult xmlns="…"><ETag>&quot;9b2c…&quot;</ETag></CopyObjectResult>
/// ```
package struct S3XMLWriter: Sendable {
    /// The namespace of S3's documents, written on every root element but `Error`'s.
    package static let s3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

    private var bytes: [UInt8] = []
    private let root: String
    /// The length of the document when the root's start tag was written (an empty root is written as `<Root/>`).
    private let contentStart: Int

    /// Starts a document whose root element is `root`, in `namespace` (nil: no `xmlns` attribute).
    package init(root: String, namespace: String? = S3XMLWriter.s3Namespace, capacity: Int = 1024) {
        self.root = root
        bytes.reserveCapacity(capacity)
        bytes.append(contentsOf: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<".utf8)
        bytes.append(contentsOf: root.utf8)
        if let namespace {
            bytes.append(contentsOf: " xmlns=\"".utf8)
            XMLText.append(namespace, in: .attribute, to: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: ">"))
        contentStart = bytes.count
    }

    /// Closes the root element and returns the document's UTF-8.
    package consuming func finish() -> [UInt8] {
        if bytes.count == contentStart {
            bytes.removeLast()
            bytes.append(contentsOf: "/>".utf8)
        } else {
            close(root)
        }
        return bytes
    }

    /// `<name>`
    package mutating func open(_ name: String) {
        bytes.append(UInt8(ascii: "<"))
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: ">"))
    }

    /// `</name>`
    package mutating func close(_ name: String) {
        bytes.append(contentsOf: "</".utf8)
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: ">"))
    }

    /// `<name>…</name>` around what `content` writes.
    package mutating func element(_ name: String, _ content: (inout S3XMLWriter) -> Void) {
        open(name)
        content(&self)
        close(name)
    }

    /// Escaped text content directly inside the element open last (or the root).
    package mutating func text(_ text: String) {
        XMLText.append(text, to: &bytes)
    }

    /// `<name>text</name>`, the text escaped.
    package mutating func element(_ name: String, text: String) {
        open(name)
        XMLText.append(text, to: &bytes)
        close(name)
    }

    /// `<name>key</name>`: a key name (or prefix, marker, delimiter) as a listing asked for `encoding` writes it.
    package mutating func element(_ name: String, key: String, encoding: S3EncodingType?) {
        guard let encoding else { return element(name, text: key) }
        open(name)
        encoding.append(key, to: &bytes)
        close(name)
    }

    /// `<name>"etag"</name>`: an ETag in quotes, as S3 lists it; one already in quotes is written as it is.
    package mutating func element(_ name: String, etag: String) {
        let quoted = etag.count >= 2 && etag.hasPrefix("\"") && etag.hasSuffix("\"")
        element(name, text: quoted ? etag : "\"\(etag)\"")
    }

    /// `<name>42</name>`
    package mutating func element(_ name: String, _ number: some BinaryInteger) {
        element(name, text: String(number))
    }

    /// `<name>true</name>` or `<name>false</name>`
    package mutating func element(_ name: String, _ flag: Bool) {
        element(name, text: flag ? "true" : "false")
    }

    /// `<name>2026-11-30T12:34:56.000Z</name>`
    package mutating func element(_ name: String, _ date: Date) {
        open(name)
        S3Timestamp.append(date, to: &bytes)
        close(name)
    }

    /// `<name>…</name>` when `value` is there; nothing when it is nil.
    package mutating func element(_ name: String, ifPresent value: String?) {
        if let value { element(name, text: value) }
    }
}
