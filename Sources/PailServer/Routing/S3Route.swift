import PailCore

/// Where a path-style request points: the service (`/`), a bucket (`/pail`) or an object (`/pail/alice/a.txt`),
/// with the query's sub-resources (`?uploads`, `?versionId=…`).
///
/// ```swift
/// let route = try S3Route(request)
/// route.bucket           // "pail"
/// route.key              // "alice/a.txt"
/// route.has("uploads")   // true for CreateMultipartUpload
/// ```
package struct S3Route: Sendable {
    package let bucket: String?
    package let key: String?
    package let parameters: [(name: String, value: String)]

    package init(_ request: IncomingRequest) throws {
        let segments = try request.pathSegments()
        parameters = try request.parameters()
        let bucket = segments.first.flatMap { $0.isEmpty ? nil : $0 }
        self.bucket = bucket
        let key = segments.dropFirst().joined(separator: "/")
        self.key = key.isEmpty ? nil : key
        // A key is checked as every key the store takes is: `..`, `.` and empty segments are refused however
        // they were encoded (`%2e%2e`, `%2F`), so a request never climbs out of a partition.
        if let key = self.key { try RemotePath.validate(key: key) }
    }

    /// Whether the query names `name` (with or without a value).
    package func has(_ name: String) -> Bool { parameters.contains { $0.name == name } }

    /// The value of a query parameter; `InvalidArgument` if it is given more than once.
    package func value(_ name: String) throws -> String? {
        let values = parameters.filter { $0.name == name }
        guard values.count <= 1 else { throw PailError(.invalidArgument, "The query parameter '\(name)' appears more than once") }
        return values.first?.value
    }
}
