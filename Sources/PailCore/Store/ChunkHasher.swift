import Foundation
import Synchronization

/// Hashes chunks of a file, in order, on a thread of its own, reading them through a read-only mapping
/// (the pages the kernel just wrote, no copy), continuing from a hash of what precedes them. `finish`
/// waits for the last chunk.
final class ChunkHasher: Sendable {
    private let fd: Int32
    private let queue = DispatchQueue(label: "pail.hash")
    private let state: Mutex<(hasher: ETagHasher, failure: PailError?)>

    init(fd: Int32, continuing hasher: ETagHasher) {
        self.fd = fd
        state = Mutex((hasher, nil))
    }

    /// Queues `count` bytes at `offset` for hashing.
    func hash(offset: Int64, count: Int) {
        queue.async { [self] in
            let page = Int64(sysconf(Int32(_SC_PAGESIZE)))
            let start = offset - offset % page
            let skip = Int(offset - start)
            guard let mapping = mmap(nil, count + skip, PROT_READ, MAP_SHARED, fd, off_t(start)), mapping != MAP_FAILED else {
                state.withLock {
                    $0.failure =
                        $0.failure
                        ?? PailError(.storageError, "Cannot read back the upload to hash it: \(String(cString: strerror(errno)))")
                }
                return
            }
            madvise(mapping, count + skip, MADV_SEQUENTIAL)
            state.withLock { $0.hasher.update(UnsafeRawBufferPointer(start: mapping + skip, count: count)) }
            munmap(mapping, count + skip)
        }
    }

    /// The first failure, once every queued chunk is hashed.
    var failure: PailError? { queue.sync {}; return state.withLock { $0.failure } }

    /// The hash state after every queued chunk; nil if a chunk could not be read.
    func finish() -> ETagHasher? {
        queue.sync {}
        return state.withLock { $0.failure == nil ? $0.hasher : nil }
    }
}
