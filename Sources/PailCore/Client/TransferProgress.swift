/// How far a transfer has come, reported as it streams.
public struct TransferProgress: Sendable, Equatable {
    public var bytesDone: Int64
    public var bytesTotal: Int64
    public var filesDone: Int
    public var filesTotal: Int
    /// The remote path being transferred now.
    public var current: String

    public init(bytesDone: Int64, bytesTotal: Int64, filesDone: Int, filesTotal: Int, current: String) {
        self.bytesDone = bytesDone
        self.bytesTotal = bytesTotal
        self.filesDone = filesDone
        self.filesTotal = filesTotal
        self.current = current
    }
}

/// What an upload stored, the local entries it left out (symbolic links, devices, sockets, pipes), and
/// the vault paths it left as they were because they were taken and the conflict policy skipped them.
public struct UploadReport: Sendable {
    public let stored: [ObjectMetadata]
    public let skipped: [SkippedEntry]
    public let leftExisting: [RemotePath]
}

/// A local entry a folder upload left out: a symbolic link (and what it points to), or a special file.
public struct SkippedEntry: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case symlink(target: String)
        case fifo, socket, device
    }

    /// The local path, as the upload was given it plus the path inside the folder (`docs/link`).
    public let path: String
    public let kind: Kind

    /// `symlink docs/link -> target`, `fifo docs/pipe`: what it is, as `ls -l` shows it.
    public var description: String {
        switch kind {
        case .symlink(let target): "symlink \(path) -> \(target)"
        case .fifo: "fifo \(path)"
        case .socket: "socket \(path)"
        case .device: "device \(path)"
        }
    }
}
