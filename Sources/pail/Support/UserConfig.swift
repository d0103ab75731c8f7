import Foundation
import PailCore
import PailTUI
import TOMLKit

/// The user's settings, from `config.toml` in `$XDG_CONFIG_HOME/pail` (`~/.config/pail` by default):
///
/// ```toml
/// theme = "light"   # a theme name, or the path of a .toml theme file; --theme overrides it
/// ```
struct UserConfig {
    private static let keys = ["theme"]

    /// The theme the UI starts with.
    var theme: String?

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
