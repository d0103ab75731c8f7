import CLinux
import Crypto

/// One of S3's flexible checksums: what `x-amz-checksum-<name>` (a header or a trailer, base64 of the
/// big-endian digest) and `x-amz-sdk-checksum-algorithm` name.
///
/// ```swift
/// let hasher = ChecksumAlgorithm.crc32.makeHasher()
/// "hello".utf8.withContiguousStorageIfAvailable { hasher.update(UnsafeRawBufferPointer($0)) }
/// ChecksumAlgorithm.crc32.headerName   // "x-amz-checksum-crc32"
/// ```
package enum ChecksumAlgorithm: String, Sendable, CaseIterable {
    case crc32 = "CRC32"
    case crc32c = "CRC32C"
    case crc64nvme = "CRC64NVME"
    case sha1 = "SHA1"
    case sha256 = "SHA256"

    /// `x-amz-checksum-crc32`, …: the header, trailer and response header of this checksum.
    package var headerName: String { "x-amz-checksum-" + rawValue.lowercased() }

    /// The algorithm a `x-amz-checksum-…` header or trailer names (any case); nil for another name.
    package init?(headerName: String) {
        let lowered = headerName.lowercased()
        guard lowered.hasPrefix("x-amz-checksum-") else { return nil }
        self.init(rawValue: String(lowered.dropFirst("x-amz-checksum-".count)).uppercased())
    }

    /// Bytes of the digest (its base64 is what clients send).
    var digestLength: Int {
        switch self {
        case .crc32, .crc32c: 4
        case .crc64nvme: 8
        case .sha1: Insecure.SHA1.byteCount
        case .sha256: SHA256.byteCount
        }
    }

    package func makeHasher() -> any BodyHasher {
        switch self {
        case .crc32: CRC32Hasher()
        case .crc32c: CRC32CHasher()
        case .crc64nvme: CRC64NVMEHasher()
        case .sha1: DigestHasher<Insecure.SHA1>()
        case .sha256: DigestHasher<SHA256>()
        }
    }
}

/// A digest computed over a body as it streams through, a buffer at a time.
///
/// ```swift
/// let hasher = ChecksumAlgorithm.sha256.makeHasher()
/// hasher.update(buffer)
/// let digest = hasher.finalize()   // 32 bytes
/// ```
package protocol BodyHasher: AnyObject {
    func update(_ bytes: UnsafeRawBufferPointer)
    /// The digest of everything given to `update`, big-endian for the CRCs (as S3 encodes them).
    func finalize() -> [UInt8]
}

/// A swift-crypto hash function (SHA-1, SHA-256, MD5) as a `BodyHasher`.
final class DigestHasher<Function: HashFunction>: BodyHasher {
    private var function = Function()

    func update(_ bytes: UnsafeRawBufferPointer) {
        function.update(bufferPointer: bytes)
    }

    func finalize() -> [UInt8] {
        Array(function.finalize())
    }
}

/// CRC-32 (zlib's polynomial), computed by zlib.
final class CRC32Hasher: BodyHasher {
    private var crc: UInt32 = 0

    func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        crc = pail_crc32(crc, base, bytes.count)
    }

    func finalize() -> [UInt8] { bigEndianBytes(crc) }
}

/// CRC-32C (Castagnoli), with SSE4.2's instruction where the CPU has it, else eight bytes a step from tables.
final class CRC32CHasher: BodyHasher {
    private static let hasInstruction = pail_has_crc32c_instruction() != 0
    private static let table = slicingTable(reflectedPolynomial: 0x82F6_3B78)
    private var crc: UInt32 = 0xFFFF_FFFF

    func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        if Self.hasInstruction {
            crc = pail_crc32c_instruction(crc, base, bytes.count)
        } else {
            crc = UInt32(
                truncatingIfNeeded: Self.table.withUnsafeBufferPointer {
                    pail_crc64_update(UInt64(crc), base, bytes.count, $0.baseAddress)
                })
        }
    }

    func finalize() -> [UInt8] { bigEndianBytes(~crc) }
}

/// CRC-64/NVME (the reflected polynomial 0x9A6C9329AC4BC9B5), eight bytes a step from tables.
final class CRC64NVMEHasher: BodyHasher {
    private static let table = slicingTable(reflectedPolynomial: 0x9A6C_9329_AC4B_C9B5)
    private var crc: UInt64 = ~0

    func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        crc = Self.table.withUnsafeBufferPointer { pail_crc64_update(crc, base, bytes.count, $0.baseAddress) }
    }

    func finalize() -> [UInt8] { bigEndianBytes(~crc) }
}

/// The 8 × 256 table of slicing-by-8 for a reflected polynomial of up to 64 bits.
private func slicingTable(reflectedPolynomial: UInt64) -> [UInt64] {
    [UInt64](unsafeUninitializedCapacity: 8 * 256) { buffer, count in
        pail_crc64_table(reflectedPolynomial, buffer.baseAddress)
        count = 8 * 256
    }
}

private func bigEndianBytes(_ value: some FixedWidthInteger) -> [UInt8] {
    withUnsafeBytes(of: value.bigEndian) { Array($0) }
}
