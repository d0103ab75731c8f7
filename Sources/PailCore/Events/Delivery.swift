import Foundation

/// One event on its way to one rule's target: what the pending-events pane and `pail events` show.
public struct Delivery: Sendable, Equatable {
    /// Where a delivery stands.
    public enum State: String, Sendable, Codable {
        /// Held on the bus for the consistency delay.
        case queued
        /// Due now; a Pail process delivers it as soon as it can.
        case due
        /// Its target failed; waiting out the backoff before the next attempt.
        case retrying
        /// Failed too often; kept in the dead-letter list until redriven.
        case dead
    }

    public let id: Int64
    public let bus: BusName
    public let rule: String
    public let target: String
    public let event: EventEnvelope
    /// The event's JSON text, as the bus keeps it.
    let envelope: String
    public let created: Date
    public let notBefore: Date
    public let retryAt: Date
    public let attempts: Int
    public let isDead: Bool
    public let lastError: String?

    /// The state at `now`.
    public func state(at now: Date) -> State {
        if isDead { return .dead }
        if attempts > 0 { return .retrying }
        return notBefore > now ? .queued : .due
    }

    public init(
        id: Int64, bus: BusName, rule: String, target: String, event: EventEnvelope, created: Date, notBefore: Date,
        retryAt: Date, attempts: Int, isDead: Bool, lastError: String?
    ) {
        self.id = id
        self.bus = bus
        self.rule = rule
        self.target = target
        self.event = event
        envelope = event.json.jsonString()
        self.created = created
        self.notBefore = notBefore
        self.retryAt = retryAt
        self.attempts = attempts
        self.isDead = isDead
        self.lastError = lastError
    }

    /// The columns `init(row:)` reads, in its order: select them with `SELECT \(Delivery.columns) FROM deliveries`.
    static let columns = "id, bus, rule, target, envelope, created, not_before, retry_at, attempts, dead, last_error"

    init(row: any SQLRow) throws {
        id = row[0]
        bus = BusName(rawValue: row[1]) ?? .default
        rule = row[2]
        target = row[3]
        envelope = row[4]
        event = try EventEnvelope(json: JSONValue.parse(envelope))
        created = Date(timeIntervalSince1970: row[5])
        notBefore = Date(timeIntervalSince1970: row[6])
        retryAt = Date(timeIntervalSince1970: row[7])
        attempts = row[8]
        isDead = row[9]
        lastError = row[10]
    }
}
