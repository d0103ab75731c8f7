import Dispatch

/// Runs work that blocks (an `fsync`, a database transaction that may wait for the write lock) off the
/// cooperative thread pool, so the server's other requests keep moving meanwhile.
///
/// ```swift
/// let object = try await Blocking.run { try upload.commit(headers: stored) }
/// ```
package enum Blocking {
    private static let queue = DispatchQueue(label: "pail.serve.blocking", qos: .userInitiated, attributes: .concurrent)

    package static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
