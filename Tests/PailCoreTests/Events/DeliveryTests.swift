import Foundation
import Testing

@testable import PailCore

@Suite("Event delivery")
struct DeliveryTests {
    @Test func theDelayHoldsEventsOnTheBus() throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        let vault = try TestVault(delay: 2, clock: clock)
        try vault.upload("a.txt", Data("hello".utf8))
        #expect(try vault.pending().map { $0.state(at: clock.now()) } == [.queued])
        #expect(try vault.engine.deliverer.deliverBatch() == 0)
        #expect(try vault.list().isEmpty)  // stale: the inventory has not heard of it
        clock.advance(by: 2)
        #expect(try vault.pending().map { $0.state(at: clock.now()) } == [.due])
        #expect(try vault.engine.deliverer.deliverBatch() == 1)
        #expect(try vault.list() == ["a.txt": 5])
    }

    @Test func waitDeliversHeldEventsAtOnce() throws {
        let vault = try TestVault(delay: 3600)
        try vault.upload("a.txt", Data("hello".utf8))
        #expect(try vault.engine.waitUntilIdle() == 1)
        #expect(try vault.list() == ["a.txt": 5])
        #expect(try vault.pending().isEmpty)
    }

    @Test func pendingEventsSurviveTheProcessAndTheNextOneDeliversThem() throws {
        let vault = try TestVault(delay: 3600)
        try vault.upload("a.txt", Data("hello".utf8))
        vault.engine.close()
        let next = try vault.reopen()
        #expect(try next.pendingEvents().count == 1)
        try next.waitUntilIdle()
        #expect(try next.api.list(user: "alice").map(\.path) == ["a.txt"])
    }

    @Test func failuresBackOffThenDeadLetterThenRedrive() throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        let vault = try TestVault(clock: clock)
        // An Object Created event without an object: UpdateInventory fails on it every time.
        let broken = EventEnvelope(
            detailType: "Object Created", source: "pail.store", time: clock.now(), detail: ["bucket": ["name": "pail"]])
        try vault.engine.write { _ = try vault.engine.bus.publish($0, bus: .default, broken) }
        #expect(try vault.engine.deliverer.deliverBatch() == 1)
        var delivery = try #require(try vault.pending().first)
        #expect(delivery.state(at: clock.now()) == .retrying)
        #expect(delivery.attempts == 1)
        #expect(delivery.lastError?.contains("no object key") == true)
        #expect(abs(delivery.retryAt.timeIntervalSince(clock.now()) - 0.2) < 0.001)
        #expect(try vault.engine.deliverer.deliverBatch() == 0)  // backing off

        var previousBackoff = 0.0
        for attempt in 2...EventBus.maxAttempts {
            clock.advance(by: 60)
            #expect(try vault.engine.deliverer.deliverBatch() == 1)
            delivery = try #require(try vault.pending().first)
            #expect(delivery.attempts == attempt)
            let backoff = delivery.retryAt.timeIntervalSince(clock.now())
            #expect(backoff >= previousBackoff)
            previousBackoff = backoff
        }
        #expect(delivery.state(at: clock.now()) == .dead)
        clock.advance(by: 3600)
        #expect(try vault.engine.deliverer.deliverBatch() == 0)
        #expect(try vault.engine.waitUntilIdle() == 0)  // dead letters do not keep `wait` busy

        let failed = try vault.engine.read { try vault.engine.executions.list($0, failedOnly: true, limit: 100) }
        #expect(failed.count == EventBus.maxAttempts)
        #expect(failed[0].history.first?.name == nil || failed[0].error != nil)

        #expect(try vault.engine.redrive() == 1)
        #expect(try vault.pending().first?.state(at: clock.now()) == .due)
    }
}
