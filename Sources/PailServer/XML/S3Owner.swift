/// The owner (or initiator) S3 names in listings: a canonical ID and a display name.
///
/// ```swift
/// let owner = S3Owner(id: "ann", displayName: "ann")   // <Owner><ID>ann</ID><DisplayName>ann</DisplayName></Owner>
/// ```
package struct S3Owner: Sendable, Equatable {
    package var id: String
    package var displayName: String

    package init(id: String, displayName: String) {
        self.id = id
        self.displayName = displayName
    }

    /// Writes `<element><ID>…</ID><DisplayName>…</DisplayName></element>`.
    func write(as element: String, to writer: inout S3XMLWriter) {
        writer.element(element) { writer in
            writer.element("ID", text: id)
            writer.element("DisplayName", text: displayName)
        }
    }
}
