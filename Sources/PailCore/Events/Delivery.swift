import Foundation
import GRDB

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
        self.created = created
        self.notBefore = notBefore
        self.retryAt = retryAt
        self.attempts = attempts
        self.isDead = isDead
        self.lastError = lastError
    }

    init(row: Row) throws {
        id = row["id"]
        bus = BusName(rawValue: row["bus"]) ?? .default
        rule = row["rule"]
        target = row["target"]
        event = try EventEnvelope(json: JSONValue.parse(row["envelope"]))
        created = Date(timeIntervalSince1970: row["created"])
        notBefore = Date(timeIntervalSince1970: row["not_before"])
        retryAt = Date(timeIntervalSince1970: row["retry_at"])
        attempts = row["attempts"]
        isDead = row["dead"]
        lastError = row["last_error"]
    }
}
