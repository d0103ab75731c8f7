import Foundation

/// Browsing big folders: the UI opening a 100,000-file and a 1,000,000-file folder in a real terminal
/// (tmux) against nnn on a directory of the same 100,000 files, the UI's peak memory with the
/// 1,000,000-file folder scrolled end to end, and `pail ls` of a 5,000-file folder against `pail --version`.
extension Figures {
    /// Files in the largest folder the UI opens (the other is `bigFolderFiles`, as many as nnn's directory).
    var hugeFolderFiles: Int { quick ? 5_000 : 1_000_000 }
    /// Files in the folder `pail ls` lists.
    static let listedFolderFiles = 5_000

    func browse() throws -> [Figure] {
        let folder = work + "/browse"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? Fixtures.remove(folder) }
        // The same files as a directory, for nnn, and as the folder big/ of a vault, uploaded.
        let directory = folder + "/big"
        try Fixtures.folder(at: directory, files: bigFolderFiles, bytes: 1, random: false)
        let bigRoot = folder + "/root-big"
        try Measure.succeeding([pail, "upload", "-q", directory, "big"], environment: Self.vaultEnvironment(bigRoot))
        try Measure.succeeding([pail, "wait", "--timeout", "3600"], environment: Self.vaultEnvironment(bigRoot))
        let hugeRoot = folder + "/root-huge"
        let built = try Measure.seconds { try Fixtures.vault(items: hugeFolderFiles, root: hugeRoot, folderSize: hugeFolderFiles) }
        let listedRoot = folder + "/root-listed"
        try Fixtures.vault(items: Self.listedFolderFiles, root: listedRoot, folderSize: Self.listedFolderFiles)
        var figures = try openingFolders(directory: directory, bigRoot: bigRoot, hugeRoot: hugeRoot, scratch: folder)
        figures.append(try hugeFolderMemory(root: hugeRoot, built: built))
        figures += try listing(root: listedRoot)
        return figures
    }

    static func vaultEnvironment(_ root: String) -> [String: String] { ["PAIL_ROOT": root, "PAIL_USER": "bench"] }

    /// A tmux server in `scratch` whose programs read no user's settings (config.toml, nnn's folder) and leave
    /// nothing outside it; when tmux is missing, an error if `required`, else nil with a note that `part`'s
    /// figures in tmux are skipped.
    func tmuxServer(in scratch: String, for part: String, required: Bool) throws -> TmuxServer? {
        guard let binary = Executable.find("tmux") else {
            let missing = "\(part) times the UI in a real terminal, and tmux is not installed (apt-get install tmux)"
            guard !required else { throw BenchError(missing) }
            Self.note(missing + ": its figures in tmux are skipped")
            return nil
        }
        let config = scratch + "/config"
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        return try TmuxServer(binary: binary, in: scratch, environment: ["XDG_CONFIG_HOME": config])
    }

    /// `pail --root R --user bench tui` in tmux, from launch until the folder's first file is on the screen,
    /// `l` typed on the folder once the vault's top level shows it; nnn started on the directory itself,
    /// until its first file is on the screen. Alternating, after one untimed launch of each (not with
    /// `--quick`), so every timed one starts from the page cache.
    private func openingFolders(directory: String, bigRoot: String, hugeRoot: String, scratch: String) throws -> [Figure] {
        guard let tmux = try tmuxServer(in: scratch, for: "the browse part", required: !quick) else { return [] }
        defer { tmux.stop() }
        let nnn = BrowseTools.nnn(install: !quick)
        // The first names of Fixtures.folder (the directory) and of the large vault.
        let first = (big: "f000000.txt", huge: Fixtures.vaultFile(0, folderSize: hugeFolderFiles))
        func ui(_ root: String) -> [String] { [pail, "--root", root, "--user", "bench", "tui"] }
        var (base, mine, huge) = ([Double](), [Double](), [Double]())
        for run in (quick ? 1 : 0)...max(runs, 1) {
            let n = try nnn.map { try tmux.launch([$0, directory], shows: first.big) }
            let b = try tmux.launch(ui(bigRoot), shows: first.big, opened: "big/", keys: ["l"])
            let h = try tmux.launch(ui(hugeRoot), shows: first.huge, opened: Fixtures.vaultFolder(0), keys: ["l"])
            guard run > 0 else { continue }
            if let n { base.append(n) }
            mine.append(b)
            huge.append(h)
        }
        let b = base.isEmpty ? nil : Measure.median(base)
        let (bigFiles, hugeFiles) = (Show.count(bigFolderFiles), Show.count(hugeFolderFiles))
        let how = "tmux \(TmuxServer.width)×\(TmuxServer.height), launch to its first file on the screen"
        func figure(_ name: String, _ seconds: Double, baseline: String, target: Double, stated: String) -> Figure {
            Figure(
                name: name, pail: Show.seconds(seconds), baseline: b.map { "\(baseline): \(Show.seconds($0))" },
                ratio: b.map { seconds / $0 },
                target: stated, met: b.map { seconds / $0 <= target },
                numbers: ["pail_seconds": seconds].merging(b.map { ["baseline_seconds": $0] } ?? [:]) { $1 })
        }
        return [
            figure(
                "UI opening a \(bigFiles)-file folder (\(how))", Measure.median(mine), baseline: "nnn on a directory of the same files",
                target: 0.5, stated: "≤ 0.5× nnn's time"),
            figure(
                "UI opening a \(hugeFiles)-file folder (\(how))", Measure.median(huge), baseline: "nnn on the \(bigFiles)-file directory",
                target: 1.0, stated: "≤ 1.0× nnn's time on the \(bigFiles) files"),
        ]
    }

    /// The headless UI's peak resident memory (from `wait4`) opening the largest folder, going to its end,
    /// paging up and down there and going back to the top; the most of `runs` runs.
    private func hugeFolderMemory(root: String, built: Double) throws -> Figure {
        let (first, last) = (
            Fixtures.vaultFile(0, folderSize: hugeFolderFiles), Fixtures.vaultFile(hugeFolderFiles - 1, folderSize: hugeFolderFiles)
        )
        let keys =
            ["key l", "expect \(first)", "key G", "expect \(last)"] + Array(repeating: "key pgup", count: 20)
            + Array(repeating: "key pgdn", count: 20) + ["key home", "expect \(first)"]
        let script = work + "/browse/scroll.txt"
        try keys.joined(separator: "\n").write(toFile: script, atomically: true, encoding: .utf8)
        let headless = [pail, "headless", "--size", "\(TmuxServer.width)x\(TmuxServer.height)", "--delay", "0", "--script", script]
        var peak = Int64(0)
        for _ in 0..<runs { peak = max(peak, try Measure.succeeding(headless, environment: Self.vaultEnvironment(root)).peakBytes) }
        return Figure(
            name: "peak memory of the UI (headless) with a \(Show.count(hugeFolderFiles))-file folder open and scrolled end to end",
            pail: "\(Show.mebibytes(peak)) RSS", baseline: nil, ratio: nil, target: "< 100 MiB", met: peak < 100 << 20,
            numbers: ["peak_bytes": Double(peak), "fixture_seconds": built])
    }

    /// `pail ls` of a folder, as text and as JSON, against `pail --version`, alternating.
    private func listing(root: String) throws -> [Figure] {
        let environment = Self.vaultEnvironment(root)
        let folder = Fixtures.vaultFolder(0)
        let last = Fixtures.vaultFile(Self.listedFolderFiles - 1, folderSize: Self.listedFolderFiles)
        let commands = [[pail, "ls", folder], [pail, "ls", "--json", folder]]
        for command in commands {
            let run = try Measure.succeeding(command, environment: environment)
            guard run.stdout.contains(last) else { throw BenchError("\(command.dropFirst().joined(separator: " ")) does not list \(last)") }
        }
        var (version, text, json) = ([Double](), [Double](), [Double]())
        for _ in 0..<max(runs, 5) {
            version.append(try Measure.succeeding([pail, "--version"]).seconds)
            text.append(try Measure.succeeding(commands[0], environment: environment).seconds)
            json.append(try Measure.succeeding(commands[1], environment: environment).seconds)
        }
        let v = Measure.median(version)
        return [("pail ls", Measure.median(text)), ("pail ls --json", Measure.median(json))].map { command, seconds in
            Figure(
                name: "\(command) of a \(Show.count(Self.listedFolderFiles))-file folder", pail: Show.milliseconds(seconds),
                baseline: "pail --version: \(Show.milliseconds(v))", ratio: seconds / v, target: "≤ 15 ms more than the baseline",
                met: seconds - v <= 0.015, numbers: ["pail_seconds": seconds, "baseline_seconds": v])
        }
    }

    /// A line on standard error about what a run could not do.
    static func note(_ text: String) { FileHandle.standardError.write(Data("pail-bench: note: \(text)\n".utf8)) }
}

/// nnn, the baseline of the browse part.
enum BrowseTools {
    /// nnn's path; when it is missing, Debian's is installed (`apt-get install -y nnn`) if `install` is set
    /// and pail-bench runs as root, otherwise (or if that fails) nil, with a note.
    static func nnn(install: Bool) -> String? {
        if let found = Executable.find("nnn") { return found }
        let skipped = "nnn's figures are skipped (apt-get install nnn)"
        guard install, geteuid() == 0, let aptGet = Executable.find("apt-get") else {
            Figures.note("nnn is not installed: \(skipped)")
            return nil
        }
        Figures.note("nnn is not installed: apt-get install -y nnn")
        let environment = ["DEBIAN_FRONTEND": "noninteractive"]
        let install = { (try? Measure.program([aptGet, "install", "-y", "-q", "nnn"], environment: environment))?.status == 0 }
        // The package lists may be missing or stale (a fresh container): fetched once, then tried again.
        if !install() {
            _ = try? Measure.program([aptGet, "update", "-q"], environment: environment)
            _ = install()
        }
        guard let found = Executable.find("nnn") else {
            Figures.note("nnn could not be installed: \(skipped)")
            return nil
        }
        return found
    }
}

/// Programs on this machine.
enum Executable {
    /// The first `name` on `PATH` or in the usual bin and sbin folders (Debian puts nginx in sbin).
    static func find(_ name: String) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let folders = path + ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]
        return folders.lazy.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
