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
            let part: String?
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
        // Without tmux, --quick skips the figures in a real terminal: the browse part's two, the ui part's one and
        // the search part's two.
        let (tmux, nnn) = (Self.installed("tmux"), Self.installed("nnn"))
        #expect(report.figures.count == (tmux ? 24 : 19), "\(report.figures.map(\.name))")
        for figure in report.figures {
            #expect(figure.part != nil, "\(figure.name)")
            #expect(
                !figure.numbers.isEmpty && figure.numbers.values.allSatisfy { $0.isFinite && $0 > 0 }, "\(figure.name): \(figure.numbers)")
        }
        // The browse part: the UI opening two folders in tmux, against nnn when it is installed (--quick installs
        // nothing); its memory; pail ls as text and as JSON, against pail --version.
        let browse = report.figures.filter { $0.part == "browse" }
        let opening = browse.filter { $0.name.hasPrefix("UI opening") }
        #expect(opening.count == (tmux ? 2 : 0), "\(browse.map(\.name))")
        for figure in opening {
            #expect((figure.numbers["baseline_seconds"] != nil) == nnn && (figure.met != nil) == nnn, "\(figure.name): \(figure.numbers)")
        }
        #expect(browse.filter { $0.name.hasPrefix("peak memory") && $0.numbers["peak_bytes"] != nil }.count == 1, "\(browse.map(\.name))")
        let listings = browse.filter { $0.name.hasPrefix("pail ls") }
        #expect(
            listings.count == 2 && listings.allSatisfy { $0.numbers["baseline_seconds"] != nil && $0.met != nil }, "\(browse.map(\.name))")
        // The ui part scrolls the big folder with all its files selected, and times opening it in tmux.
        let ui = report.figures.filter { $0.part == "ui" }
        let selected = ui.filter { $0.name.contains("with all its files selected") }
        #expect(
            selected.count == 1 && selected.allSatisfy { $0.pail.contains("(2000 selected") && $0.numbers["p99_ms"] != nil },
            "\(ui.map(\.pail))")
        #expect(ui.filter { $0.name.contains("tmux") && $0.numbers["pail_seconds"] != nil }.count == (tmux ? 1 : 0), "\(ui.map(\.name))")
        // The search part: each pattern typed until its first result row shows, against the prompt's keystroke, with
        // the target.
        let search = report.figures.filter { $0.part == "search" }
        #expect(search.count == (tmux ? 2 : 0), "\(search.map(\.name))")
        for figure in search {
            #expect(
                figure.numbers["pail_seconds"] != nil && figure.numbers["baseline_seconds"] != nil && figure.target == "< 200 ms"
                    && figure.met != nil, "\(figure.name): \(figure.numbers)")
        }
        #expect(search.contains { $0.name.contains("'d0001/f999' (one match, the last path)") }, "\(search.map(\.name))")
        // pail ls in the large vault is measured against pail --version too.
        #expect(report.figures.contains { $0.part == "vault" && $0.name.hasPrefix("pail ls") && $0.numbers["baseline_seconds"] != nil })
        // The scratch folder is gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: pail.sandbox).allSatisfy { !$0.hasPrefix("pail-bench-") })
    }

    /// Whether `name` is on `PATH` or in /usr/bin (where pail-bench looks too).
    static func installed(_ name: String) -> Bool {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return (path + ["/usr/local/bin", "/usr/bin", "/bin"]).contains { FileManager.default.isExecutableFile(atPath: $0 + "/" + name) }
    }
}
