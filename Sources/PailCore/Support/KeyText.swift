/// Key and path text compared and cut as UTF-8 bytes, never as Swift `Character`s: a `/` followed by a
/// combining mark is one `Character` but still a separator, and `String.hasPrefix` would miss it.
/// Every split, prefix test and prefix removal on store keys and vault paths goes through here.
extension String {
    /// The `/`-separated segments, keeping empty ones (`"a//b/"` → `["a", "", "b", ""]`).
    public var keySegments: [String] {
        utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether the text's UTF-8 bytes begin with `prefix`'s.
    public func hasKeyPrefix(_ prefix: String) -> Bool { utf8.starts(with: prefix.utf8) }

    /// Whether the text's UTF-8 bytes end with `suffix`'s.
    public func hasKeySuffix(_ suffix: String) -> Bool { utf8.reversed().starts(with: suffix.utf8.reversed()) }

    /// Whether the text ends with a `/` byte: a folder path or prefix rather than a file.
    public var endsWithSlash: Bool { utf8.last == UInt8(ascii: "/") }

    /// The text after `prefix` (compared as bytes), or nil if it does not begin with it.
    public func removingKeyPrefix(_ prefix: String) -> String? {
        guard hasKeyPrefix(prefix) else { return nil }
        return String(decoding: utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
    }

    /// The last non-empty `/`-separated segment (`"docs/a.txt"` → `"a.txt"`, `"docs/"` → `"docs"`).
    public var lastKeySegment: String? { keySegments.last { !$0.isEmpty } }
}
