import Foundation

/// The headers an object was stored with and gives back on every GET and HEAD, as S3 keeps them: its
/// `Content-Type`, the other content headers (`Content-Disposition`, `Content-Encoding`, `Content-Language`,
/// `Cache-Control`, `Expires`) and user metadata (`x-amz-meta-*`, at most 2 KB, as S3 allows).
///
/// ```swift
/// let headers = try ObjectHeaders(contentType: "image/png", fields: ["x-amz-meta-mtime": "1700000000.5"])
/// headers.fields["x-amz-meta-mtime"]   // "1700000000.5"
/// ```
public struct ObjectHeaders: Sendable, Equatable, Codable {
    /// The content headers S3 stores besides `Content-Type` (lowercase).
    public static let contentHeaders: Set<String> = [
        "content-disposition", "content-encoding", "content-language", "cache-control", "expires",
    ]
    /// The prefix of user metadata headers.
    public static let userMetadataPrefix = "x-amz-meta-"
    /// The most bytes user metadata may take: its names (without the prefix) and values in UTF-8, as S3 counts.
    public static let maxUserMetadataBytes = 2048

    public let contentType: String?
    /// Lowercase names to values: the content headers above and `x-amz-meta-*` fields.
    public let fields: [String: String]

    /// No content type and no stored headers.
    public static let none = ObjectHeaders(checked: nil, fields: [:])

    /// The user metadata that carries the local file's modification time, in seconds since 1970 with a
    /// fraction, as rclone stores it.
    public static let fileModifiedField = "x-amz-meta-mtime"

    /// Headers that record a local file's modification time.
    public init(fileModified: Date) {
        self.init(checked: nil, fields: [Self.fileModifiedField: Self.mtimeText(fileModified)])
    }

    /// The local file's modification time the client recorded (`x-amz-meta-mtime`), if it sent a valid one.
    public var fileModified: Date? {
        guard let text = fields[Self.fileModifiedField], let seconds = Double(text), seconds.isFinite else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// These headers with `x-amz-meta-mtime` set to `date` unless one is already there; unchanged if the
    /// field would take the metadata past its 2 KB.
    func keepingFileModified(_ date: Date) -> ObjectHeaders {
        guard fileModified == nil else { return self }
        var fields = fields
        fields[Self.fileModifiedField] = Self.mtimeText(date)
        return (try? ObjectHeaders(contentType: contentType, fields: fields)) ?? self
    }

    /// Seconds since 1970 with up to nine digits of fraction, trailing zeros dropped (`1700000000.5`).
    private static func mtimeText(_ date: Date) -> String {
        var text = String(format: "%.9f", date.timeIntervalSince1970)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Checks the fields: each a content header or user metadata (`InvalidArgument` otherwise), user metadata
    /// within 2 KB (`MetadataTooLarge`).
    public init(contentType: String? = nil, fields: [String: String] = [:]) throws {
        var lowercased: [String: String] = [:]
        var userBytes = 0
        for (name, value) in fields {
            let name = name.lowercased()
            if name.hasPrefix(Self.userMetadataPrefix), name.count > Self.userMetadataPrefix.count {
                userBytes += name.utf8.count - Self.userMetadataPrefix.utf8.count + value.utf8.count
            } else if !Self.contentHeaders.contains(name) {
                throw PailError(.invalidArgument, "'\(RemotePath.printable(name))' is not a header an object is stored with")
            }
            lowercased[name] = value
        }
        guard userBytes <= Self.maxUserMetadataBytes else {
            throw PailError(
                .metadataTooLarge,
                "Your metadata headers exceed the maximum allowed metadata size (\(userBytes) of \(Self.maxUserMetadataBytes) bytes)")
        }
        self.init(checked: contentType, fields: lowercased)
    }

    private init(checked contentType: String?, fields: [String: String]) {
        self.contentType = contentType
        self.fields = fields
    }

    /// Reads the `content_type` and `headers` columns of a row of `objects`, `object_versions` or `multipart_uploads`.
    init(row: any SQLRow) {
        var fields: [String: String] = [:]
        if let json: String = row["headers"], case .object(let values)? = try? JSONValue.parse(json) {
            fields = values.compactMapValues(\.stringValue)
        }
        self.init(checked: row["content_type"], fields: fields)
    }

    /// The `headers` column: the fields as JSON, or NULL when there are none.
    var fieldsColumn: String? {
        guard !fields.isEmpty else { return nil }
        return JSONValue.object(fields.mapValues(JSONValue.string)).jsonString(sortedKeys: true)
    }

    /// The `headers` column on the tables that keep an object's headers.
    static func addColumn(_ db: any SQL) throws {
        try db.executeScript(
            """
            ALTER TABLE objects ADD COLUMN headers TEXT;
            ALTER TABLE object_versions ADD COLUMN headers TEXT;
            ALTER TABLE multipart_uploads ADD COLUMN headers TEXT;
            """)
    }
}
