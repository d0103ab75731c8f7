import Foundation
import Testing

/// README's commands table against the real binary's help: every command `pail --help` lists (and every
/// subcommand of one that has them, as `pail users remove`) has a row, and its row names every option the
/// command's own `--help` lists (by its short name when it has one, as the table writes `-r`), so a new
/// option cannot go undocumented.
@Suite("README commands table")
struct ReadmeCommandsTests {
    /// The options every command takes (README's line above the table names them).
    static let global: Set<String> = ["--root", "--user", "--delay", "--json", "--version", "--help"]

    static func rows() throws -> [String] {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let section = try #require(text.range(of: "\n## Commands\n"))
        let end = text.range(of: "\n## ", range: section.upperBound..<text.endIndex)?.lowerBound ?? text.endIndex
        return text[section.upperBound..<end].split(separator: "\n").map(String.init).filter { $0.hasPrefix("| `pail") }
    }

    /// The names a help text lists under SUBCOMMANDS.
    static func subcommands(_ help: String) -> [String] {
        guard let section = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        return help[section.upperBound...].split(separator: "\n").compactMap { line in
            line.firstMatch(of: /^  ([a-z][a-z-]*)( \(default\))?\s/).map { String($0.output.1) }
        }
    }

    /// The options a help text lists, each by its short name if it has one (`-r`), else its long one.
    static func options(_ help: String) -> Set<String> {
        Set(
            help.split(separator: "\n").compactMap { line in
                line.firstMatch(of: /^  (?:(-[a-zA-Z]), )?(--[a-z][a-z0-9-]*)/).flatMap { match in
                    global.contains(String(match.output.2)) ? nil : String(match.output.1 ?? match.output.2)
                }
            })
    }

    @Test("every command and subcommand has a row naming each of its options")
    func everyCommandAndOptionIsListed() throws {
        let pail = try PailRunner()
        func help(_ path: [String]) throws -> String {
            let result = try pail.run(path + ["--help"])
            #expect(result.succeeded, "\(result)")
            return result.stdout
        }
        let rows = try Self.rows()
        let commands = Self.subcommands(try help([]))
        #expect(commands.contains("cp") && commands.contains("users"), "\(commands)")
        var missing: [String] = []
        for command in commands {
            let subcommands = Self.subcommands(try help([command]))
            for path in subcommands.isEmpty ? [[command]] : subcommands.map({ [command, $0] }) {
                // A row's first cell names the command (`pail users remove NAME`, or `… / users list`).
                let mine = rows.filter { row in
                    let cell = row.components(separatedBy: " | ").first ?? ""  // `\|` inside a cell is no border
                    return cell.contains("pail \(path[0])") && (path.count == 1 || cell.contains("\(path[0]) \(path[1])"))
                }
                guard !mine.isEmpty else {
                    missing.append("no row for pail \(path.joined(separator: " "))")
                    continue
                }
                for option in Self.options(try help(path)).sorted() {
                    // `-r` is not `--root`, `--keep` is not `--keep-both`.
                    let named = try Regex(NSRegularExpression.escapedPattern(for: option) + "(?![a-z-])")
                    if !mine.contains(where: { $0.contains(named) }) { missing.append("pail \(path.joined(separator: " ")) \(option)") }
                }
            }
        }
        #expect(missing.isEmpty, "README's commands table leaves out: \(missing)")
    }
}
