import PailCore

/// `DeleteResult`, the answer to DeleteObjects (`POST /bucket?delete`): what was deleted and what was not.
///
/// In quiet mode (the request's `<Quiet>true</Quiet>`) only the errors are written, as S3 does. Keys are
/// written as they are (DeleteObjects has no `encoding-type`): a key reached this answer through the
/// request's XML, so it holds only characters XML can carry.
///
/// ```swift
/// S3DeleteResult(quiet: false, deleted: [.init(key: "ann/a.txt")],
///                errors: [.init(key: "bob/b.txt", error: PailError(.accessDenied, "Access Denied"))])
/// ```
package struct S3DeleteResult: S3XMLDocument, Equatable {
    /// A key (or version) that was deleted, or that was not there (S3 answers those as deleted too).
    package struct Deleted: Sendable, Equatable {
        package var key: String
        /// The version the request named, when it named one.
        package var versionId: String?
        /// True when a delete marker was made (no version named) or removed (a marker's version named).
        package var deleteMarker: Bool
        /// The version id of that delete marker.
        package var deleteMarkerVersionId: String?

        package init(key: String, versionId: String? = nil, deleteMarker: Bool = false, deleteMarkerVersionId: String? = nil) {
            self.key = key
            self.versionId = versionId
            self.deleteMarker = deleteMarker
            self.deleteMarkerVersionId = deleteMarkerVersionId
        }
    }

    /// A key that could not be deleted, with S3's code and message.
    package struct Failure: Sendable, Equatable {
        package var key: String
        package var versionId: String?
        package var error: PailError

        package init(key: String, versionId: String? = nil, error: PailError) {
            self.key = key
            self.versionId = versionId
            self.error = error
        }
    }

    package var rootElement: String { "DeleteResult" }
    package var quiet: Bool
    package var deleted: [Deleted]
    package var errors: [Failure]

    package init(quiet: Bool, deleted: [Deleted], errors: [Failure]) {
        self.quiet = quiet
        self.deleted = deleted
        self.errors = errors
    }

    package var estimatedSize: Int { 256 + 160 * ((quiet ? 0 : deleted.count) + errors.count) }

    package func writeContent(to writer: inout S3XMLWriter) {
        if !quiet {
            for entry in deleted {
                writer.element("Deleted") { writer in
                    writer.element("Key", text: entry.key)
                    writer.element("VersionId", ifPresent: entry.versionId)
                    if entry.deleteMarker { writer.element("DeleteMarker", true) }
                    writer.element("DeleteMarkerVersionId", ifPresent: entry.deleteMarkerVersionId)
                }
            }
        }
        for failure in errors {
            writer.element("Error") { writer in
                writer.element("Key", text: failure.key)
                writer.element("VersionId", ifPresent: failure.versionId)
                writer.element("Code", text: failure.error.code.rawValue)
                writer.element("Message", text: failure.error.message)
            }
        }
    }
}
