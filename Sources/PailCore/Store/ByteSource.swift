import Foundation

/// Where the bytes of an upload come from, read a buffer at a time (so any size streams in constant memory).
public protocol ByteSource {
    /// Fills up to `buffer.count` bytes; returns how many, 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int

    /// The open local file the bytes come from, if they do: the store then copies inside the kernel.
    var fileDescriptor: Int32? { get }
}

extension ByteSource {
    public var fileDescriptor: Int32? { nil }
}

/// Bytes already in memory (small bodies, tests).
public struct DataSource: ByteSource {
    private let data: Data
    private var offset = 0

    public init(_ data: Data) { self.data = data }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, data.count - offset)
        guard count > 0 else { return 0 }
        data.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + count]))
        }
        offset += count
        return count
    }
}

/// One PUT of a batch: a presigned URL, its body, and the length the client says it sends.
public struct PutRequest {
    public let url: String
    public let body: any ByteSource
    public let contentLength: Int64?
    /// The headers the client sends to be stored with the object (the local file's time, `x-amz-meta-mtime`).
    public let headers: ObjectHeaders

    public init(url: String, body: any ByteSource, contentLength: Int64? = nil, headers: ObjectHeaders = .none) {
        self.url = url
        self.body = body
        self.contentLength = contentLength
        self.headers = headers
    }
}
