import Foundation

/// One run of a workflow with its step history, as Step Functions records it.
public struct Execution: Sendable, Equatable {
    public enum Status: String, Sendable {
        case succeeded = "SUCCEEDED"
        case failed = "FAILED"
    }

    public let id: String
    public let workflow: String
    public let eventId: String
    /// 1 for the first attempt at an event, 2 for its first retry, …
    public let attempt: Int
    public let status: Status
    public let started: Date
    public let stopped: Date
    public let input: JSONValue
    public let output: JSONValue?
    public let error: String?
    public let history: [ExecutionStep]
}

/// One state of an execution: what went in, what came out or what went wrong.
public struct ExecutionStep: Sendable, Equatable {
    public let name: String
    public let input: JSONValue
    public var output: JSONValue?
    public var error: String?
    public let entered: Date
    public var exited: Date
}

/// Records the steps of a running execution. Used by one workflow run at a time.
final class ExecutionRecorder {
    private(set) var steps: [ExecutionStep] = []
    private let clock: PailClock
    private let chaos: Chaos?

    init(clock: PailClock, chaos: Chaos? = nil) {
        self.clock = clock
        self.chaos = chaos
    }

    /// Runs one state: records its input, then its output (described by `describe`) or its error.
    func step<T>(_ name: String, input: JSONValue, describe: (T) -> JSONValue, _ body: () throws -> T) throws -> T {
        var step = ExecutionStep(name: name, input: input, output: nil, error: nil, entered: clock.now(), exited: clock.now())
        do {
            if chaos?.strikes(.failStep) == true { throw PailError(.internalError, "chaos: step \(name) failed") }
            let result = try body()
            step.output = describe(result)
            step.exited = clock.now()
            steps.append(step)
            return result
        } catch {
            step.error = String(describing: error)
            step.exited = clock.now()
            steps.append(step)
            throw error
        }
    }

    /// A step that only decides (a Choice or Succeed state): input and output, no work.
    func pass(_ name: String, _ output: JSONValue) {
        steps.append(ExecutionStep(name: name, input: output, output: output, error: nil, entered: clock.now(), exited: clock.now()))
    }
}
