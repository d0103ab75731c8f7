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
