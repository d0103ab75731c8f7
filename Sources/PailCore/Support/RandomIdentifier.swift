import Foundation

/// Random identifiers for events, executions and blobs: lowercase version-4 UUIDs.
@usableFromInline
enum RandomIdentifier {
    /// A new identifier from the system's generator (`getrandom`): Foundation's `UUID()` opens,
    /// reads and closes `/dev/urandom` each time on Linux, which cost 6 % of `pail wait`.
    @usableFromInline
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var words = (generator.next() as UInt64, generator.next() as UInt64)
        return withUnsafeMutableBytes(of: &words) { bytes in
            bytes[6] = bytes[6] & 0x0F | 0x40  // version 4
            bytes[8] = bytes[8] & 0x3F | 0x80  // RFC 4122 variant
            return UUID(uuid: bytes.load(as: uuid_t.self)).uuidString.lowercased()
        }
    }
}
