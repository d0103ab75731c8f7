import CLinux
import Foundation

/// The root's folder of object bodies: one immutable file per blob id under `blobs/xx/`, never named after a key.
///
/// Writes start as unnamed files in `tmp/` (`O_TMPFILE`), locked before they get a name there (a batch's
/// blobs are listed in its locked intent file instead, `LocalBlobBatch`), so a crashed writer leaves only
/// names nobody holds a lock on, which `recover` removes.
struct LocalBlobStore: BlobStore {
    let root: String
    let blobsPath: String
    let tmpPath: String

    /// The store of the root at `root`; nothing is read or made until it is used.
    init(root: String) {
        self.root = root
        blobsPath = root + "/blobs"
        tmpPath = root + "/tmp"
    }

    /// Creates `blobs/`, its 256 shard folders (`00`…`ff`, the first two hex digits of a blob id) and
    /// `tmp/` if missing, and makes their names durable before any blob is written into them. The last
    /// shard is made only once the others are durable, so finding it (one `stat`) means all are there.
    func prepare() throws {
        let shards = (0...UInt8.max).map { blobsPath + "/" + Hex.lowercase([$0]) }
        var status = stat()
        if stat(shards[255], &status) == 0, stat(tmpPath, &status) == 0 { return }
        let createdTop = try [blobsPath, tmpPath].map(Self.makeDirectory).contains(true)
        if try shards.dropLast().map(Self.makeDirectory).contains(true) { try FileIO.syncDirectory(blobsPath, owner: .store) }
        if try Self.makeDirectory(shards[255]) { try FileIO.syncDirectory(blobsPath, owner: .store) }
        if createdTop { try FileIO.syncDirectory(root, owner: .store) }
    }

    /// Creates a folder; true if it was created now, false if it already existed.
    private static func makeDirectory(_ path: String) throws -> Bool {
        if mkdir(path, 0o700) == 0 { return true }
        let failure = errno
        var isDirectory: ObjCBool = false
        guard failure == EEXIST, FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw PailError(.storageError, "Cannot create \(path): \(String(cString: strerror(failure == EEXIST ? ENOTDIR : failure)))")
        }
        return false
    }

    func path(of blob: String) -> String { "\(blobsPath)/\(blob.prefix(2))/\(blob)" }

    func tmpPath(of blob: String) -> String { "\(tmpPath)/\(blob)" }

    /// Starts writing a new blob.
    func create() throws -> any BlobSink { try LocalBlobSink(directory: self) }

    /// Starts a batch of blobs committed together.
    func createBatch() throws -> any BlobBatch { try LocalBlobBatch(directory: self) }

    /// Opens a blob's file for reading; `NoSuchKey` if it is gone.
    func open(_ blob: String) throws -> any BlobSource { try LocalBlobSource(path: path(of: blob), blob: blob) }

    /// Removes blobs' files; a missing file is fine (another process may have removed it first).
    func remove(_ blobs: [String]) {
        for blob in blobs { remove(blob) }
    }

    /// Removes a blob's file; a missing file is fine.
    func remove(_ blob: String) {
        unlink(path(of: blob))
    }

    /// Removes what crashed writers left: every `tmp/` name nobody holds a lock on, and its blob (or
    /// an intent's blobs) too unless the commit had recorded it (`isCommitted`).
    func recover(isCommitted: (String) throws -> Bool) throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: tmpPath)) ?? []
        for name in names {
            guard case .taken(let fd) = lockTmpName(name) else { continue }
            defer { close(fd) }
            let blobs =
                name.hasSuffix(LocalBlobBatch.intentSuffix) ? try LocalBlobBatch.blobs(listedIn: fd, path: tmpPath(of: name)) : [name]
            var removed = 0
            for blob in blobs where try !isCommitted(blob) {
                remove(blob)
                removed += 1
            }
            unlink(tmpPath(of: name))
            logger.info("recovered from a crashed upload: kept \(blobs.count - removed) and removed \(removed) of the blobs of \(name)")
        }
    }

    /// The blobs live writers are still writing (a locked `tmp/` name, or listed in a locked intent):
    /// they may already have their names under `blobs/`, but are not committed yet.
    func liveWrites() throws -> Set<String> {
        var blobs: Set<String> = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmpPath)) ?? [] {
            let isIntent = name.hasSuffix(LocalBlobBatch.intentSuffix)
            let fd = Glibc.open(tmpPath(of: name), O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            guard flock(fd, LOCK_SH | LOCK_NB) != 0 else { continue }  // nobody holds it: a crash's leftover
            if isIntent { blobs.formUnion(try LocalBlobBatch.blobs(listedIn: fd, path: tmpPath(of: name))) } else { blobs.insert(name) }
        }
        return blobs
    }

    /// What trying the lock of a `tmp/` name found.
    private enum TmpLock {
        /// No such name.
        case gone
        /// A live writer holds it.
        case heldByWriter
        /// Nobody held it: the caller now holds it through this descriptor and closes it.
        case taken(Int32)
    }

    private func lockTmpName(_ name: String) -> TmpLock {
        let fd = Glibc.open(tmpPath(of: name), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .gone }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return .heldByWriter
        }
        return .taken(fd)
    }

    /// Every blob id under `blobs/` (none if it is missing).
    func list() -> Set<String> {
        let shards = (try? FileManager.default.contentsOfDirectory(atPath: blobsPath)) ?? []
        return Set(shards.flatMap { (try? FileManager.default.contentsOfDirectory(atPath: "\(blobsPath)/\($0)")) ?? [] })
    }

    /// Whether the blob's file is there (it may have been removed since it was listed).
    func exists(_ blob: String) -> Bool { access(path(of: blob), F_OK) == 0 }

    /// Reads a blob's bytes again: its size and MD5 (the ETag its bytes have now), or nil if it is gone.
    /// `progress` is told the bytes read so far.
    func measure(_ blob: String, progress: (Int64) -> Void) throws -> (size: Int64, etag: String)? {
        let path = path(of: blob)
        guard let fd = try LocalBlobSource.openFile(path) else { return nil }
        defer { close(fd) }
        return try FileIO.measure(fd, path: path, owner: .store, progress: progress)
    }

    /// Flushes every file and name of the file system holding the root to disk: one sync for a batch
    /// of blobs instead of an `fsync` per file and folder.
    func syncBatch() throws {
        let fd = Glibc.open(blobsPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw LocalFile.error(errno, path: blobsPath, doing: "open", owner: .store) }
        defer { close(fd) }
        guard pail_syncfs(fd) == 0 else { throw LocalFile.error(errno, path: blobsPath, doing: "sync", owner: .store) }
    }
}
