import CLinux
import Foundation
import Synchronization

/// The folder of object bodies: one immutable file per blob id under `blobs/xx/`, never named after a key.
///
/// Writes start as unnamed files in `tmp/` (`O_TMPFILE`), locked before they get a name there,
/// so a crashed writer leaves only names nobody holds a lock on, which `recover` removes.
struct BlobDirectory: Sendable {
    let blobsPath: String
    let tmpPath: String
    /// Shard folders known to exist (at most 256), so a write does not ask the file system each time.
    private let knownShards = SharedSet()

    init(root: String) throws {
        blobsPath = root + "/blobs"
        tmpPath = root + "/tmp"
        for path in [blobsPath, tmpPath] {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw PailError(.storageError, "Cannot create \(path): \(error.localizedDescription)")
            }
        }
    }

    func path(of blob: String) -> String { "\(blobsPath)/\(blob.prefix(2))/\(blob)" }

    func tmpPath(of blob: String) -> String { "\(tmpPath)/\(blob)" }

    /// Starts writing a new blob.
    func create() throws -> BlobWriter { try BlobWriter(directory: self) }

    /// Removes a blob's file; a missing file is fine (another process may have removed it first).
    func remove(_ blob: String) {
        unlink(path(of: blob))
    }

    /// Removes what crashed writers left: every `tmp/` name nobody holds a lock on, and its blob
    /// too unless the commit had recorded it (`isCommitted`).
    func recover(isCommitted: (String) throws -> Bool) throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: tmpPath)) ?? []
        for name in names {
            let fd = open(tmpPath(of: name), O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { continue }  // a live writer holds it
            let committed = try isCommitted(name)
            if !committed { remove(name) }
            unlink(tmpPath(of: name))
            logger.info("recovered from a crashed upload: \(committed ? "kept" : "removed") blob \(name)")
        }
    }

    /// Creates a shard folder of `blobs/` unless this process saw it already; true if it was created now.
    func makeShard(_ path: String) -> Bool {
        guard !knownShards.contains(path) else { return false }
        let created = mkdir(path, 0o700) == 0
        knownShards.insert(path)
        return created
    }

    /// Flushes every file and name of the file system holding the root to disk: one sync for a batch
    /// of blobs instead of an `fsync` per file and folder.
    func syncFileSystem() throws {
        let fd = open(blobsPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw LocalFile.error(errno, path: blobsPath, doing: "open") }
        defer { close(fd) }
        guard pail_syncfs(fd) == 0 else { throw LocalFile.error(errno, path: blobsPath, doing: "sync") }
    }

    /// Flushes a directory's entries to disk, so a new name survives a power cut.
    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw LocalFile.error(errno, path: path, doing: "open") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw LocalFile.error(errno, path: path, doing: "fsync") }
    }
}

/// A set of strings shared between threads.
final class SharedSet: Sendable {
    private let values = Mutex<Set<String>>([])

    func contains(_ value: String) -> Bool { values.withLock { $0.contains(value) } }

    func insert(_ value: String) { values.withLock { _ = $0.insert(value) } }
}
