import CLinux
import Foundation

/// Random identifiers for events, executions and blobs: lowercase version-4 UUIDs.
@usableFromInline
enum RandomIdentifier {
    /// A new identifier from the kernel's generator, in one `getrandom`: Foundation's `UUID()` opens,
    /// reads and closes `/dev/urandom` each time on Linux, which cost 6 % of `pail wait`, and
    /// `SystemRandomNumberGenerator` asks the kernel once per word.
    @usableFromInline
    static func make() -> String {
        var words: (UInt64, UInt64) = (0, 0)
        return withUnsafeMutableBytes(of: &words) { bytes in
            guard pail_random_bytes(bytes.baseAddress, bytes.count) == 0 else {
                fatalError("The kernel's random generator failed: \(String(cString: strerror(errno)))")
            }
            bytes[6] = bytes[6] & 0x0F | 0x40  // version 4
            bytes[8] = bytes[8] & 0x3F | 0x80  // RFC 4122 variant
            return UUID(uuid: bytes.load(as: uuid_t.self)).uuidString.lowercased()
        }
    }
}
