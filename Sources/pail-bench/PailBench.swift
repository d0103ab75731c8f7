import ArgumentParser
import Foundation
import PailCore

/// `pail-bench`: measures Pail against baselines taken in the same run on the same machine and prints the
/// figures with their ratios and targets (a table, or JSON with `--json`).
@main
struct PailBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pail-bench",
        abstract: "Measure Pail against same-run baselines (build with -c release).",
        discussion: """
            Figures: large upload vs cp+md5sum, its peak memory, a folder of small files vs cp -r + sync, pail wait vs raw \
            SQLite inserts, commit-to-inventory latency, the headless UI (first frame, opening a 100,000-file folder, also \
            in tmux when it is installed, time per frame scrolling it, also with all its files selected), a 1,000,000-item \
            vault (pail ls vs pail --version, first frame, memory), browsing big folders (the UI opening a 100,000-file and \
            a 1,000,000-file folder in a real tmux pane vs nnn on a directory of the same 100,000 files, memory with the \
            1,000,000-file folder scrolled end to end, pail ls of a 5,000-file folder vs pail --version; needs tmux, and \
            nnn, which is installed from Debian when missing and run as root), pail serve (a large GET vs nginx, a large PUT \
            vs the local upload, 4 KiB GETs a second under wrk vs nginx, the server's memory; needs nginx, wrk and curl), \
            and search (in tmux, a pattern typed in a 100,000-path vault until its first result row shows, vs the prompt's \
            keystroke). \
            `pail-bench --fixture N --root DIR` only builds a vault of N one-byte files of user bench, in folders of 1,000 \
            (--folder-size).
            """)

    @Flag(help: "Small sizes, one run each: a smoke test that everything runs and reports (timings mean little).") var quick = false
    @Flag(help: "Print the figures as JSON.") var json = false
    @Option(help: "Runs of each timed figure; the median is reported.") var runs = 3
    @Option(help: "Where to work (a scratch folder is made inside and removed after).") var work = NSTemporaryDirectory()
    @Option(help: "The pail binary (default: the one next to pail-bench).") var pail: String?
    @Option(help: "Files in the large vault the last figures browse (default 1,000,000; --quick: 2,000).") var vaultItems: Int?
    @Option(
        help: ArgumentHelp("Only these parts: upload, small, latency, ui, vault, browse, serve, search (repeatable).", valueName: "part"))
    var only: [String] = []
    @Option(help: "Only build a vault of this many files (user bench, folders of --folder-size) in --root.") var fixture: Int?
    @Option(help: "The data root --fixture builds.") var root: String?
    @Option(help: "Files in each folder of the vault --fixture builds.") var folderSize = 1_000

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        if let fixture {
            guard let root else { throw ValidationError("--fixture needs --root") }
            let seconds = try Measure.seconds { try Fixtures.vault(items: fixture, root: root, folderSize: folderSize) }
            let listing = "PAIL_ROOT=\(root) PAIL_USER=bench pail ls \(Fixtures.vaultFolder(0))"
            return print("built \(fixture) files in \(Show.seconds(seconds)) at \(root) (\(listing))")
        }
        let binary =
            pail
            ?? URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("pail")
            .path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchError("no pail binary at \(binary) (build it, or pass --pail)")
        }
        let folder = (work as NSString).appendingPathComponent("pail-bench-\(getpid())")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { Background.removeScratch(folder) }
        Background.handleSignals(removing: folder)
        guard FileManager.default.changeCurrentDirectoryPath(folder) else { throw BenchError("cannot work in \(folder)") }
        let figures = Figures(
            pail: binary, work: folder, runs: quick ? 1 : runs, quick: quick, vaultItems: vaultItems ?? (quick ? 2_000 : 1_000_000))
        let machine = Machine.describe(workFolder: work)
        if !json { print("machine: \(machine)\(quick ? " (quick: small sizes, one run)" : "")") }
        var results: [Figure] = []
        let steps: [(part: String, name: String, measure: () throws -> [Figure])] = [
            ("upload", "large upload", figures.largeUpload), ("small", "small files", figures.smallFilesAndWait),
            ("latency", "latency", { [try figures.latency()] }), ("ui", "terminal UI", figures.userInterface),
            ("vault", "a vault of \(figures.vaultItems) files (building it takes a while)", figures.largeVault),
            ("browse", "big folders in a real terminal against nnn, and pail ls (building them takes a while)", figures.browse),
            ("serve", "pail serve against nginx and the local upload", figures.serve),
            ("search", "search in a real terminal", figures.search),
        ]
        let unknown = Set(only).subtracting(steps.map(\.part))
        guard unknown.isEmpty else {
            throw ValidationError("unknown \(Plural.noun(unknown.count, "part")) \(unknown.sorted()); the parts: \(steps.map(\.part))")
        }
        for (part, name, step) in steps where only.isEmpty || only.contains(part) {
            if !json { FileHandle.standardError.write(Data("measuring \(name)…\n".utf8)) }
            let measured = try step().map { figure in
                var figure = figure
                figure.part = part
                return figure
            }
            results += measured
            if !json { measured.forEach(Self.printRow) }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let report = Report(machine: machine, quick: quick, runs: figures.runs, figures: results)
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        }
    }

    static func printRow(_ figure: Figure) {
        let verdict = figure.met.map { $0 ? "met" : "MISSED" } ?? "—"
        let ratio = figure.ratio.map { String(format: "%.2f×", $0) } ?? ""
        print(
            "\(figure.name)\n    pail: \(figure.pail)" + (figure.baseline.map { "    baseline: \($0)" } ?? "")
                + (ratio.isEmpty ? "" : "    ratio: \(ratio)") + "    target: \(figure.target)  [\(verdict)]")
    }
}

/// What `--json` prints.
struct Report: Encodable {
    let machine: String
    let quick: Bool
    let runs: Int
    let figures: [Figure]
}
