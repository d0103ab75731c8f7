/// Escaping of text and attribute values for the XML 1.0 documents the endpoint writes.
///
/// `&`, `<`, `>`, `"` and `'` become `&amp;`, `&lt;`, `&gt;`, `&quot;` and `&apos;` (S3 writes an ETag as
/// `&quot;…&quot;` too). A carriage return becomes `&#xD;`, as a literal one would reach the reader as a line
/// feed; in an attribute, tab and line feed become `&#x9;` and `&#xA;` too, as a reader turns them into spaces.
///
/// Characters XML 1.0 cannot hold at all (C0 controls other than tab, line feed and carriage return; U+FFFE;
/// U+FFFF) are written as U+FFFD, the replacement character, as MinIO does (through Go's `encoding/xml`).
/// No spelling of them is well-formed XML 1.0: AWS writes references such as `&#x1;`, which expat (so
/// botocore) refuses as a whole, and garage writes the raw bytes, which every reader refuses. A listing
/// that holds such a key is therefore readable but shows a key that differs from the stored one; a client
/// that needs the exact key asks with `encoding-type=url` (botocore always does for its listings).
///
/// ```swift
/// var out: [UInt8] = []
/// XMLText.append("a&b <c>", to: &out)   // a&amp;b &lt;c&gt;
/// ```
package enum XMLText {
    /// Where escaped text goes: element content, or a quoted attribute value.
    package enum Context: Sendable {
        case content
        case attribute
    }

    /// The escaped text as a string (for tests and one-off values; the writer appends bytes).
    package static func escaped(_ text: String, in context: Context = .content) -> String {
        var out: [UInt8] = []
        append(text, in: context, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 of `text`, escaped for `context`, to `out`.
    package static func append(_ text: String, in context: Context = .content, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { append(utf8: $0, in: context, to: &out) }
    }

    private static func append(utf8: UnsafeBufferPointer<UInt8>, in context: Context, to out: inout [UInt8]) {
        var start = 0
        var index = 0
        let count = utf8.count
        while index < count {
            let byte = utf8[index]
            let escape: StaticString
            var width = 1
            switch byte {
            case UInt8(ascii: "&"): escape = "&amp;"
            case UInt8(ascii: "<"): escape = "&lt;"
            case UInt8(ascii: ">"): escape = "&gt;"
            case UInt8(ascii: "\""): escape = "&quot;"
            case UInt8(ascii: "'"): escape = "&apos;"
            case UInt8(ascii: "\r"): escape = "&#xD;"
            case UInt8(ascii: "\t"):
                guard context == .attribute else { index += 1; continue }
                escape = "&#x9;"
            case UInt8(ascii: "\n"):
                guard context == .attribute else { index += 1; continue }
                escape = "&#xA;"
            case 0x00..<0x20:
                escape = "\u{FFFD}"
            case 0xEF where index + 2 < count && utf8[index + 1] == 0xBF && utf8[index + 2] >= 0xBE:
                // U+FFFE and U+FFFF (EF BF BE, EF BF BF); U+FFFD (EF BF BD) and below are characters.
                escape = "\u{FFFD}"
                width = 3
            default:
                index += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
            escape.withUTF8Buffer { out.append(contentsOf: $0) }
            index += width
            start = index
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<count]))
    }
}
