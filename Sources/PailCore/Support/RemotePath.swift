import Foundation

/// A validated path inside a user's vault (`docs/report.pdf`, or `docs/` for a folder), in Unicode NFC.
///
/// ```swift
/// let path = try RemotePath("docs/report.pdf")
/// path.key(for: "alice")   // "alice/docs/report.pdf"
/// ```
public struct RemotePath: Sendable, Hashable, CustomStringConvertible {
    /// The longest store key S3 allows, in UTF-8 bytes.
    public static let maxKeyBytes = 1024

    /// The path text, NFC-normalized, without a leading slash; ends with `/` for a folder.
    public let value: String

    public var description: String { value }

    /// Whether the path names a folder (ends with `/`) rather than a file.
    public var isFolder: Bool { value.endsWithSlash }

    /// The last segment (the file or folder name).
    public var name: String {
        value.lastKeySegment ?? ""
    }

    /// Validates `text`; throws `InvalidArgument` naming what is wrong.
    public init(_ text: String) throws {
        let normalized = text.precomposedStringWithCanonicalMapping
        try Self.check(normalized, original: text)
        value = normalized
    }

    private init(validated: String) { value = validated }

    /// The same path as a folder (with a trailing slash).
    public var asFolder: RemotePath { isFolder ? self : RemotePath(validated: value + "/") }

    /// The store key for this path in `user`'s partition.
    public func key(for user: String) -> String { "\(user)/\(value)" }

    /// The path inside the partition for a store key of `user`, or nil if the key is not theirs.
    public static func path(ofKey key: String, user: String) -> String? {
        key.removingKeyPrefix(user + "/")
    }

    /// Splits a store key into its user and path; nil if the key has no user segment.
    public static func split(key: String) -> (user: String, path: String)? {
        guard let slash = key.utf8.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        return (
            String(decoding: key.utf8[..<slash], as: UTF8.self), String(decoding: key.utf8[key.utf8.index(after: slash)...], as: UTF8.self)
        )
    }

    /// Checks a whole store key (`user/path`), as the store does for every request.
    public static func validate(key: String) throws {
        guard let (user, path) = split(key: key), !path.isEmpty else {
            throw PailError(.invalidArgument, "Key '\(key)' is not of the form user/path")
        }
        try UserDirectory.validate(name: user)
        // ASCII is in normal form C as it is; only other text is normalized to tell.
        guard key.utf8.allSatisfy({ $0 < 0x80 }) || key.utf8.elementsEqual(key.precomposedStringWithCanonicalMapping.utf8) else {
            throw PailError(.invalidArgument, "Key '\(key)' is not in Unicode normal form C")
        }
        try check(path, original: path)
        guard key.utf8.count <= maxKeyBytes else {
            throw PailError(.invalidArgument, "Key is \(key.utf8.count) bytes; the limit is \(maxKeyBytes)")
        }
    }

    private static func check(_ path: String, original: String) throws {
        if path.isEmpty { throw PailError(.invalidArgument, "The path is empty") }
        if path.hasKeyPrefix("/") {
            throw PailError(
                .invalidArgument, "Path '\(printable(original))' is absolute; paths are relative to your vault (drop the leading '/')")
        }
        if path.unicodeScalars.contains(where: { $0 == "\u{FFFD}" }) {
            throw PailError(.invalidArgument, "Path '\(printable(original))' is not valid UTF-8")
        }
        if path.unicodeScalars.contains(where: PailError.isControl) {
            throw PailError(.invalidArgument, "Path '\(printable(original))' contains a NUL or control character")
        }
        let segments = path.keySegments
        let named = path.endsWithSlash ? segments.dropLast() : segments[...]
        for segment in named {
            if segment.isEmpty { throw PailError(.invalidArgument, "Path '\(printable(original))' has an empty segment ('//')") }
            if segment == "." || segment == ".." {
                throw PailError(.invalidArgument, "Path '\(printable(original))' has a '\(segment)' segment")
            }
        }
        // The user segment takes at most 65 more bytes; check the path alone leaves room for it.
        if path.utf8.count > maxKeyBytes {
            throw PailError(.invalidArgument, "Path is \(path.utf8.count) bytes; keys are limited to \(maxKeyBytes)")
        }
    }

    /// The text with control characters shown as `\u{…}` escapes, safe to print in an error.
    package static func printable(_ text: String) -> String {
        let shortened = text.count > 80 ? String(text.prefix(77)) + "..." : text
        return PailError.escapingControlCharacters(shortened)
    }
}
