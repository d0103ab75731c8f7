import Foundation

/// Random identifiers for events, executions and blobs: lowercase version-4 UUIDs.
@usableFromInline
enum RandomIdentifier {
    /// A new identifier from the system's generator (`getrandom`): Foundation's `UUID()` opens,
    /// reads and closes `/dev/urandom` each time on Linux, which cost 6 % of `pail wait`. Its text is
    /// written here as it is made (`UUID.uuidString` then `lowercased()` cost 1 % of `pail wait`).
    @usableFromInline
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var words = (generator.next() as UInt64, generator.next() as UInt64)
        return withUnsafeMutableBytes(of: &words) { bytes in
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
