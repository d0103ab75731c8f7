/// A headless script: one command a line, `#` starts a comment.
///
/// ```
/// run upload ./a.txt docs/a.txt
/// wait-idle
/// key l
/// expect a.txt
/// ```
public struct HeadlessScript: Sendable, Equatable {
    /// One line of a script.
    public enum Command: Sendable, Equatable {
        case key(Key)
        case type(String)
        case waitIdle(seconds: Double)
        case sleep(milliseconds: Int)
        case resize(width: Int, height: Int)
        case screen
        case expect(String)
        case expectNot(String)
        /// A `pail` command line, run as a separate process on the same root and user.
        case run([String])
    }

    /// A command and the line it came from.
    public struct Line: Sendable, Equatable {
        public let number: Int
        public let command: Command
    }

    public let lines: [Line]

    /// The longest `wait-idle` unless the script says otherwise.
    public static let defaultIdleTimeout = 30.0

    /// Parses a script; errors name the line (`line 3: unknown key 'foo'`).
    public init(_ text: String) throws(HeadlessScriptError) {
        var lines: [Line] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = raw.trimmingPrefix { $0 == " " || $0 == "\t" }
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let (word, rest) = Self.splitWord(String(line))
            func fail(_ message: String) -> HeadlessScriptError { HeadlessScriptError(line: number, message: message) }
            let command: Command
            switch word {
            case "key":
                guard let key = Key(name: rest) else { throw fail("unknown key '\(rest)' (try j, enter, esc, up, f5, ctrl-d)") }
                command = .key(key)
            case "type":
                guard !rest.isEmpty else { throw fail("type needs text") }
                command = .type(rest)
            case "wait-idle":
                guard rest.isEmpty || Double(rest).map({ $0 > 0 }) == true else { throw fail("wait-idle takes seconds, not '\(rest)'") }
                command = .waitIdle(seconds: Double(rest) ?? Self.defaultIdleTimeout)
            case "sleep":
                guard let milliseconds = Int(rest), milliseconds >= 0 else { throw fail("sleep takes milliseconds, not '\(rest)'") }
                command = .sleep(milliseconds: milliseconds)
            case "resize":
                let parts = rest.split(separator: "x").compactMap { Int($0) }
                guard parts.count == 2, parts.allSatisfy({ $0 > 0 && $0 <= 1000 }) else {
                    throw fail("resize takes COLSxROWS, not '\(rest)'")
                }
                command = .resize(width: parts[0], height: parts[1])
            case "screen":
                guard rest.isEmpty else { throw fail("screen takes nothing") }
                command = .screen
            case "expect":
                guard !rest.isEmpty else { throw fail("expect needs text") }
                command = .expect(rest)
            case "expect-not":
                guard !rest.isEmpty else { throw fail("expect-not needs text") }
                command = .expectNot(rest)
            case "run":
                let arguments = try Self.words(rest, line: number)
                guard !arguments.isEmpty else { throw fail("run needs a pail command") }
                command = .run(arguments)
            default:
                throw fail("unknown command '\(word)' (key, type, wait-idle, sleep, resize, screen, expect, expect-not, run)")
            }
            lines.append(Line(number: number, command: command))
        }
        self.lines = lines
    }

    private static func splitWord(_ line: String) -> (String, String) {
        guard let space = line.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return (line, "") }
        let rest = line[space...].drop { $0 == " " || $0 == "\t" }
        var trimmed = String(rest)
        while trimmed.last == " " || trimmed.last == "\t" || trimmed.last == "\r" { trimmed.removeLast() }
        return (String(line[..<space]), trimmed)
    }

    /// Splits a `run` line into arguments as a shell would: spaces separate, quotes ('…' and "…") group,
    /// a backslash escapes the next character.
    static func words(_ text: String, line: Int) throws(HeadlessScriptError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\", quote != "'" {
                escaped = true
                inWord = true
            } else if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if quote != nil || escaped { throw HeadlessScriptError(line: line, message: "unterminated quote or escape") }
        if inWord { words.append(current) }
        return words
    }
}

/// A script line that cannot be read.
public struct HeadlessScriptError: Error, Sendable, Equatable {
    public let line: Int
    public let message: String
}
