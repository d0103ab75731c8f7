import CLinux
import Foundation
import Synchronization

/// Hashes a file's chunks (the ETag's MD5), in order, on a thread of its own, reading them through a
/// read-only mapping (the pages the kernel just wrote, no copy), while the writer goes on writing: one
/// pass over the data on both cores, and the hash is of exactly the bytes stored. Each hashed chunk's
/// writeback is started from here too (the file system's block allocation is work the writer's thread,
/// the busier one, then does not do), so the final `fsync` has little left to write. `finish` waits for the
/// last chunk, `cancel` for the one being hashed; the file must stay open until one of them returns.
final class ChunkHasher: Sendable {
    private let fd: Int32
    private let queue = DispatchQueue(label: "pail.hash")
    private let state = Mutex<(hasher: ETagHasher, failure: PailError?)>((ETagHasher(), nil))

    init(fd: Int32) {
        self.fd = fd
    }

    /// Queues `count` bytes at `offset` (the next ones after those queued before) for hashing.
    func hash(offset: Int64, count: Int) {
        queue.async { [self] in
            guard state.withLock({ $0.failure == nil }) else { return }
            let page = Int64(sysconf(Int32(_SC_PAGESIZE)))
            let start = offset - offset % page
            let skip = Int(offset - start)
            guard let mapping = mmap(nil, count + skip, PROT_READ, MAP_SHARED, fd, off_t(start)), mapping != MAP_FAILED else {
                fail(PailError(.storageError, "Cannot read back the upload to hash it: \(String(cString: strerror(errno)))"))
                return
            }
            madvise(mapping, count + skip, MADV_SEQUENTIAL)
            state.withLock { $0.hasher.update(UnsafeRawBufferPointer(start: mapping + skip, count: count)) }
            munmap(mapping, count + skip)
            _ = pail_start_writeback(fd, offset, Int64(count))
        }
    }

    /// Drops the chunks still queued (the upload is abandoned) and waits for the one being hashed.
    func cancel() {
        fail(PailError(.storageError, "The upload was abandoned"))
        queue.sync {}
    }

    /// The ETag (MD5 hex) of every queued chunk, once they are hashed; the first failure otherwise.
    func finish() throws -> String {
        queue.sync {}
        return try state.withLock { state in
            if let failure = state.failure { throw failure }
            return state.hasher.finalize()
        }
    }

    private func fail(_ error: PailError) {
        state.withLock { $0.failure = $0.failure ?? error }
    }
}
