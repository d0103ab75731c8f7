import Foundation

/// `ListAllMyBucketsResult`, the answer to `GET /` (ListBuckets): the owner and each bucket with its creation date.
///
/// ```swift
/// S3ListAllMyBucketsResult(owner: S3Owner(id: "ann", displayName: "ann"), buckets: [.init(name: "pail", creationDate: now)])
/// ```
package struct S3ListAllMyBucketsResult: S3XMLDocument, Equatable {
    /// One bucket of the list.
    package struct Bucket: Sendable, Equatable {
        package var name: String
        package var creationDate: Date

        package init(name: String, creationDate: Date) {
            self.name = name
            self.creationDate = creationDate
        }
    }

    package var rootElement: String { "ListAllMyBucketsResult" }
    package var owner: S3Owner
    package var buckets: [Bucket]

    package init(owner: S3Owner, buckets: [Bucket]) {
        self.owner = owner
        self.buckets = buckets
    }

    package var estimatedSize: Int { 256 + 128 * buckets.count }

    package func writeContent(to writer: inout S3XMLWriter) {
        owner.write(as: "Owner", to: &writer)
        writer.element("Buckets") { writer in
            for bucket in buckets {
                writer.element("Bucket") { writer in
                    writer.element("Name", text: bucket.name)
                    writer.element("CreationDate", bucket.creationDate)
                }
            }
        }
    }
}

/// `LocationConstraint`, the answer to `GET /bucket?location`: empty for us-east-1, as S3 answers, else the region.
///
/// ```swift
/// S3LocationConstraint(region: "us-east-1").xmlString   // …<LocationConstraint xmlns="…"/>
/// ```
package struct S3LocationConstraint: S3XMLDocument, Equatable {
    package var rootElement: String { "LocationConstraint" }
    package var region: String

    package init(region: String) {
        self.region = region
    }

    package func writeContent(to writer: inout S3XMLWriter) {
        if region != "us-east-1" { writer.text(region) }
    }
}

/// `VersioningConfiguration`, the answer to `GET /bucket?versioning`: Pail keeps every version, so `Enabled`.
///
/// ```swift
/// S3VersioningConfiguration().xmlString   // …<VersioningConfiguration xmlns="…"><Status>Enabled</Status></…>
/// ```
package struct S3VersioningConfiguration: S3XMLDocument, Equatable {
    package var rootElement: String { "VersioningConfiguration" }

    package init() {}

    package func writeContent(to writer: inout S3XMLWriter) {
        writer.element("Status", text: "Enabled")
    }
}
