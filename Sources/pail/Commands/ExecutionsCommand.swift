import ArgumentParser
import PailCore

struct ExecutionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "executions", abstract: "Show workflow runs, newest first, with their step history.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Only failed runs.") var failed = false
    @Option(parsing: .unconditional, help: "How many runs.") var limit = 20
    @Flag(help: "Show each run's steps.") var history = false

    func run() throws {
        guard limit > 0 else { throw PailError(.invalidArgument, "The limit must be 1 or more runs, not \(limit)") }
        let engine = try global.openEngine()
        let runs = try engine.executions(failedOnly: failed, limit: limit)
        if global.json { return Output.json(JSONValue.array(runs.map(\.outputDocument))) }
        guard !runs.isEmpty else { return Output.note(failed ? "no failed executions" : "no executions") }
        for run in runs {
            let key = (try? EventEnvelope(json: run.input))?.subjectKey ?? ""
            print("\(Output.date(run.started))  \(run.workflow)  \(run.status.rawValue)  attempt \(run.attempt)  \(key)")
            if let error = run.error { print("    error: \(error)") }
            guard history || run.status == .failed else { continue }
            for step in run.history {
                let result = step.error.map { "failed: \($0)" } ?? (step.output?.jsonString() ?? "")
                print("    \(step.name)  in: \(step.input.jsonString())  out: \(result)")
            }
        }
    }
}
