import ArgumentParser
import Foundation
import PailCore

/// The options every command takes: where the data root is, who the user is, the consistency delay.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The data root.", valueName: "dir"))
    var root: String?

    @Option(name: .long, help: ArgumentHelp("The user whose vault to use.", valueName: "name"))
    var user: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("Hold each event this many milliseconds before delivery (default $PAIL_DELAY_MS or 0).", valueName: "ms"))
    var delay: Int?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    /// `pail --root DIR upload …` → `pail upload … --root DIR`: global options may come before the command
    /// (as the contract writes them); the parser reads them where each command declares them.
    static func movedAfterCommand(_ arguments: [String]) -> [String] {
        let withValue: Set<String> = ["--root", "--user", "--delay"]
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
            if withValue.contains(argument), index + 1 < arguments.count {
                leading += arguments[index...index + 1]
                index += 2
            } else if withValue.contains(name) || argument == "--json" {
                leading.append(argument)
                index += 1
            } else {
                break
            }
        }
        var rest = Array(arguments[index...])
        guard !leading.isEmpty, !rest.isEmpty else { return arguments }
        rest.insert(contentsOf: leading, at: rest.firstIndex(of: "--") ?? rest.count)
        return rest
    }

    /// The data root: --root, $PAIL_ROOT, $XDG_DATA_HOME/pail, ~/.local/share/pail.
    var rootPath: String {
        let environment = ProcessInfo.processInfo.environment
        if let root, !root.isEmpty { return root }
        if let root = environment["PAIL_ROOT"], !root.isEmpty { return root }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty { return data + "/pail" }
        return HomeFolder.path() + "/.local/share/pail"
    }

    /// The user: --user, $PAIL_USER, $USER, the account name.
    var userName: String {
        let environment = ProcessInfo.processInfo.environment
        for candidate in [user, environment["PAIL_USER"], environment["USER"]] {
            if let candidate, !candidate.isEmpty { return candidate }
        }
        return NSUserName()
    }

    /// The consistency delay: --delay, else $PAIL_DELAY_MS, else `defaultMilliseconds`.
    func delaySeconds(defaultMilliseconds: Int = 0) throws -> TimeInterval {
        let text = delay.map(String.init) ?? ProcessInfo.processInfo.environment["PAIL_DELAY_MS"] ?? String(defaultMilliseconds)
        guard let milliseconds = Int(text), milliseconds >= 0 else {
            throw PailError(.invalidArgument, "The delay must be a whole number of milliseconds, not '\(text)'")
        }
        return TimeInterval(milliseconds) / 1000
    }

    /// How this invocation runs the engine: the consistency delay, and the faults `$PAIL_CHAOS` asks for.
    func engineOptions(defaultDelayMilliseconds: Int = 0, deliverInBackground: Bool) throws -> EngineOptions {
        EngineOptions(
            delay: try delaySeconds(defaultMilliseconds: defaultDelayMilliseconds), deliverInBackground: deliverInBackground,
            chaos: try Chaos.fromEnvironment())
    }

    /// Opens the engine for a short-lived command (no background delivery), first delivering the events an
    /// earlier process left due, so that even a read-only command shows an up-to-date inventory.
    func openEngine() throws -> Engine {
        let engine = try Engine.open(root: rootPath, options: try engineOptions(deliverInBackground: false))
        engine.deliverDueEvents()
        return engine
    }

    /// Opens the engine for a command that only reads the user's files: without the writer's set-up when the
    /// root allows it (`Engine.openForReading`), else as `openEngine` does (a new root or user, a migration,
    /// events due).
    func openEngineForReading() throws -> Engine {
        try Engine.openForReading(root: rootPath, user: userName, options: try engineOptions(deliverInBackground: false))
            ?? openEngine()
    }
}

extension Engine {
    /// Delivers the events already due, for at most 2 s: after a command changed something (with no delay,
    /// the change is in the inventory when the command returns); events held for the delay stay pending.
    func deliverDueEvents() {
        // A failure here is the database's own; the events stay pending and the next process delivers them.
        try? deliverDue(budget: 2)
    }
}
