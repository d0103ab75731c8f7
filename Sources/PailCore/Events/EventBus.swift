import Foundation

/// The EventBridge-like buses: events are matched against rules when published and kept, one row per
/// matching rule, in the root's database until their target has run, so none is lost with a process.
///
/// Publishing happens inside the publisher's transaction: an event exists exactly when the change it
/// describes has committed.
public struct EventBus: Sendable {
    /// Attempts before a delivery goes to the dead-letter list.
    public static let maxAttempts = 8

    public let rules: [EventRule]
    let clock: PailClock
    /// How long each event is held on the bus before it may be delivered (eventual consistency, made visible).
    let delay: TimeInterval

    static func createSchema(_ db: any SQL) throws {
        try db.executeScript(
            """
            CREATE TABLE deliveries (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                event_id TEXT NOT NULL,
                bus TEXT NOT NULL,
                rule TEXT NOT NULL,
                target TEXT NOT NULL,
                envelope TEXT NOT NULL,
                created REAL NOT NULL,
                not_before REAL NOT NULL,
                retry_at REAL NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                dead INTEGER NOT NULL DEFAULT 0,
                last_error TEXT
            );
            CREATE INDEX deliveries_live ON deliveries(dead, id);
            """)
    }

    /// Finding the commands still to apply for one workflow (a move checks the moves not yet applied).
    static func indexTargets(_ db: any SQL) throws {
        try db.execute("CREATE INDEX deliveries_target ON deliveries(target, dead)")
    }

    /// Puts an event on a bus: one delivery for each rule it matches (none: the event is dropped, as on AWS).
    @discardableResult
    public func publish(_ db: any SQL, bus: BusName, _ event: EventEnvelope) throws -> [Int64] {
        let json = event.json
        let now = clock.now().timeIntervalSince1970
        let text = json.jsonString()
        var ids: [Int64] = []
        for rule in rules where rule.bus == bus && rule.pattern.matches(json) {
            try db.execute(
                """
                INSERT INTO deliveries (event_id, bus, rule, target, envelope, created, not_before, retry_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [event.id, bus.rawValue, rule.name, rule.target, text, now, now + delay, now])
            ids.append(db.lastInsertedRowID)
        }
        return ids
    }

    /// Deliveries whose time has come, oldest first; `ignoringDelay` also takes those still held
    /// for the consistency delay (what `pail wait` does), but never those backing off after a failure.
    func due(_ db: any SQL, limit: Int, ignoringDelay: Bool) throws -> [Delivery] {
        let now = clock.now().timeIntervalSince1970
        return try db.fetchAll(
            """
            SELECT \(Delivery.columns) FROM deliveries WHERE dead = 0 AND retry_at <= ? AND (? OR not_before <= ?)
            ORDER BY id LIMIT ?
            """, [now, ignoringDelay, now, limit], Delivery.init(row:))
    }

    /// The given deliveries, in the order given (missing ones skipped).
    func deliveries(_ db: any SQL, ids: [Int64]) throws -> [Delivery] {
        try ids.compactMap { id in
            try db.fetchOne(
                "SELECT \(Delivery.columns) FROM deliveries WHERE id = ?", [id],
                Delivery.init(row:))
        }
    }

    /// The deliveries to `target` not yet completed, dead letters aside (the commands still to apply).
    func live(_ db: any SQL, target: String) throws -> [Delivery] {
        try db.fetchAll(
            "SELECT \(Delivery.columns) FROM deliveries WHERE target = ? AND dead = 0 ORDER BY id", [target], Delivery.init(row:))
    }

    /// Everything not yet delivered (queued, due, retrying, dead), oldest first.
    public func pending(_ db: any SQL, limit: Int = 10_000) throws -> [Delivery] {
        try db.fetchAll(
            "SELECT \(Delivery.columns) FROM deliveries ORDER BY id LIMIT ?", [limit],
            Delivery.init(row:))
    }

    /// How many deliveries are still to run (not counting dead letters).
    public func liveCount(_ db: any SQL) throws -> Int {
        try db.fetchOne(Int.self, "SELECT COUNT(*) FROM deliveries WHERE dead = 0") ?? 0
    }

    /// How many deliveries are in the dead-letter list.
    public func deadCount(_ db: any SQL) throws -> Int {
        try db.fetchOne(Int.self, "SELECT COUNT(*) FROM deliveries WHERE dead = 1") ?? 0
    }

    /// When the next live delivery becomes due (nil if there is none).
    func nextDue(_ db: any SQL, ignoringDelay: Bool) throws -> Date? {
        let sql =
            ignoringDelay
            ? "SELECT MIN(retry_at) FROM deliveries WHERE dead = 0"
            : "SELECT MIN(MAX(retry_at, not_before)) FROM deliveries WHERE dead = 0"
        return try db.fetchOne(Double.self, sql).map(Date.init(timeIntervalSince1970:))
    }

    /// The target ran: the delivery is done.
    func complete(_ db: any SQL, _ delivery: Delivery) throws {
        try db.execute("DELETE FROM deliveries WHERE id = ?", [delivery.id])
    }

    /// The target failed: back off exponentially (0.2 s, 0.4 s, … capped at 30 s), or dead-letter it.
    func fail(_ db: any SQL, _ delivery: Delivery, error: String) throws {
        let attempts = delivery.attempts + 1
        let backoff = min(30, 0.2 * pow(2, Double(attempts - 1)))
        try db.execute(
            "UPDATE deliveries SET attempts = ?, retry_at = ?, dead = ?, last_error = ? WHERE id = ?",
            [attempts, clock.now().timeIntervalSince1970 + backoff, attempts >= Self.maxAttempts, error, delivery.id])
    }

    /// Sends dead letters again, as new attempts; returns how many.
    public func redrive(_ db: any SQL) throws -> Int {
        try db.execute(
            "UPDATE deliveries SET dead = 0, attempts = 0, retry_at = ?, not_before = ? WHERE dead = 1",
            [clock.now().timeIntervalSince1970, clock.now().timeIntervalSince1970])
        return db.changes
    }
}
