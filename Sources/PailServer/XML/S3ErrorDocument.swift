import PailCore

/// `Error`, the body of every error answer: S3's code and message, the resource, the request id and extras.
///
/// The root has no namespace, as S3 writes it. `fields` are the extra elements S3 adds for some codes,
/// written in order between `Message` and `Resource` (`Key`, `BucketName`, `Condition`, `ArgumentName`…).
///
/// ```swift
/// S3ErrorDocument(PailError(.noSuchKey, "The specified key does not exist."), resource: "/pail/ann/a.txt",
///                 requestId: "4442587FB7D0A2F9", fields: [("Key", "ann/a.txt")]).xmlBytes
/// ```
package struct S3ErrorDocument: S3XMLDocument, Equatable {
    /// One extra element: its name (ASCII letters, written as it is) and text.
    package struct Field: Sendable, Equatable {
        package var name: String
        package var value: String

        package init(_ name: String, _ value: String) {
            precondition(!name.isEmpty && name.utf8.allSatisfy { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") })
            self.name = name
            self.value = value
        }
    }

    package static var namespace: String? { nil }
    package var rootElement: String { "Error" }
    package var error: PailError
    package var resource: String?
    package var requestId: String
    package var fields: [Field]

    package init(_ error: PailError, resource: String?, requestId: String, fields: [(name: String, value: String)] = []) {
        self.error = error
        self.resource = resource
        self.requestId = requestId
        self.fields = fields.map { Field($0.name, $0.value) }
    }

    package func writeContent(to writer: inout S3XMLWriter) {
        writer.element("Code", text: error.code.rawValue)
        writer.element("Message", text: error.message)
        for field in fields { writer.element(field.name, text: field.value) }
        writer.element("Resource", ifPresent: resource)
        writer.element("RequestId", text: requestId)
    }
}
