import Foundation

extension LocalFile {
    /// The size and MD5 (lowercase hex, as an ETag) of a local file's bytes now, read from its start to its end.
    public static func measure(path: String) throws -> (size: Int64, md5: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw error(errno, path: path, doing: "open") }
        defer { close(fd) }
        let measured = try FileIO.measure(fd, path: path, owner: .user)
        return (measured.size, measured.etag)
    }
}
