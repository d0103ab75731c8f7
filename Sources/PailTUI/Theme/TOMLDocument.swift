import Foundation
import TOMLKit

/// A TOML file parsed with TOMLKit, which can say on which line a key is written. TOMLKit gives a position
/// for syntax errors only, so errors about a value find its line in the text.
///
/// ```swift
/// let document = try TOMLDocument(text: text, path: "config.toml")
/// guard document.table["theme"]?.string != nil else { throw document.error(at: ["theme"], "theme must be a string") }
/// ```
public struct TOMLDocument {
    /// The file as errors name it.
    public let path: String
    /// The parsed document.
    public let table: TOMLTable
    private let text: String

    /// Parses `text`; a syntax error names `path`, the line and the column.
    public init(text: String, path: String) throws(TOMLFileError) {
        self.path = path
        self.text = text
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw TOMLFileError(path: path, line: error.source.begin.line, column: error.source.begin.column, message: error.description)
        } catch {
            throw TOMLFileError(path: path, line: 1, column: nil, message: "\(error)")
        }
    }

    /// An error at the line where `keyPath` (`["styles", "folder", "fg"]`) is written, or else the nearest
    /// enclosing key or table that is; line 1 when none is (a missing key).
    public func error(at keyPath: [String], _ message: String) -> TOMLFileError {
        TOMLFileError(path: path, line: line(of: keyPath), column: nil, message: message)
    }

    private func line(of keyPath: [String]) -> Int {
        var table: [String] = []
        var best = (line: 1, depth: 0)
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            let written: [String]
            if line.hasPrefix("[") {
                table = Self.keyParts(line.prefix { $0 != "]" }.drop { $0 == "[" })
                written = table
            } else if !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") {
                written = table + Self.keyParts(line[..<equals])
            } else {
                continue
            }
            let depth = zip(written, keyPath).prefix { $0 == $1 }.count
            if depth == written.count, depth > best.depth { best = (index + 1, depth) }
        }
        return best.line
    }

    /// `a."b c".d` → `["a", "b c", "d"]`.
    private static func keyParts(_ key: Substring) -> [String] {
        key.split(separator: ".").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'")) }
    }
}

/// A mistake in a TOML file and where it is: `themes/light.toml:12: unknown colour 'bluu' for folder.fg`.
public struct TOMLFileError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let line: Int
    /// Known for syntax errors only.
    public let column: Int?
    public let message: String

    public init(path: String, line: Int, column: Int?, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(path):\(line)\(column.map { ":\($0)" } ?? ""): \(message)" }
}
