import Foundation

/// An execution as a JSON document, the one spelling of its fields: the log stores it with times in
/// seconds since 1970 and without its input, which it keeps apart (written and read through `JSONValue`:
/// `JSONEncoder` cost a third of `pail wait`), and `pail executions --json` prints it whole, with times in
/// ISO 8601.
extension Execution {
    /// The document the log stores: everything but the input.
    var document: JSONValue { document(times: .seconds, input: nil) }

    /// The document `pail executions --json` prints.
    public var outputDocument: JSONValue { document(times: .iso8601, input: input) }

    private func document(times: TimeSpelling, input: JSONValue?) -> JSONValue {
        var fields: [String: JSONValue] = [
            "id": .string(id), "workflow": .string(workflow), "event_id": .string(eventId), "attempt": .number(Double(attempt)),
            "status": .string(status.rawValue), "started": times.spell(started), "stopped": times.spell(stopped),
            "history": .array(history.map { $0.document(times: times) }),
        ]
        if let input { fields["input"] = input }
        return documentWithOutcome(fields, output: output, error: error)
    }

    /// Reads the log's document of an execution and its input.
    init(document: JSONValue, input: JSONValue) throws {
        let fields = DocumentFields(document, "execution")
        self.init(
            id: try fields.string("id"), workflow: try fields.string("workflow"), eventId: try fields.string("event_id"),
            attempt: Int(try fields.number("attempt")), status: try fields.status(), started: try fields.date("started"),
            stopped: try fields.date("stopped"), input: input, output: document["output"], error: document["error"]?.stringValue,
            history: try fields.array("history").map(ExecutionStep.init(document:)))
    }
}

extension ExecutionStep {
    func document(times: TimeSpelling) -> JSONValue {
        documentWithOutcome(
            [
                "name": .string(name), "input": input, "entered": times.spell(entered), "exited": times.spell(exited),
            ], output: output, error: error)
    }

    init(document: JSONValue) throws {
        let fields = DocumentFields(document, "execution step")
        self.init(
            name: try fields.string("name"), input: document["input"] ?? .null, output: document["output"],
            error: document["error"]?.stringValue, entered: try fields.date("entered"), exited: try fields.date("exited"))
    }
}

/// How a document spells a time: seconds since 1970 (the log), or ISO 8601 text in UTC (what people read).
enum TimeSpelling {
    case seconds, iso8601

    func spell(_ date: Date) -> JSONValue {
        switch self {
        case .seconds: .number(date.timeIntervalSince1970)
        case .iso8601: .string(date.formatted(.iso8601))
        }
    }
}

/// `fields`, with `output` and `error` when there are any (a run and a step end the same way).
private func documentWithOutcome(_ fields: [String: JSONValue], output: JSONValue?, error: String?) -> JSONValue {
    var fields = fields
    if let output { fields["output"] = output }
    if let error { fields["error"] = .string(error) }
    return .object(fields)
}

/// Reads the required fields of a stored document, failing with `InternalError` naming what is missing.
private struct DocumentFields {
    let document: JSONValue
    let kind: String

    init(_ document: JSONValue, _ kind: String) {
        self.document = document
        self.kind = kind
    }

    func string(_ name: String) throws -> String {
        guard let value = document[name]?.stringValue else { throw missing(name) }
        return value
    }

    func number(_ name: String) throws -> Double {
        guard case .number(let value)? = document[name] else { throw missing(name) }
        return value
    }

    func date(_ name: String) throws -> Date { Date(timeIntervalSince1970: try number(name)) }

    func array(_ name: String) throws -> [JSONValue] {
        guard case .array(let values)? = document[name] else { throw missing(name) }
        return values
    }

    func status() throws -> Execution.Status {
        guard let status = Execution.Status(rawValue: try string("status")) else { throw missing("status") }
        return status
    }

    private func missing(_ name: String) -> PailError {
        PailError(.internalError, "Corrupt \(kind) in the execution log: no valid '\(name)'")
    }
}
