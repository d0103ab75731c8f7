/// The `encoding-type` a listing was asked for: `url` has S3 write key names URL-encoded.
///
/// The encoding is S3's: the UTF-8 bytes of the name, where `A`–`Z`, `a`–`z`, `0`–`9`, `-`, `_`, `.`, `*`
/// and `/` stay as they are, a space becomes `+`, and every other byte becomes `%XX` (upper-case hex).
/// That is HTML-form encoding (Java's `URLEncoder`) with `/` left alone, as S3 answers (`a b` → `a+b`,
/// `a+b` → `a%2Bb`, `한/x` → `%ED%95%9C/x`) and as MinIO copies it (`s3URLEncode`). botocore sends
/// `encoding-type=url` itself for every listing and decodes with `unquote_plus`, which reads `+` and `%20`
/// alike; moto writes `%20` and keeps `~`; Ceph's s3-tests expect `%20`. All of them decode this form.
///
/// ```swift
/// S3EncodingType(rawValue: "url")?.encode("a b+c/d~")   // "a+b%2Bc/d%7E"
/// ```
package enum S3EncodingType: String, Sendable {
    case url

    /// The name as the listing writes it under this encoding.
    package func encode(_ name: String) -> String {
        var out: [UInt8] = []
        append(name, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the encoded name to `out`; the result is ASCII with nothing XML needs escaped.
    package func append(_ name: String, to out: inout [UInt8]) {
        let hex: StaticString = "0123456789ABCDEF"
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "*"), UInt8(ascii: "/"):
                out.append(byte)
            case UInt8(ascii: " "):
                out.append(UInt8(ascii: "+"))
            default:
                out.append(UInt8(ascii: "%"))
                hex.withUTF8Buffer { digits in
                    out.append(digits[Int(byte >> 4)])
                    out.append(digits[Int(byte & 0x0F)])
                }
            }
        }
    }
}
