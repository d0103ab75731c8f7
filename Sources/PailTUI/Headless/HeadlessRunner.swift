import Foundation
import PailCore

/// Runs a headless script against the real app on an in-memory screen.
///
/// `screen` prints the screen; a failed `expect` prints the screen and stops with status 1.
public final class HeadlessRunner {
    /// What running a `pail` command line gave: its exit status and output.
    public struct CommandResult: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String

        public init(status: Int32, stdout: String, stderr: String) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    private let app: PailApp
    private let terminal: MemoryTerminal
    private let engine: Engine
    private let runCommand: ([String]) throws -> CommandResult
    private let print: (String) -> Void
    private let printError: (String) -> Void

    /// - Parameters:
    ///   - runCommand: runs a `pail` command line as its own process on the same root and user.
    ///   - print: writes to standard output; `printError` to standard error.
    public init(
        app: PailApp, terminal: MemoryTerminal, engine: Engine, runCommand: @escaping ([String]) throws -> CommandResult,
        print: @escaping (String) -> Void, printError: @escaping (String) -> Void
    ) {
        self.app = app
        self.terminal = terminal
        self.engine = engine
        self.runCommand = runCommand
        self.print = print
        self.printError = printError
    }

    /// Runs the script; returns the exit status (0, or 1 at the first failure).
    public func run(_ script: HeadlessScript) -> Int32 {
        app.start(on: terminal)
        defer { app.stop() }
        settle(timeout: 10)
        for line in script.lines {
            if let failure = execute(line.command) {
                printError("error: \(failure.code): line \(line.number): \(failure.message)")
                print(screenText)
                return 1
            }
            if app.wantsQuit { break }
        }
        return 0
    }

    /// The screen as `screen` prints it and `expect` reads it, with the selected row marked for scripts: a `>`
    /// in column 0 of the tree's selected row (a blank column on a real terminal, where colour shows it), or
    /// `»` where that row is in the selection (column 0 shows `●` there).
    private var screenText: String {
        var grid = terminal.screen
        if let y = app.selectedRow(in: AppLayout(width: grid.width, height: grid.height)), y < grid.height, grid.width > 0 {
            grid[0, y].character = grid[0, y].character == "●" ? "»" : ">"
        }
        return grid.text
    }

    private struct Failure {
        let code: String
        let message: String
    }

    private func execute(_ command: HeadlessScript.Command) -> Failure? {
        switch command {
        case .key(let key):
            terminal.send(.key(key))
            settleReload(timeout: 10)
        case .type(let text):
            for character in text { terminal.send(.key(.character(character))) }
            settleReload(timeout: 10)
        case .sleep(let milliseconds):
            let end = Date().addingTimeInterval(Double(milliseconds) / 1000)
            while Date() < end { pump(waiting: 0.01) }
        case .resize(let width, let height):
            terminal.send(.resize(width: width, height: height))
            pump()
        case .screen:
            pump()
            print(screenText)
        case .expect(let text):
            pump()
            if !screenText.contains(text) { return Failure(code: "ExpectationFailed", message: "'\(text)' is not on the screen") }
        case .expectNot(let text):
            pump()
            if screenText.contains(text) { return Failure(code: "ExpectationFailed", message: "'\(text)' is on the screen") }
        case .waitIdle(let seconds):
            if !settle(timeout: seconds) {
                let pending: String
                do {
                    pending = "\(Plural.count(try engine.liveEventCount(), "event")) pending"
                } catch {
                    pending = "the pending events cannot be counted: \(PailError.wrapping(error).message)"
                }
                return Failure(code: "Timeout", message: "still busy after \(seconds) s (\(pending))")
            }
        case .run(let arguments):
            do {
                let result = try runCommand(arguments)
                if !result.stdout.isEmpty { print(result.stdout.hasSuffix("\n") ? String(result.stdout.dropLast()) : result.stdout) }
                guard result.status == 0 else {
                    let message = result.stderr.split(separator: "\n").last.map(String.init) ?? "exit status \(result.status)"
                    return Failure(code: "CommandFailed", message: "run \(arguments.joined(separator: " ")): \(message)")
                }
            } catch {
                return Failure(code: "CommandFailed", message: "run \(arguments.joined(separator: " ")): \(error)")
            }
            // The other process changed the root: show it now rather than at the next change poll.
            app.requestReload()
            settleReload(timeout: 10)
        }
        return nil
    }

    /// Takes queued input and background messages, and draws a frame; with nothing to take, first waits up
    /// to `waiting` for a background message.
    private func pump(waiting: TimeInterval = 0) {
        if waiting > 0, !app.processMessages() { app.waitForMessages(timeout: waiting) }
        while let input = terminal.nextInput(timeout: 0, wakeUp: nil) { app.handle(input) }
        app.processMessages()
        let started = DispatchTime.now().uptimeNanoseconds
        let frame = app.render(width: terminal.size.width, height: terminal.size.height)
        frameSeconds.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        terminal.draw(frame)
    }

    /// How long each frame took to render, in order.
    public private(set) var frameSeconds: [Double] = []

    /// Pumps until the reload and the preview read under way (if any) have landed, so a step sees what it caused.
    private func settleReload(timeout: TimeInterval) {
        let deadline = Date().addingTimeInterval(timeout)
        repeat { pump(waiting: 0.005) } while (app.isReloading || app.isReadingPreview) && Date() < deadline
    }

    /// Waits until no task or reload is running and no event is pending, then draws what that looks like.
    @discardableResult
    private func settle(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            pump(waiting: 0.01)
            guard !app.isBusy else { continue }
            // An unreadable count is not idle: the wait runs out, and its failure says why.
            if (try? engine.liveEventCount()) == 0 {
                // One last reload, so the screen shows the settled state.
                app.requestReload()
                settleReload(timeout: max(0.1, deadline.timeIntervalSinceNow))
                if app.pendingEventCount == 0 { return true }
            }
        }
        return false
    }
}
