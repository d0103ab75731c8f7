import Crypto
import Foundation

/// Local files for the tests: deterministic content, MD5s, and what a folder holds.
enum LocalFiles {
    /// Deterministic bytes: an xorshift64* stream from `seed`.
    static func bytes(count: Int, seed: UInt64) -> Data {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        var bytes = [UInt8](repeating: 0, count: count)
        var word: UInt64 = 0
        for index in 0..<count {
            if index % 8 == 0 {
                state ^= state >> 12
                state ^= state << 25
                state ^= state >> 27
                word = state &* 0x2545_F491_4F6C_DD1D
            }
            bytes[index] = UInt8(truncatingIfNeeded: word >> (8 * UInt64(index % 8)))
        }
        let data = Data(bytes)
        return data
    }

    /// Writes `size` deterministic bytes to `path` (creating its folders); large files repeat a 1 MiB block.
    static func write(path: String, size: Int, seed: UInt64) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let block = bytes(count: min(size, 1 << 20), seed: seed)
        guard FileManager.default.createFile(atPath: path, contents: nil) else { throw TestFailure("cannot create \(path)") }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var left = size
        while left > 0 {
            let count = min(left, block.count)
            try handle.write(contentsOf: count == block.count ? block : block.prefix(count))
            left -= count
        }
    }

    /// The MD5 of a file in lower-case hex (what S3 and Pail use as the ETag of a single-part upload).
    static func md5(ofFile path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw TestFailure("cannot read \(path)") }
        defer { try? handle.close() }
        var hasher = Insecure.MD5()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    static func size(ofFile path: String) throws -> Int64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.size] as? NSNumber)?.int64Value ?? -1
    }

    /// The regular files anywhere under `folder` (relative paths); an absent folder holds none.
    static func regularFiles(under folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            var info = stat()
            if lstat(folder + "/" + relative, &info) == 0, info.st_mode & S_IFMT != S_IFDIR { found.append(relative) }
        }
        return found.sorted()
    }
}
