import Dispatch
import Synchronization

/// Work started on another thread now, whose result (or error) `wait` returns: the caller goes on with
/// something else meanwhile.
///
/// ```swift
/// let committing = BackgroundWork { try staged.commit() }
/// let next = try store.stage(batch: nextRequests)
/// let objects = try committing.wait()
/// ```
final class BackgroundWork<Value: Sendable>: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let result = Mutex<Result<Value, any Error>?>(nil)

    init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let outcome = Result { try work() }
            result.withLock { $0 = outcome }
            done.signal()
        }
    }

    /// Waits for the work to end and returns what it returned, or throws what it threw (again on every call).
    func wait() throws -> Value {
        done.wait()
        done.signal()  // for the next caller
        return try result.withLock { $0! }.get()
    }
}
