import Crypto
import Foundation

/// The MD5 of `data`, lowercase hex: an S3 ETag of a single-part upload.
public func md5Hex(_ data: some DataProtocol) -> String {
    Insecure.MD5.hash(data: data).map { String(format: "%02x", $0) }.joined()
}

/// `count` bytes of a simple pattern that differs with `seed`: test content that is not all one byte.
public func bytes(_ count: Int, seed: UInt8 = 1) -> Data {
    Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) })
}
