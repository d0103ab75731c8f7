import Foundation
import Synchronization

/// Delivers due events to their target workflows, on a Dispatch queue in the background and on demand.
///
/// A batch runs in one write transaction: each delivery's workflow runs in a savepoint, and its effects,
/// its execution record and the end of the delivery commit together, so an event's effect is applied
/// once even when several processes deliver from the same root. A failed run rolls back to its savepoint
/// and the delivery backs off, or is dead-lettered after `EventBus.maxAttempts`. The quotas and folder totals
/// the runs change are written once per user and folder when the batch ends (`UsageLedger`), in the same
/// transaction.
final class EventDeliverer: Sendable {
    static let batchSize = 512

    let database: any SQLDatabase
    let bus: EventBus
    let workflows: [String: any Workflow]
    let store: ObjectStore
    let inventory: Inventory
    let log: ExecutionLog
    let clock: PailClock
    let changes: ChangeFeed
    let chaos: Chaos?
    private let queue = DispatchQueue(label: "pail.delivery")
    private let timer = Mutex<DispatchSourceTimer?>(nil)
    /// When the background loop last ran the lifecycle sweep.
    private let lastSweep = Mutex(Date())
    static let sweepInterval: TimeInterval = 60

    init(
        database: any SQLDatabase, bus: EventBus, workflows: [any Workflow], store: ObjectStore, inventory: Inventory,
        log: ExecutionLog, clock: PailClock, changes: ChangeFeed, chaos: Chaos? = nil
    ) {
        self.database = database
        self.bus = bus
        self.workflows = Dictionary(uniqueKeysWithValues: workflows.map { ($0.name, $0) })
        self.store = store
        self.inventory = inventory
        self.log = log
        self.clock = clock
        self.changes = changes
        self.chaos = chaos
    }

    deinit { stop() }

    /// Delivers up to one batch of due deliveries; returns how many ran.
    @discardableResult
    func deliverBatch(ignoringDelay: Bool = false) throws -> Int {
        let count = try inBatch { db, ledger in
            var due = try bus.due(db, limit: Self.batchSize, ignoringDelay: ignoringDelay)
            if let chaos { due = chaos.reordered(due) }
            for delivery in due {
                if chaos?.strikes(.failDelivery) == true {
                    try bus.fail(db, delivery, error: "chaos: the bus could not reach \(delivery.target)")
                    continue
                }
                if chaos?.strikes(.duplicate) == true { try run(db, delivery, ledger, complete: false) }
                try run(db, delivery, ledger, complete: true)
            }
            return due.count
        }
        if count > 0 { finishBatch() }
        return count
    }

    /// Test hook: delivers exactly these deliveries, in this order (to reorder events).
    func deliver(ids: [Int64]) throws {
        try inBatch { db, ledger in
            for delivery in try bus.deliveries(db, ids: ids) { try run(db, delivery, ledger, complete: true) }
        }
        finishBatch()
    }

    /// Test hook: runs a delivery's target again but keeps the delivery (a duplicated delivery).
    func duplicate(id: Int64) throws {
        try inBatch { db, ledger in
            for delivery in try bus.deliveries(db, ids: [id]) { try run(db, delivery, ledger, complete: false) }
        }
        finishBatch()
    }

    /// One write transaction of deliveries: `body` runs them with the batch's usage ledger, whose quotas and
    /// folder totals are then written, before the transaction commits.
    private func inBatch<T>(_ body: (any SQL, UsageLedger) throws -> T) throws -> T {
        try database.write { db in
            let ledger = UsageLedger(inventory: inventory)
            let result = try body(db, ledger)
            try ledger.write(db)
            return result
        }
    }

    private func run(_ db: any SQL, _ delivery: Delivery, _ ledger: UsageLedger, complete: Bool) throws {
        guard let workflow = workflows[delivery.target] else {
            try bus.fail(db, delivery, error: "No workflow named \(delivery.target)")
            return
        }
        let recorder = ExecutionRecorder(clock: clock, chaos: chaos)
        let started = clock.now()
        var output: JSONValue?
        var failure: String?
        do {
            output = try ledger.applying {
                try db.savepoint { try workflow.run(db, event: delivery.event, execution: recorder, ledger: ledger) }
            }
        } catch let error where database.isTransient(error) {
            throw error  // the database itself is failing (a full disk, I/O): leave the delivery for a later try
        } catch {
            failure = String(describing: error)
        }
        try log.save(
            db,
            Execution(
                id: RandomIdentifier.make(), workflow: workflow.name, eventId: delivery.event.id,
                attempt: delivery.attempts + 1, status: failure == nil ? .succeeded : .failed, started: started,
                stopped: clock.now(), input: delivery.event.json, output: output, error: failure, history: recorder.steps),
            input: delivery.envelope)
        if let failure {
            try bus.fail(db, delivery, error: failure)
        } else if complete {
            try bus.complete(db, delivery)
        }
    }

    private func finishBatch() {
        store.collectGarbage()
        changes.notify()
    }

    // MARK: - Background delivery

    /// Starts delivering in the background: at once when `wake()` is called, and every `interval` for
    /// events published by other processes or held for the consistency delay.
    func start(interval: TimeInterval = 0.1) {
        timer.withLock { timer in
            guard timer == nil else { return }
            let source = DispatchSource.makeTimerSource(queue: queue)
            source.schedule(deadline: .now(), repeating: interval)
            source.setEventHandler { [weak self] in self?.drain() }
            source.resume()
            timer = source
        }
    }

    func stop() {
        timer.withLock {
            $0?.cancel(); $0 = nil
        }
    }

    /// Delivers what is due now, off the caller's thread.
    func wake() {
        guard timer.withLock({ $0 != nil }) else { return }
        queue.async { [weak self] in self?.drain() }
    }

    private func drain() {
        do {
            while try deliverBatch() > 0 {}
            let sweepDue = lastSweep.withLock { last in
                guard Date().timeIntervalSince(last) >= Self.sweepInterval else { return false }
                last = Date()
                return true
            }
            if sweepDue { try store.runLifecycle() }
        } catch {
            // The database's own trouble (full disk, I/O): the events stay pending; the next tick tries again.
            logger.error("event delivery paused: \(error)")
        }
    }

    /// Delivers until nothing is left to deliver (dead letters aside), or throws `Timeout`.
    /// `ignoringDelay` delivers events still held for the consistency delay at once.
    /// Returns how many deliveries this call ran.
    func waitUntilIdle(timeout: TimeInterval, ignoringDelay: Bool) throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        var delivered = 0
        while true {
            let count = try deliverBatch(ignoringDelay: ignoringDelay)
            delivered += count
            if count > 0 { continue }
            let (live, next) = try database.read { db in
                (try bus.liveCount(db), try bus.nextDue(db, ignoringDelay: ignoringDelay))
            }
            if live == 0 { return delivered }
            guard Date() < deadline else {
                throw PailError(.timeout, "\(Plural.count(live, "event")) still pending after \(Int(timeout)) s (see `pail events`)")
            }
            let wait = max(0.005, min(0.05, (next ?? clock.now()).timeIntervalSince(clock.now())))
            Thread.sleep(forTimeInterval: wait)
        }
    }
}
