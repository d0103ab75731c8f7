import Foundation
import Testing

/// `pail-bench --quick` in CI: every figure runs and reports numbers (timings of a debug build on a
/// shared machine mean nothing, so none is asserted).
@Suite("pail-bench --quick")
struct BenchSmokeTests {
    struct Report: Decodable {
        struct Figure: Decodable {
            let name: String
            let pail: String
            let target: String
            let met: Bool?
            let numbers: [String: Double]
        }

        let machine: String
        let quick: Bool
        let figures: [Figure]
    }

    @Test("every figure runs and reports numbers")
    func quickRun() throws {
        let pail = try PailRunner()
        let bench = URL(fileURLWithPath: pail.binary).deletingLastPathComponent().appendingPathComponent("pail-bench").path
        let running = try RunningPail(
            binary: bench, arguments: ["--quick", "--json", "--work", pail.sandbox, "--pail", pail.binary],
            environment: pail.environment(user: nil, clean: true, extra: [:]), directory: pail.files, outputBase: pail.sandbox + "/io/bench"
        )
        let result = try running.waitForExit(timeout: 600)
        try #require(result.succeeded, "\(result)")
        let report = try result.decode(Report.self)
        #expect(report.quick && report.machine.contains("cores"))
        #expect(report.figures.count == 15, "\(report.figures.map(\.name))")
        for figure in report.figures {
            #expect(
                !figure.numbers.isEmpty && figure.numbers.values.allSatisfy { $0.isFinite && $0 > 0 }, "\(figure.name): \(figure.numbers)")
        }
        // The scratch folder is gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: pail.sandbox).allSatisfy { !$0.hasPrefix("pail-bench-") })
    }
}
