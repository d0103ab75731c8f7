/// How far a transfer has come, reported as it streams.
public struct TransferProgress: Sendable, Equatable {
    public var bytesDone: Int64
    public var bytesTotal: Int64
    public var filesDone: Int
    public var filesTotal: Int
    /// The remote path being transferred now.
    public var current: String
}

/// What an upload stored, and the local entries it left out (symbolic links, devices, sockets, pipes).
public struct UploadReport: Sendable {
    public let stored: [ObjectMetadata]
    public let skipped: [String]
}
