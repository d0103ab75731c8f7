import Foundation
import Testing

@testable import PailCore

@Suite("Several engines on one root")
struct ConcurrencyTests {
    /// Two engines (two database pools, as two processes have) upload and deliver at the same time.
    @Test func concurrentWritersAndDeliverersNeitherLoseNorDoubleApply() async throws {
        let vault = try TestVault()
        let other = try vault.reopen()
        let engines = [vault.engine, other]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, engine) in engines.enumerated() {
                group.addTask {
                    for file in 0..<40 {
                        try vault.upload("e\(index)/f\(file)", bytes(file + 1), engine: engine)
                        if file % 5 == 0 { try engine.deliverDue(budget: 1) }
                    }
                }
                group.addTask {
                    for _ in 0..<30 { try engine.deliverDue(budget: 1) }
                }
            }
            try await group.waitForAll()
        }
        try other.waitUntilIdle()
        #expect(try vault.list().count == 80)
        #expect(try vault.used() == 2 * (1...40).reduce(0, +))
        #expect(try vault.check().isEmpty)
    }
}
