import Foundation
import Synchronization

/// Where the engine reads the time: the system clock, or a hand-set one in tests.
public protocol PailClock: Sendable {
    func now() -> Date
}

/// The real time.
public struct SystemClock: PailClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that moves only when told to, so tests can expire URLs and hold events deterministically.
///
/// ```swift
/// let clock = ManualClock(Date(timeIntervalSince1970: 0))
/// clock.advance(by: 3600)
/// ```
public final class ManualClock: PailClock {
    private let current: Mutex<Date>

    public init(_ start: Date = Date()) { current = Mutex(start) }

    public func now() -> Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }

    public func set(_ date: Date) { current.withLock { $0 = date } }
}
