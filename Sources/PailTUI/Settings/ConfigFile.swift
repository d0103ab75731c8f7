import Foundation
import PailCore
import TOMLKit

/// Writes a setting the UI remembers (the theme chosen with `t`, a bookmark) into the user's `config.toml`, keeping
/// everything else in it as written, comments included: only the setting's own line changes (or is added
/// to its table). The file is replaced whole and under a lock (`SettingsFile`), and a file that does not
/// parse is never overwritten.
///
/// ```swift
/// try ConfigFile(folder: "/home/alice/.config/pail").set(["theme"], to: "light")
/// try ConfigFile(folder: "/home/alice/.config/pail").set(["bookmarks", "/data/vault", "alice", "a"], to: "docs/")
/// ```
public struct ConfigFile: Sendable {
    /// The folder the file is in (made if missing).
    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    public var path: String { folder + "/config.toml" }

    /// Sets the string setting at `keyPath` (`["theme"]`, or a table's key: `["bookmarks", root, user, "a"]`)
    /// to `value`. Throws `LocalFileError` if the file cannot be read or written, or has a mistake (it is then
    /// left as it is).
    public func set(_ keyPath: [String], to value: String) throws {
        try change(keyPath, to: value) { Self.setting(keyPath, to: value, in: $0) }
    }

    /// Removes the setting at `keyPath` (a bookmark), if the file has it; throws as `set` does.
    public func remove(_ keyPath: [String]) throws {
        try change(keyPath, to: nil) { Self.removing(keyPath, in: $0) }
    }

    /// Rewrites the file with `edit`, if it parses before and has `keyPath` set to `value` (nil: unset) after.
    private func change(_ keyPath: [String], to value: String?, _ edit: (String) -> String) throws {
        try SettingsFile(path: path).update { data in
            let text = data.map { String(decoding: $0, as: UTF8.self) } ?? ""
            let name = keyPath.joined(separator: ".")
            let verb = value == nil ? "forgotten" : "remembered"
            do {
                _ = try TOMLDocument(text: text, path: path)
            } catch {
                throw PailError(.localFileError, "\(String(describing: error)); fix it to have \(name) \(verb) (the file was not changed)")
            }
            let updated = edit(text)
            var node: (any TOMLValueConvertible)? = try? TOMLTable(string: updated)
            for key in keyPath { node = node?.table?[key] }
            guard (try? TOMLTable(string: updated)) != nil, node?.string == value else {
                let doing = value == nil ? "remove \(name) from" : "write \(name) into"
                throw PailError(.localFileError, "Cannot \(doing) \(path) as it is written there (the file was not changed)")
            }
            return Data(updated.utf8)
        }
    }

    /// `text` without the line setting `keyPath`'s last key in its table (as `setting` finds it).
    static func removing(_ keyPath: [String], in text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard let section = section(of: keyPath, in: lines),
            let index = lines[section].firstIndex(where: { sets(keyPath.last ?? "", $0) })
        else { return text }
        lines.remove(at: index)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The lines of `keyPath`'s table (without its header), nil if it has none.
    private static func section(of keyPath: [String], in lines: [String]) -> Range<Int>? {
        let isHeader = { (line: String) in line.drop { $0 == " " || $0 == "\t" }.hasPrefix("[") }
        guard keyPath.count > 1 else { return 0..<(lines.firstIndex(where: isHeader) ?? lines.count) }
        let header = "[" + keyPath.dropLast().map(Self.key).joined(separator: ".") + "]"
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == header }) else { return nil }
        return (start + 1)..<(lines[(start + 1)...].firstIndex(where: isHeader) ?? lines.count)
    }

    /// `text` with the line `key = "value"` for `keyPath`'s last key in place of the one setting it in its
    /// table (`keyPath` without its last key; none for the top level), or added to that table: before the
    /// first table at the top level, at the end of the table's section, or in a new section at the end.
    static func setting(_ keyPath: [String], to value: String, in text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let key = keyPath.last ?? ""
        let line = "\(Self.key(key)) = \(quoted(value))"
        guard let section = section(of: keyPath, in: lines) else {
            if let last = lines.last, !last.isEmpty { lines.append("") }
            let header = "[" + keyPath.dropLast().map(Self.key).joined(separator: ".") + "]"
            return (lines + [header, line]).joined(separator: "\n") + "\n"
        }
        if let index = lines[section].firstIndex(where: { sets(key, $0) }) {
            lines[index] = line
        } else {
            var end = section.upperBound
            if keyPath.count > 1 {
                while end > section.lowerBound, lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
            }
            lines.insert(line, at: end)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A key as TOML writes it: bare when it can be, else quoted.
    static func key(_ name: String) -> String {
        let bare =
            !name.isEmpty
            && name.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-")
            }
        return bare ? name : quoted(name)
    }

    /// Whether a line sets the top-level `key` (`key = …`, `"key" = …`).
    private static func sets(_ key: String, _ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard let equals = trimmed.firstIndex(of: "="), !trimmed.hasPrefix("#") else { return false }
        return trimmed[..<equals].trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'")) == key
    }

    /// A TOML basic string.
    static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
