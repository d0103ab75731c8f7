import Foundation
import PailCore
import Synchronization

/// The figures of the benchmark, each measured against its baseline in the same run, in a scratch folder
/// (`work`, which is also the current folder).
struct Figures {
    let pail: String
    let work: String
    let runs: Int
    let quick: Bool
    /// Files in the large vault.
    let vaultItems: Int

    /// Sizes: the full run as the targets state them; `--quick` small enough for CI.
    var largeFileBytes: Int { quick ? 32 << 20 : 1 << 30 }
    var smallFiles: Int { quick ? 300 : 10_000 }
    var bigFolderFiles: Int { quick ? 2_000 : 100_000 }
    var latencyEvents: Int { quick ? 300 : 3_000 }

    // MARK: - Upload of one large file, and its memory

    func largeUpload() throws -> [Figure] {
        let file = work + "/big.bin"
        try Fixtures.randomFile(at: file, bytes: largeFileBytes)
        defer { unlink(file) }
        var (base, mine, peak) = ([Double](), [Double](), Int64(0))
        for _ in 0..<runs {
            unlink(work + "/copy.bin")
            sync()
            base.append(try Measure.succeeding(["sh", "-c", "cp big.bin copy.bin && md5sum copy.bin"]).seconds)
            let run = try timedLocalUpload("big.bin", as: "big.bin", root: work + "/root-large")
            mine.append(run.seconds)
            peak = max(peak, run.peakBytes)
        }
        unlink(work + "/copy.bin")
        try Fixtures.remove(work + "/root-large")
        let (b, m) = (Measure.median(base), Measure.median(mine))
        let size = Show.mebibytes(Int64(largeFileBytes))
        return [
            Figure(
                name: "upload of a \(size) file (presign + streamed PUT + fsync)",
                pail: "\(Show.seconds(m)) (\(Int(Double(largeFileBytes) / m / 1_048_576)) MiB/s)",
                baseline: "cp + md5sum: \(Show.seconds(b))",
                ratio: m / b, target: "≤ 1.0×", met: m / b <= 1.0, numbers: ["pail_seconds": m, "baseline_seconds": b]),
            Figure(
                name: "peak memory during that upload", pail: "\(Show.mebibytes(peak)) RSS", baseline: nil, ratio: nil,
                target: "< 64 MiB", met: peak < 64 << 20, numbers: ["peak_bytes": Double(peak)]),
        ]
    }

    /// `pail upload -q FILE REMOTE` into a fresh root (removed first, the disk synced), timed: the local
    /// upload of a large file, which the serve part's PUT is compared with too.
    func timedLocalUpload(_ file: String, as remote: String, root: String) throws -> ProgramRun {
        try Fixtures.remove(root)
        sync()
        return try Measure.succeeding([pail, "upload", "-q", file, remote], environment: ["PAIL_ROOT": root])
    }

    // MARK: - A folder of small files, then `pail wait` on its events

    /// Uploads a folder of small files against `cp -r` and a `sync` (the upload is durable when it ends),
    /// then times `pail wait` applying the events that upload left against raw SQLite inserts of as many
    /// rows, one transaction each.
    func smallFilesAndWait() throws -> [Figure] {
        let folder = work + "/small"
        try Fixtures.folder(at: folder, files: smallFiles, bytes: 4096, random: true)
        defer { try? Fixtures.remove(folder) }
        var (base, mine) = ([Double](), [Double]())
        // Each run writes into new folders, removed only after the last run: a folder of 10,000 files removed
        // just before would leave its inodes "recently deleted", and ext4 without a journal scans past each of
        // them (`recently_deleted`) for every inode it allocates in the next 30 s, a cost of the benchmark's
        // own clean-up that neither side would pay in use.
        let (copies, roots) = ((0..<runs).map { "small-copy-\($0)" }, (0..<runs).map { work + "/root-small-\($0)" })
        for (copy, root) in zip(copies, roots) {
            sync()
            base.append(try Measure.succeeding(["sh", "-c", "cp -r small \(copy) && sync"]).seconds)
            sync()
            // Events are held (a long delay) so the upload's time is the upload's alone.
            mine.append(
                try Measure.succeeding(
                    [pail, "upload", "-q", "small", "small/"], environment: ["PAIL_ROOT": root, "PAIL_DELAY_MS": "100000000"]
                ).seconds)
        }
        let root = roots.last!
        for removed in copies.map({ work + "/" + $0 }) + roots.dropLast() { try Fixtures.remove(removed) }
        let (b, m) = (Measure.median(base), Measure.median(mine))
        let upload = Figure(
            name: "upload of a folder of \(Show.count(smallFiles)) files of 4 KiB", pail: Show.seconds(m),
            baseline: "cp -r + sync: \(Show.seconds(b))",
            ratio: m / b, target: "≤ 3×", met: m / b <= 3, numbers: ["pail_seconds": m, "baseline_seconds": b])
        let wait = try waitFigure(root: root, events: smallFiles, repeats: runs)
        try Fixtures.remove(root)
        return [upload, wait]
    }

    /// `pail wait` on a root holding `events` pending Object Created events, against raw SQLite inserts of
    /// as many rows; each of `repeats` runs delivers a fresh copy of the root. The root itself is then
    /// delivered too (untimed), for what comes next.
    func waitFigure(root: String, events: Int, repeats: Int) throws -> Figure {
        var (mine, base) = ([Double](), [Double]())
        let copy = root + "-wait"
        for _ in 0..<repeats {
            try Fixtures.remove(copy)
            try Measure.succeeding(["cp", "-a", root, copy])
            sync()
            mine.append(
                Double(events) / (try Measure.succeeding([pail, "wait", "--timeout", "3600"], environment: ["PAIL_ROOT": copy]).seconds))
            base.append(Double(events) / (try Fixtures.rawInserts(rows: events, at: work + "/raw.sqlite")))
        }
        try Fixtures.remove(copy)
        try Measure.succeeding([pail, "wait", "--timeout", "3600"], environment: ["PAIL_ROOT": root])
        let (m, b) = (Measure.median(mine), Measure.median(base))
        return Figure(
            name: "events applied by pail wait (\(Show.count(events)) pending Object Created)", pail: Show.rate(m, "events"),
            baseline: "SQLite, a transaction a row: \(Show.rate(b, "rows"))", ratio: m / b, target: "≥ 2× the rate",
            met: m / b >= 2, numbers: ["pail_per_second": m, "baseline_per_second": b])
    }

    // MARK: - Latency from store commit to inventory

    /// Uploads arrive at 1,000 a second (batches of 10 every 10 ms) on an engine delivering in the
    /// background with no delay; each key's latency is from its commit until the inventory lists it.
    func latency() throws -> Figure {
        let root = work + "/root-latency"
        defer { try? Fixtures.remove(root) }
        let engine = try Engine.open(root: root, options: EngineOptions(delay: 0, deliverInBackground: true))
        defer { engine.close() }
        let count = latencyEvents
        let commits = Commits(count: count)
        let now = Measure.now
        let started = now()
        let writer = Thread {
            do {
                for batch in stride(from: 0, to: count, by: 10) {
                    let due = started + Double(batch) / 1000
                    if now() < due { Thread.sleep(forTimeInterval: due - now()) }
                    let indexes = batch..<min(batch + 10, count)
                    let requests = try indexes.map { index in
                        PutRequest(
                            url: try engine.api.createUpload(user: "bench", path: RemotePath("l/\(index)"), size: 1).url,
                            body: DataSource(Data([1])), contentLength: 1)
                    }
                    _ = try engine.store.put(batch: requests)
                    commits.record(indexes, at: now())
                }
            } catch {
                commits.fail("\(error)")
            }
        }
        writer.start()
        var latencies: [Double] = []
        var next = 0
        while next < count {
            if let failure = commits.failure { throw BenchError("the latency writer failed: \(failure)") }
            if let at = commits.time(of: next),
                try engine.read({ try engine.inventory.getItem($0, ItemKey(pk: "bench", sk: "bench/l/\(next)")) }) != nil
            {
                latencies.append(now() - at)
                next += 1
                continue
            }
            Thread.sleep(forTimeInterval: 0.0002)
        }
        let rate = Double(count) / (now() - started)
        let (p50, p99) = (Measure.percentile(0.5, of: latencies), Measure.percentile(0.99, of: latencies))
        return Figure(
            name: "store commit to inventory visible, delay 0, \(Show.rate(rate, "events")) arriving",
            pail: "p50 \(Show.milliseconds(p50)), p99 \(Show.milliseconds(p99))",
            baseline: nil, ratio: nil, target: "p50 < 5 ms, p99 < 50 ms", met: p50 < 0.005 && p99 < 0.05,
            numbers: ["p50_seconds": p50, "p99_seconds": p99, "events_per_second": rate])
    }

    // MARK: - The terminal UI (headless)

    /// A folder of one-byte files: time to the first frame against `pail --version`, time to open the folder,
    /// and the render time of each frame while scrolling it; and `pail wait` on its events.
    func userInterface() throws -> [Figure] {
        let root = work + "/root-ui"
        let folder = work + "/many"
        try Fixtures.folder(at: folder, files: bigFolderFiles, bytes: 1, random: false)
        try Measure.succeeding([pail, "upload", "-q", "many", "many"], environment: ["PAIL_ROOT": root, "PAIL_DELAY_MS": "100000000"])
        try Fixtures.remove(folder)
        var figures: [Figure] = []
        if !quick {
            figures.append(try waitFigure(root: root, events: bigFolderFiles, repeats: 1))
        } else {
            try Measure.succeeding([pail, "wait"], environment: ["PAIL_ROOT": root])
        }
        defer { try? Fixtures.remove(root) }
        let scripts = (first: work + "/first.txt", open: work + "/open.txt", scroll: work + "/scroll.txt", selected: work + "/selected.txt")
        try "expect many/\n".write(toFile: scripts.first, atomically: true, encoding: .utf8)
        try "key l\nexpect f000000\n".write(toFile: scripts.open, atomically: true, encoding: .utf8)
        let scrolling =
            Array(repeating: "key j", count: 300) + Array(repeating: "key pgdn", count: 100) + ["key G"]
            + Array(repeating: "key pgup", count: 100)
        let opening = ["key l", "expect f000000"]
        try (opening + scrolling).joined(separator: "\n").write(toFile: scripts.scroll, atomically: true, encoding: .utf8)
        // `*` on the folder's first file selects all its files (a build without selection ignores the key); the last
        // screen shows the count.
        try (opening + ["key j", "key *"] + scrolling + ["screen"]).joined(separator: "\n").write(
            toFile: scripts.selected, atomically: true, encoding: .utf8)
        let environment = ["PAIL_ROOT": root]
        let headless = [pail, "headless", "--size", "120x40", "--delay", "0", "--script"]
        let tmux = try tmuxServer(in: work, for: "the ui part's opening in a terminal", required: false)
        defer { tmux?.stop() }
        var (base, mine, open, inTmux) = ([Double](), [Double](), [Double](), [Double]())
        for _ in 0..<max(runs, 5) {
            base.append(try Measure.succeeding([pail, "--version"]).seconds)
            mine.append(try Measure.succeeding(headless + [scripts.first], environment: environment).seconds)
            open.append(try Measure.succeeding(headless + [scripts.open], environment: environment).seconds)
            if let tmux {
                inTmux.append(try tmux.launch([pail, "--root", root, "tui"], shows: "f000000.txt", opened: "many/", keys: ["l"]))
            }
        }
        tmux?.stop()
        let (b, m, o) = (Measure.median(base), Measure.median(mine), Measure.median(open))
        figures.append(
            Figure(
                name: "UI first frame (headless), \(Show.count(bigFolderFiles)) files in the vault", pail: Show.seconds(m),
                baseline: "pail --version: \(Show.seconds(b))", ratio: m / b, target: "< 150 ms more than the baseline",
                met: m - b < 0.150, numbers: ["pail_seconds": m, "baseline_seconds": b]))
        figures.append(
            Figure(
                name: "UI opening the \(Show.count(bigFolderFiles))-file folder (whole process: started, listed, drawn)",
                pail: Show.seconds(o),
                baseline: nil, ratio: nil, target: "no target (the listing is read off the UI thread)", met: nil,
                numbers: ["pail_seconds": o]))
        if !inTmux.isEmpty {
            figures.append(
                Figure(
                    name:
                        "UI opening the \(Show.count(bigFolderFiles))-file folder (tmux \(TmuxServer.width)×\(TmuxServer.height), launch to its "
                        + "first file on the screen)", pail: Show.seconds(Measure.median(inTmux)), baseline: nil, ratio: nil,
                    target: "no target here (the browse part compares it with nnn)", met: nil,
                    numbers: ["pail_seconds": Measure.median(inTmux)]))
        }
        let scroll = try Measure.succeeding(headless + [scripts.scroll, "--stats"], environment: environment)
        figures.append(scrollFigure(FrameStatsLine(scroll.stderr), name: "scrolling a \(Show.count(bigFolderFiles))-file folder"))
        let selected = try Measure.succeeding(headless + [scripts.selected, "--stats"], environment: environment)
        let shown = Self.selectionCount(selected.stdout).map { " (\($0))" } ?? " (this build has no selection: * did nothing)"
        figures.append(scrollFigure(FrameStatsLine(selected.stderr), name: "scrolling that folder with all its files selected (*)", shown))
        return figures
    }

    /// The time per frame `pail headless --stats` gave for a script.
    private func scrollFigure(_ stats: FrameStatsLine, name: String, _ note: String = "") -> Figure {
        Figure(
            name: "UI time per frame \(name) (\(stats.frames) frames)",
            pail: "p50 \(stats.p50) ms, p99 \(stats.p99) ms, max \(stats.max) ms\(note)", baseline: nil, ratio: nil, target: "p99 < 4 ms",
            met: (Double(stats.p99) ?? .infinity) < 4, numbers: ["p50_ms": Double(stats.p50) ?? -1, "p99_ms": Double(stats.p99) ?? -1])
    }

    /// What a screen says is selected ("100000 selected, …" up to the comma), if anything.
    static func selectionCount(_ screen: String) -> String? {
        guard let range = screen.range(of: #"[0-9][0-9,]* selected"#, options: .regularExpression) else { return nil }
        return String(screen[range])
    }
}

extension Figures {
    /// A vault of `vaultItems` files in folders of 1,000: `pail ls` of one folder and the UI's first frame,
    /// each against `pail --version`, and the UI's peak memory while it opens and scrolls a folder.
    func largeVault() throws -> [Figure] {
        let root = work + "/root-vault"
        defer { try? Fixtures.remove(root) }
        let built = try Measure.seconds { try Fixtures.vault(items: vaultItems, root: root) }
        let environment = ["PAIL_ROOT": root, "PAIL_USER": "bench"]
        let folder = String(format: "d%04d/", vaultItems / 2_000)
        try "expect d0000/\n".write(toFile: work + "/vault-first.txt", atomically: true, encoding: .utf8)
        let browse = ["key l", "expect f000", "key pgdn", "key G", "key l", "key G", "expect f999"]
        try browse.joined(separator: "\n").write(toFile: work + "/vault-browse.txt", atomically: true, encoding: .utf8)
        let headless = [pail, "headless", "--size", "120x40", "--delay", "0", "--script"]
        var (version, ls, first, peak) = ([Double](), [Double](), [Double](), Int64(0))
        for _ in 0..<max(runs, 5) {
            version.append(try Measure.succeeding([pail, "--version"]).seconds)
            ls.append(try Measure.succeeding([pail, "ls", folder], environment: environment).seconds)
            first.append(try Measure.succeeding(headless + [work + "/vault-first.txt"], environment: environment).seconds)
            peak = max(peak, try Measure.succeeding(headless + [work + "/vault-browse.txt"], environment: environment).peakBytes)
        }
        let (v, l, f) = (Measure.median(version), Measure.median(ls), Measure.median(first))
        let items = Show.count(vaultItems)
        return [
            Figure(
                name: "pail ls of a 1,000-file folder in a \(items)-item inventory", pail: Show.milliseconds(l),
                baseline: "pail --version: \(Show.milliseconds(v))", ratio: l / v, target: "≤ 6 ms more than the baseline",
                met: l - v <= 0.006, numbers: ["pail_seconds": l, "baseline_seconds": v, "fixture_seconds": built]),
            Figure(
                name: "UI first frame (headless) with \(items) items", pail: Show.seconds(f),
                baseline: "pail --version: \(Show.seconds(v))",
                ratio: f / v, target: "< 150 ms more than the baseline", met: f - v < 0.150,
                numbers: ["pail_seconds": f, "baseline_seconds": v]),
            Figure(
                name: "peak memory with \(items) items, UI open (opening the first and the last folder)",
                pail: "\(Show.mebibytes(peak)) RSS", baseline: nil, ratio: nil,
                target: "< 150 MiB RSS", met: peak < 150 << 20, numbers: ["peak_bytes": Double(peak)]),
        ]
    }
}

/// The line `pail headless --stats` prints: `frames 1135  p50 1.05 ms  p99 1.29 ms  max 3.06 ms`.
struct FrameStatsLine {
    var frames = "?", p50 = "?", p99 = "?", max = "?"

    init(_ text: String) {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        for (index, word) in words.enumerated() where index + 1 < words.count {
            switch word {
            case "frames": frames = words[index + 1]
            case "p50": p50 = words[index + 1]
            case "p99": p99 = words[index + 1]
            case "max": max = words[index + 1]
            default: break
            }
        }
    }
}

/// When each key of the latency run was committed, shared between the writer and the checker.
final class Commits: Sendable {
    private let state: Mutex<(times: [Double?], failure: String?)>

    init(count: Int) { state = Mutex((Array(repeating: nil, count: count), nil)) }

    func record(_ indexes: Range<Int>, at time: Double) { state.withLock { for index in indexes { $0.times[index] = time } } }
    func time(of index: Int) -> Double? { state.withLock { $0.times[index] } }
    func fail(_ message: String) { state.withLock { $0.failure = message } }
    var failure: String? { state.withLock { $0.failure } }
}
