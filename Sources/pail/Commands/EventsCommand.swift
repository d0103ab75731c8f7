import ArgumentParser
import Foundation
import PailCore

struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events", abstract: "Show events not yet delivered: queued, due, retrying, dead-lettered.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Send the dead-lettered events again.") var redrive = false

    func run() throws {
        let engine = try global.openEngine()
        if redrive {
            let count = try engine.redrive()
            engine.deliverDueEvents()
            if global.json { return Output.json(["redriven": count]) }
            return print("redrove \(Plural.count(count, "event"))")
        }
        let now = engine.clock.now()
        let events = try engine.pendingEvents().map { PendingEvent($0, now: now) }
        if global.json { return Output.json(events) }
        guard !events.isEmpty else { return Output.note("no pending events") }
        Output.table(
            ["STATE", "BUS", "DETAIL-TYPE", "KEY", "AGE", "TRIES", "TARGET", "LAST ERROR"],
            events.map {
                [
                    $0.state.rawValue, $0.bus, $0.detailType, $0.key ?? "", String(format: "%.1fs", $0.ageSeconds),
                    String($0.attempts), $0.target, $0.lastError ?? "",
                ]
            })
    }
}

/// A pending event as `pail events --json` prints it.
struct PendingEvent: Encodable {
    let id: Int64
    let state: Delivery.State
    let bus: String
    let rule: String
    let target: String
    let detailType: String
    let key: String?
    let ageSeconds: Double
    let attempts: Int
    let lastError: String?
    let event: JSONValue

    init(_ delivery: Delivery, now: Date) {
        id = delivery.id
        state = delivery.state(at: now)
        bus = delivery.bus.rawValue
        rule = delivery.rule
        target = delivery.target
        detailType = delivery.event.detailType
        key = delivery.event.subjectKey
        ageSeconds = (now.timeIntervalSince(delivery.created) * 10).rounded() / 10
        attempts = delivery.attempts
        lastError = delivery.lastError
        event = delivery.event.json
    }

    enum CodingKeys: String, CodingKey {
        case id, state, bus, rule, target, key, attempts, event
        case detailType = "detail_type"
        case ageSeconds = "age_seconds"
        case lastError = "last_error"
    }
}
