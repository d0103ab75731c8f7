import ArgumentParser
import Foundation
import PailCore
import PailTUI

/// The options of the two ways to run the UI.
struct UIOptions: ParsableArguments {
    /// The UI's consistency delay unless --delay or $PAIL_DELAY_MS says otherwise.
    static let defaultDelayMilliseconds = 500

    @Option(
        help: ArgumentHelp("The theme: a name from the themes folders or a .toml file (default: theme in config.toml).", valueName: "name"))
    var theme: String?

    @Argument(
        help: ArgumentHelp(
            "A vault path to open the UI at: a folder is opened, a file selected (default: the top).", valueName: "path"))
    var path: String?

    /// Opens the engine with background delivery and builds the app for a terminal with `colors` colours.
    func makeApp(_ global: GlobalOptions, colors: Int) throws -> (PailApp, Engine) {
        let options = try global.engineOptions(defaultDelayMilliseconds: Self.defaultDelayMilliseconds, deliverInBackground: true)
        let engine = try Engine.open(root: global.rootPath, options: options)
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        let configFolder = UserConfig.folder
        let (config, warning) = UserConfig.load(folder: configFolder)
        let app = PailApp(
            engine: engine, user: global.userName, delay: options.delay, themes: ThemeLibrary.standard(configFolder: configFolder).choice,
            themeName: theme ?? config.theme, colors: colors, noColor: noColor, warning: warning, config: ConfigFile(folder: configFolder),
            bookmarks: config.bookmarks[engine.root] ?? [:], startPath: path)
        return (app, engine)
    }
}

/// `pail` and `pail tui`: the terminal UI on the real terminal.
struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui", abstract: "The terminal UI (what `pail` alone runs): your tree, quota and pending events.",
        discussion: "Keys: press ? in the UI. While the UI runs, warnings and logs ($PAIL_LOG) go to <root>/tui.log.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ui: UIOptions

    func run() throws {
        let terminal = try NcursesTerminal()
        let app: PailApp
        let engine: Engine
        let log: StandardErrorLog
        do {
            (app, engine) = try ui.makeApp(global, colors: terminal.colors)
            log = try StandardErrorLog(appendingTo: engine.root + "/tui.log")
        } catch {
            terminal.restore()
            throw error
        }
        AppLoop.run(app, on: terminal)
        log.restore()
        engine.close()
    }
}

struct HeadlessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "headless", abstract: "Run the UI on an in-memory screen, driven by a script (stdin without --script).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var ui: UIOptions
    @Option(help: ArgumentHelp("The screen size.", valueName: "COLSxROWS")) var size = "100x30"
    @Option(help: ArgumentHelp("The script to run; standard input without it.", valueName: "file")) var script: String?
    @Flag(help: "Print frame render times (count, p50, p99, max) to stderr at the end.") var stats = false

    func run() throws {
        let parts = size.split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts.allSatisfy({ $0 > 0 && $0 <= 1000 }) else {
            throw PailError(.invalidArgument, "The size must be COLSxROWS (e.g. 100x30), not '\(size)'")
        }
        let text: String
        if let script {
            guard let data = FileManager.default.contents(atPath: script) else {
                throw PailError(.localFileError, "Cannot read the script \(script)")
            }
            text = String(decoding: data, as: UTF8.self)
        } else {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        let parsed: HeadlessScript
        do {
            parsed = try HeadlessScript(text)
        } catch {
            throw PailError(.invalidArgument, "\(script ?? "stdin"):\(error.line): \(error.message)")
        }
        if let nested = parsed.lines.first(where: Self.startsTheUI) {
            throw PailError(
                .invalidArgument,
                "\(script ?? "stdin"):\(nested.number): a script cannot start the UI again (run headless or run tui): it would run without end"
            )
        }
        let terminal = MemoryTerminal(width: parts[0], height: parts[1])
        let (app, engine) = try ui.makeApp(global, colors: terminal.colors)
        let delayMilliseconds = Int(try global.delaySeconds(defaultMilliseconds: UIOptions.defaultDelayMilliseconds) * 1000)
        let scope = ["--root", global.rootPath, "--user", global.userName, "--delay", String(delayMilliseconds)]
        let runner = HeadlessRunner(
            app: app, terminal: terminal, engine: engine, runCommand: { try PailProcess.run(scope + $0) },
            print: { Swift.print($0) }, printError: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
        let status = runner.run(parsed)
        engine.close()
        if stats { FileHandle.standardError.write(Data((FrameStats(runner.frameSeconds).description + "\n").utf8)) }
        if status != 0 { throw ExitCode(status) }
    }
}

extension HeadlessCommand {
    /// Whether a script line runs `pail headless` or `pail tui` (global options may come first).
    static func startsTheUI(_ line: HeadlessScript.Line) -> Bool {
        guard case .run(let arguments) = line.command else { return false }
        return ["headless", "tui"].contains(GlobalOptions.movedAfterCommand(arguments).first)
    }
}

/// Frame render times summarised: `frames 1001  p50 0.41 ms  p99 0.93 ms  max 2.10 ms`.
struct FrameStats: CustomStringConvertible {
    let sorted: [Double]

    init(_ seconds: [Double]) { sorted = seconds.sorted() }

    private func percentile(_ fraction: Double) -> Double {
        sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
    }

    var description: String {
        let milliseconds = { (value: Double) in String(format: "%.2f ms", value * 1000) }
        return
            "frames \(sorted.count)  p50 \(milliseconds(percentile(0.5)))  p99 \(milliseconds(percentile(0.99)))  max \(milliseconds(sorted.last ?? 0))"
    }
}

/// Runs this same `pail` binary as a separate process.
enum PailProcess {
    static func run(_ arguments: [String]) throws -> HeadlessRunner.CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = arguments
        let outputs = (stdout: Pipe(), stderr: Pipe())
        process.standardOutput = outputs.stdout
        process.standardError = outputs.stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes to the end on their own threads, so a chatty command never blocks on a full pipe.
        let group = DispatchGroup()
        let collected = CollectedOutput()
        for (index, pipe) in [outputs.stdout, outputs.stderr].enumerated() {
            DispatchQueue.global().async(group: group) {
                collected.set(index, pipe.fileHandleForReading.readDataToEndOfFile())
            }
        }
        process.waitUntilExit()
        group.wait()
        return HeadlessRunner.CommandResult(
            status: process.terminationStatus, stdout: String(decoding: collected.get(0), as: UTF8.self),
            stderr: String(decoding: collected.get(1), as: UTF8.self))
    }
}

/// Two outputs filled from two threads.
private final class CollectedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var data = [Data(), Data()]

    func set(_ index: Int, _ value: Data) { lock.withLock { data[index] = value } }
    func get(_ index: Int) -> Data { lock.withLock { data[index] } }
}
