import Crypto
import Foundation

/// S3's ETag of an object completed from parts: the MD5 of the parts' MD5s (binary, concatenated in
/// part order), in hex, then `-` and the number of parts.
///
/// ```swift
/// MultipartETag.of(partETags: ["9e107d9d372bb6826bd81d3542a419d6", "e4d909c290d0fb1ca068ffaddf22cbd0"])  // "…-2"
/// ```
enum MultipartETag {
    static func of(partETags: [String]) -> String {
        var md5 = Insecure.MD5()
        for etag in partETags { md5.update(data: binary(etag)) }
        return "\(Hex.lowercase(md5.finalize()))-\(partETags.count)"
    }

    /// The bytes of a part's ETag (32 hex digits, as the store computed it).
    private static func binary(_ hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count - 1, by: 2).map { UInt8(value(digits[$0]) << 4 | value(digits[$0 + 1])) }
    }

    private static func value(_ digit: UInt8) -> UInt8 {
        digit >= UInt8(ascii: "a") ? digit - UInt8(ascii: "a") + 10 : digit - UInt8(ascii: "0")
    }
}
