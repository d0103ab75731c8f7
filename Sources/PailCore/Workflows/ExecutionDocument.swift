import Foundation

/// An execution as the log stores it: a JSON document with times in seconds since 1970, written
/// and read through `JSONValue` (one document per delivery: `JSONEncoder` cost a third of `pail wait`).
extension Execution {
    var document: JSONValue {
        documentWithOutcome([
            "id": .string(id), "workflow": .string(workflow), "event_id": .string(eventId), "attempt": .number(Double(attempt)),
            "status": .string(status.rawValue), "started": .number(started.timeIntervalSince1970),
            "stopped": .number(stopped.timeIntervalSince1970), "input": input,
            "history": .array(history.map(\.document)),
        ], output: output, error: error)
    }

    init(document: JSONValue) throws {
        let fields = DocumentFields(document, "execution")
        self.init(
            id: try fields.string("id"), workflow: try fields.string("workflow"), eventId: try fields.string("event_id"),
            attempt: Int(try fields.number("attempt")), status: try fields.status(), started: try fields.date("started"),
            stopped: try fields.date("stopped"), input: document["input"] ?? .null, output: document["output"],
            error: document["error"]?.stringValue, history: try fields.array("history").map(ExecutionStep.init(document:)))
    }
}

extension ExecutionStep {
    var document: JSONValue {
        documentWithOutcome([
            "name": .string(name), "input": input, "entered": .number(entered.timeIntervalSince1970),
            "exited": .number(exited.timeIntervalSince1970),
        ], output: output, error: error)
    }

    init(document: JSONValue) throws {
        let fields = DocumentFields(document, "execution step")
        self.init(
            name: try fields.string("name"), input: document["input"] ?? .null, output: document["output"],
            error: document["error"]?.stringValue, entered: try fields.date("entered"), exited: try fields.date("exited"))
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
