import Foundation

/// An object's bytes opened for reading, with its metadata. Reads stream; the blob stays readable
/// even if the object is deleted meanwhile. Positioned reads (`read(into:at:)`) may come from any thread.
public final class ObjectBody: ByteSource, @unchecked Sendable {
    public let object: ObjectMetadata
    /// The MD5 of the bytes, lowercase hex: the ETag, except for an object completed from parts, whose
    /// ETag is S3's multipart one and whose MD5 was recorded when its parts were assembled.
    public let md5: String
    private let source: any BlobSource

    init(object: ObjectMetadata, md5: String, source: any BlobSource) {
        self.object = object
        self.md5 = md5
        self.source = source
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try source.read(into: buffer)
    }

    /// Reads up to `buffer.count` bytes from `offset` (0 at the end), without moving the stream position.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws -> Int {
        try source.read(into: buffer, at: offset)
    }
}
