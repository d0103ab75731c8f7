import Foundation
import GRDB
import Testing

@testable import PailCore

@Suite("Execution log")
struct ExecutionLogTests {
    func execution(_ index: Int, _ status: Execution.Status) -> Execution {
        Execution(
            id: "run-\(status.rawValue)-\(index)", workflow: "UpdateInventory", eventId: "event-\(index)", attempt: 1, status: status,
            started: Date(timeIntervalSince1970: Double(index)), stopped: Date(timeIntervalSince1970: Double(index)),
            input: ["n": .number(Double(index))], output: nil, error: status == .failed ? "boom" : nil, history: [])
    }

    @Test func pruningKeepsTheNewestOfEachStatus() throws {
        let database = try PailDatabase.inMemory()
        let log = ExecutionLog()
        let extra = 5
        try database.write { db in
            for index in 0..<3 { try log.save(db, execution(index, .failed)) }
            for index in 0..<(ExecutionLog.keptPerStatus + extra) { try log.save(db, execution(index, .succeeded)) }
            try log.prune(db)
        }
        let (succeeded, failed, newest) = try database.read { db in
            (
                try log.list(db, limit: 100_000).filter { $0.status == .succeeded }.count,
                try log.list(db, failedOnly: true, limit: 100).count,
                try log.list(db, limit: 1).first?.id
            )
        }
        #expect(succeeded == ExecutionLog.keptPerStatus)
        #expect(failed == 3)
        #expect(newest == "run-SUCCEEDED-\(ExecutionLog.keptPerStatus + extra - 1)")
    }

    /// An execution with steps, an output or an error, and times that are not whole seconds.
    func run(_ index: Int, _ status: Execution.Status) -> Execution {
        let time = Date(timeIntervalSince1970: 1_796_112_284.2168002 + Double(index))
        let step = ExecutionStep(
            name: "GetItem", input: ["PK": "alice", "SK": .string("alice/\(index).txt")], output: status == .failed ? nil : ["Size": 12.5],
            error: status == .failed ? "boom \"quoted\"" : nil, entered: time, exited: time.addingTimeInterval(0.000_123))
        return Execution(
            id: "run-\(index)", workflow: "UpdateInventory", eventId: "event-\(index)", attempt: index, status: status, started: time,
            stopped: time.addingTimeInterval(0.25), input: ["id": .string("event-\(index)"), "detail": ["object": ["size": 4096]]],
            output: status == .failed ? nil : ["applied": true], error: status == .failed ? "boom \"quoted\"" : nil, history: [step])
    }

    @Test("an execution lists as it was saved")
    func savedExecutionsListAsTheyWere() throws {
        let database = try PailDatabase.inMemory()
        let log = ExecutionLog()
        let saved = [run(1, .succeeded), run(2, .failed), run(3, .succeeded)]
        try database.write { db in
            try log.save(db, saved[0])
            try log.save(db, saved[1], input: saved[1].input.jsonString())
            try log.save(db, saved[2])
        }
        #expect(try database.read { try log.list($0) } == saved.reversed())
        #expect(try database.read { try log.list($0, failedOnly: true) } == [saved[1]])
    }

    @Test("a root from before v6 keeps its executions: they list as they were saved, and new ones follow")
    func recordsFromBeforeV6MoveOver() throws {
        let database = try DatabaseQueue()
        try PailDatabase.migrator.migrate(database, upTo: "v5 object headers")
        let old = [run(1, .succeeded), run(2, .failed)]
        try database.write { db in
            for execution in old {
                // The v1 record: the whole document, input included, with the id and start time in columns.
                guard case .object(var document) = execution.document else { return }
                document["input"] = execution.input
                try db.execute(
                    sql: "INSERT INTO executions (id, status, started, document) VALUES (?, ?, ?, ?)",
                    arguments: [
                        execution.id, execution.status.rawValue, execution.started.timeIntervalSince1970,
                        JSONValue.object(document).jsonString(sortedKeys: false),
                    ])
            }
        }
        try PailDatabase.migrator.migrate(database)
        let log = ExecutionLog()
        let new = run(3, .succeeded)
        try database.write { try log.save($0, new) }
        #expect(try database.read { try log.list($0) } == [new] + old.reversed())
        #expect(try database.read { try log.list($0, failedOnly: true) } == [old[1]])
    }

    @Test("saving prunes by itself, once every pruneInterval executions")
    func savingPrunes() throws {
        let database = try PailDatabase.inMemory()
        let log = ExecutionLog()
        let saved = ExecutionLog.keptPerStatus + 2 * Int(ExecutionLog.pruneInterval) + 7
        try database.write { db in
            for index in 0..<saved { try log.save(db, execution(index, .succeeded)) }
        }
        let kept = try database.read { db in try log.list(db, limit: 100_000).count }
        #expect(kept >= ExecutionLog.keptPerStatus)
        #expect(kept <= ExecutionLog.keptPerStatus + Int(ExecutionLog.pruneInterval))
    }
}
