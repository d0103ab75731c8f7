import CLinux
import Foundation

/// Random identifiers for events, executions and blobs: lowercase version-4 UUIDs.
@usableFromInline
enum RandomIdentifier {
    /// A new identifier from the kernel's generator, in one `getrandom`: Foundation's `UUID()` opens,
    /// reads and closes `/dev/urandom` each time on Linux, which cost 6 % of `pail wait`, and
    /// `SystemRandomNumberGenerator` asks the kernel once per word. Its text is written here as it is made
    /// (`UUID.uuidString` then `lowercased()` cost 1 % of `pail wait`).
    @usableFromInline
    static func make() -> String {
        var words: (UInt64, UInt64) = (0, 0)
        return withUnsafeMutableBytes(of: &words) { bytes in
            guard pail_random_bytes(bytes.baseAddress, bytes.count) == 0 else {
                fatalError("The kernel's random generator failed: \(String(cString: strerror(errno)))")
            }
            bytes[6] = bytes[6] & 0x0F | 0x40  // version 4
            bytes[8] = bytes[8] & 0x3F | 0x80  // RFC 4122 variant
            return String(unsafeUninitializedCapacity: 36) { text in
                var count = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        text[count] = UInt8(ascii: "-")
                        count += 1
                    }
                    text[count] = digits[Int(byte >> 4)]
                    text[count + 1] = digits[Int(byte & 0x0F)]
                    count += 2
                }
                return count
            }
        }
    }

    private static let digits = Array("0123456789abcdef".utf8)
}
