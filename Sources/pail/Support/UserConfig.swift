import Foundation
import PailCore
import PailTUI
import TOMLKit

/// The user's settings, from `config.toml` in `$XDG_CONFIG_HOME/pail` (`~/.config/pail` by default):
///
/// ```toml
/// theme = "light"   # a theme name, or the path of a .toml theme file; --theme overrides it
///
/// [bookmarks."/home/alice/vault".alice]   # the bookmarks of a user of a data root (b and ' in the UI)
/// a = "docs/reports/"
/// ```
///
/// The UI writes the theme chosen with `t` and the bookmarks set with `b` back into the file (`ConfigFile`).
struct UserConfig {
    private static let keys = ["theme", "bookmarks"]

    /// The theme the UI starts with.
    var theme: String?
    /// Bookmarks by data root, then user, then mark: a folder's path.
    var bookmarks: [String: [String: [Character: String]]] = [:]

    init() {}

    /// Reads the settings from `text`; errors name `path` and the line.
    init(text: String, path: String) throws(TOMLFileError) {
        let document = try TOMLDocument(text: text, path: path)
        for key in document.table.keys where !Self.keys.contains(key) {
            throw document.error(at: [key], "unknown setting '\(key)' (\(Self.keys.joined(separator: ", ")))")
        }
        if let value = document.table["theme"] {
            guard let theme = value.string else { throw document.error(at: ["theme"], "theme must be a string, like theme = \"light\"") }
            self.theme = theme
        }
        if let value = document.table["bookmarks"] { bookmarks = try Self.bookmarks(value, in: document) }
    }

    private static func bookmarks(
        _ value: any TOMLValueConvertible, in document: TOMLDocument
    ) throws(TOMLFileError) -> [String: [String: [Character: String]]] {
        let form = "bookmarks are tables of a data root and a user, like [bookmarks.\"/home/alice/vault\".alice] then a = \"docs/\""
        guard let roots = value.table else { throw document.error(at: ["bookmarks"], form) }
        var bookmarks: [String: [String: [Character: String]]] = [:]
        for root in roots.keys {
            guard let users = roots[root]?.table else { throw document.error(at: ["bookmarks", root], form) }
            for user in users.keys {
                guard let marks = users[user]?.table else { throw document.error(at: ["bookmarks", root, user], form) }
                for mark in marks.keys {
                    guard let character = mark.first, mark.count == 1, Bookmarks.canMark(character), let path = marks[mark]?.string else {
                        throw document.error(
                            at: ["bookmarks", root, user, mark],
                            "a bookmark is a letter or a digit set to a folder's path, like a = \"docs/\"")
                    }
                    bookmarks[root, default: [:]][user, default: [:]][character] = path
                }
            }
        }
        return bookmarks
    }

    /// Pail's configuration folder: `$XDG_CONFIG_HOME/pail`, or `~/.config/pail`.
    static var folder: String {
        let configHome = ProcessInfo.processInfo.environment["XDG_CONFIG_HOME"] ?? ""
        return (configHome.hasPrefix("/") ? configHome : HomeFolder.path() + "/.config") + "/pail"
    }

    /// The settings in `<folder>/config.toml`: none without the file; none and a warning naming the file and the line
    /// when it cannot be read or has a mistake.
    static func load(folder: String) -> (config: UserConfig, warning: String?) {
        let path = folder + "/config.toml"
        guard FileManager.default.fileExists(atPath: path) else { return (UserConfig(), nil) }
        guard let data = FileManager.default.contents(atPath: path) else { return (UserConfig(), "Cannot read \(path)") }
        do {
            return (try UserConfig(text: String(decoding: data, as: UTF8.self), path: path), nil)
        } catch {
            return (UserConfig(), error.description)
        }
    }
}
