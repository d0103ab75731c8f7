/// How far a transfer has come, reported as it streams.
public struct TransferProgress: Sendable, Equatable {
    public var bytesDone: Int64
    public var bytesTotal: Int64
    public var filesDone: Int
    public var filesTotal: Int
    /// The remote path being transferred now.
    public var current: String
}

/// What an upload stored, the local entries it left out (symbolic links, devices, sockets, pipes), and
/// the vault paths it left as they were because they were taken and the conflict policy skipped them.
public struct UploadReport: Sendable {
    public let stored: [ObjectMetadata]
    public let skipped: [String]
    public let leftExisting: [RemotePath]
}
