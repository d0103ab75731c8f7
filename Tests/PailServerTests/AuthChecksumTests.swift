import Foundation
import Testing

@testable import PailServer

/// The flexible checksums against values computed by awscrt (`awscrt.checksums`, what botocore uses for
/// CRC32C and CRC64NVME) and Python's zlib and hashlib.
@Suite("Auth checksums")
struct AuthChecksumTests {
    /// Input name, then the base64 of CRC32, CRC32C, CRC64NVME, SHA1, SHA256.
    static let vectors: [(input: String, bytes: [UInt8], values: [ChecksumAlgorithm: String])] = [
        (
            "empty", [],
            [
                .crc32: "AAAAAA==", .crc32c: "AAAAAA==", .crc64nvme: "AAAAAAAAAAA=", .sha1: "2jmj7l5rSw0yVb/vlWAYkK/YBwk=",
                .sha256: "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
            ]
        ),
        (
            "123456789", Array("123456789".utf8),
            [
                .crc32: "y/Q5Jg==", .crc32c: "4waSgw==", .crc64nvme: "rosUhgp5mIg=", .sha1: "98O8HYCOBHMq32eZZczDTKeuNEE=",
                .sha256: "FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=",
            ]
        ),
        (
            "a × 66560", [UInt8](repeating: UInt8(ascii: "a"), count: 66560),
            [
                .crc32: "sK4Y7A==", .crc32c: "sOO8/Q==", .crc64nvme: "pRf+emrnL+A=", .sha1: "qOlv5ixdz2jRNhlSLmgH6iaTKRI=",
                .sha256: "zWnTiHxq+SZLEA17dgIzEzXZqn4718MM3G1vS/uzyIg=",
            ]
        ),
        (
            "pattern × 1 MiB", AuthFixture.pattern(1 << 20),
            [
                .crc32: "1CS9wQ==", .crc32c: "/1vj/A==", .crc64nvme: "nWrsVNogmeU=", .sha1: "lUIWELjd2GyG4yab/STSp5GZJF8=",
                .sha256: "Bre7+3gkqgM4IFFpFjDrJt6FEC0bCKgekH7AdEzYooY=",
            ]
        ),
    ]

    @Test(arguments: ChecksumAlgorithm.allCases)
    func knownValues(algorithm: ChecksumAlgorithm) {
        for vector in Self.vectors {
            #expect(AuthFixture.base64(algorithm, of: vector.bytes) == vector.values[algorithm], "\(algorithm) of \(vector.input)")
        }
    }

    /// Updating piece by piece (odd sizes, so the 8-byte steps start unaligned) gives the same digest as at once.
    @Test(arguments: ChecksumAlgorithm.allCases)
    func piecesGiveTheSameDigest(algorithm: ChecksumAlgorithm) {
        let bytes = AuthFixture.pattern(1 << 20)
        for piece in [1, 3, 13, 4093] {
            let hasher = algorithm.makeHasher()
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + piece)
                bytes[start..<end].withUnsafeBytes { hasher.update($0) }
                start = end
            }
            #expect(Data(hasher.finalize()).base64EncodedString() == Self.vectors[3].values[algorithm], "\(algorithm) by \(piece)")
        }
    }

    @Test func headerNamesRoundTrip() {
        for algorithm in ChecksumAlgorithm.allCases {
            #expect(ChecksumAlgorithm(headerName: algorithm.headerName) == algorithm)
            #expect(ChecksumAlgorithm(headerName: algorithm.headerName.uppercased()) == algorithm)
        }
        #expect(ChecksumAlgorithm.crc64nvme.headerName == "x-amz-checksum-crc64nvme")
        #expect(ChecksumAlgorithm(headerName: "x-amz-checksum-sha512") == nil)
        #expect(ChecksumAlgorithm(headerName: "x-amz-checksum-type") == nil)
    }
}
