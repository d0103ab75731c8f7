import ArgumentParser
import Foundation
import Logging
import PailCore

/// `pail`: the command line of the Pail file vault.
@main
struct Pail: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pail",
        abstract: "A file vault with the serverless file-manager architecture, on your own machine.",
        discussion: """
            The data root is --root, else $PAIL_ROOT, else $XDG_DATA_HOME/pail (~/.local/share/pail).
            The user is --user, else $PAIL_USER, else $USER; a user's first use creates them.
            Errors print as `error: <Code>: <message>` and exit non-zero.
            """,
        version: PailVersion.string,
        subcommands: [
            UploadCommand.self, PresignCommand.self, PutURLCommand.self, GetURLCommand.self, FetchCommand.self,
            ListCommand.self, FindCommand.self, DiskUsageCommand.self, RemoveCommand.self, MoveCommand.self, CopyCommand.self,
            VersionsCommand.self,
            RestoreCommand.self,
            TrashCommand.self, PurgeCommand.self, QuotaCommand.self, EventsCommand.self,
            ExecutionsCommand.self, WaitCommand.self, UsersCommand.self, ShareCommand.self, CheckCommand.self,
            CredentialsCommand.self, ServeCommand.self, TUICommand.self, HeadlessCommand.self,
        ],
        defaultSubcommand: TUICommand.self
    )

    static func main() {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["PAIL_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
            return handler
        }
        let json = CommandLine.arguments.contains("--json")
        if let bad = CommandLine.firstNonUTF8Argument {
            fail(PailError(.invalidArgument, "Argument \(bad) is not valid UTF-8"), json: json)
        }
        let arguments = GlobalOptions.movedAfterCommand(Array(CommandLine.arguments.dropFirst()))
        // argument-parser answers `--version` and `--help` wherever they stand, even after a word that is no
        // command; such a word is an error first.
        if let first = arguments.first, !first.hasPrefix("-"), !commandNames.contains(first) {
            fail(PailError(.invalidArgument, "Unknown command '\(first)' (see `pail help`)"), json: json)
        }
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            // --help and --version end here too; usage mistakes are reported like every other error.
            guard exitCode(for: error) != .success else { exit(withError: error) }
            fail(PailError(.invalidArgument, message(for: error) + " (see `pail help`)"), json: json)
        }
        do {
            try command.run()
            try Output.flushStandardOutput()
        } catch let error as PailError {
            fail(error, json: json)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)  // the command has reported already
        } catch {
            guard exitCode(for: error) != .success else { exit(withError: error) }  // `pail help`
            fail(PailError(.internalError, String(describing: error)), json: json)
        }
    }

    /// The words that may start a command line: each command's name and its aliases, and `help`.
    private static var commandNames: Set<String> {
        var names: Set<String> = ["help"]
        for command in configuration.subcommands {
            names.insert(command._commandName)
            names.formUnion(command.configuration.aliases)
        }
        return names
    }

    private static func fail(_ error: PailError, json: Bool) -> Never {
        CommandFailure.report(error, json: json)
        Foundation.exit(CommandFailure.exitCode)
    }
}

extension CommandLine {
    /// The position of the first argument whose bytes are not UTF-8 (Swift would silently repair it).
    static var firstNonUTF8Argument: Int? {
        (1..<Int(argc)).first { index in
            guard let pointer = unsafeArgv[index] else { return false }
            return String(validatingCString: pointer) == nil
        }
    }
}
