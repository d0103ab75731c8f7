import Foundation
import Synchronization

/// Fault injection for drills and tests, from `PAIL_CHAOS=dup=0.2,reorder=0.3,fail=0.1,step=0.1,seed=7`:
/// the buses duplicate (`dup`), reorder (`reorder`) and transiently fail (`fail`) deliveries, and workflow
/// steps fail (`step`), each at its rate, drawn from a generator seeded with `seed` (random without it).
/// Failed deliveries and steps go the usual way: retried with backoff, dead-lettered past the budget.
///
/// ```swift
/// let chaos = try Chaos(parsing: "dup=0.2,fail=0.1,seed=42")
/// let engine = try Engine.open(root: root, options: EngineOptions(chaos: chaos))
/// ```
public final class Chaos: Sendable, CustomStringConvertible {
    /// What chaos can do, and its name in `PAIL_CHAOS`.
    public enum Fault: String, Sendable, CaseIterable {
        case duplicate = "dup", reorder, failDelivery = "fail", failStep = "step"
    }

    public let rates: [Fault: Double]
    public let seed: UInt64
    private let generator: Mutex<SplitMix64>

    public init(rates: [Fault: Double], seed: UInt64) {
        self.rates = rates
        self.seed = seed
        generator = Mutex(SplitMix64(seed: seed))
    }

    /// Parses `dup=0.2,reorder=0.3,fail=0.1,step=0.1,seed=N`; rates are from 0 to 1, every part optional.
    public convenience init(parsing text: String) throws(PailError) {
        var rates: [Fault: Double] = [:]
        var seed = UInt64.random(in: 0...UInt64.max)
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            let known = (Fault.allCases.map(\.rawValue) + ["seed"]).joined(separator: ", ")
            guard pair.count == 2 else { throw PailError(.invalidArgument, "PAIL_CHAOS: '\(part)' is not name=value (\(known))") }
            if pair[0] == "seed" {
                guard let value = UInt64(pair[1]) else {
                    throw PailError(.invalidArgument, "PAIL_CHAOS: seed must be a whole number, not '\(pair[1])'")
                }
                seed = value
            } else if let fault = Fault(rawValue: pair[0]) {
                guard let rate = Double(pair[1]), (0...1).contains(rate) else {
                    throw PailError(.invalidArgument, "PAIL_CHAOS: \(pair[0]) must be a rate from 0 to 1, not '\(pair[1])'")
                }
                rates[fault] = rate
            } else {
                throw PailError(.invalidArgument, "PAIL_CHAOS: unknown '\(pair[0])' (\(known))")
            }
        }
        self.init(rates: rates, seed: seed)
    }

    /// The chaos `PAIL_CHAOS` asks for, or nil when it is unset or empty.
    public static func fromEnvironment() throws(PailError) -> Chaos? {
        guard let text = ProcessInfo.processInfo.environment["PAIL_CHAOS"], !text.isEmpty else { return nil }
        return try Chaos(parsing: text)
    }

    /// Whether `fault` strikes this time.
    func strikes(_ fault: Fault) -> Bool {
        guard let rate = rates[fault], rate > 0 else { return false }
        return generator.withLock { $0.nextUnit() } < rate
    }

    /// `items` shuffled when `reorder` strikes, else as they are.
    func reordered<T>(_ items: [T]) -> [T] {
        guard items.count > 1, strikes(.reorder) else { return items }
        let order = generator.withLock { generator in Array(items.indices).shuffled(using: &generator) }
        return order.map { items[$0] }
    }

    public var description: String {
        (Fault.allCases.compactMap { fault in rates[fault].map { "\(fault.rawValue)=\($0)" } } + ["seed=\(seed)"]).joined(separator: ",")
    }
}

/// A small, fast, seedable generator (SplitMix64), so that a chaos run, or a randomized test, can be
/// repeated from its seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<1.
    public mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
