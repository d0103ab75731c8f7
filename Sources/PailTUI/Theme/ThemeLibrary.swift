import Foundation

/// Where themes come from: `.toml` theme files in folders searched in order (the first folder wins on a name
/// clash), and the built-in default, which is there even without any folder.
///
/// ```swift
/// let library = ThemeLibrary.standard(configFolder: NSHomeDirectory() + "/.config/pail")
/// library.names                                // ["default", "high-contrast", "light", "mono"]
/// let (theme, warning) = library.load("light")  // or library.load("/home/alice/mine.toml")
/// ```
public struct ThemeLibrary: Sendable {
    /// The folders searched, in order.
    public let folders: [String]

    public init(folders: [String]) {
        self.folders = folders
    }

    /// The user's own themes (`<configFolder>/themes`), then the `themes` folder shipped with this executable.
    public static func standard(configFolder: String) -> ThemeLibrary {
        ThemeLibrary(folders: [configFolder + "/themes"] + [shippedFolder(executable: "/proc/self/exe")].compactMap { $0 })
    }

    /// The `themes` folder shipped with Pail: `themes` or `share/pail/themes` next to the executable's real path or in
    /// one of its first ancestors (so `.build/<triple>/release/pail` finds the checkout's `themes/`, and an installed
    /// `<prefix>/bin/pail` finds `<prefix>/share/pail/themes`).
    static func shippedFolder(executable: String) -> String? {
        var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            for candidate in ["themes", "share/pail/themes"].map({ folder.appendingPathComponent($0).path }) {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), isFolder.boolValue { return candidate }
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    /// Every theme's name: `default` first, then the others alphabetically.
    public var names: [String] {
        let files = folders.flatMap { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] }
        let found = Set(files.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) })
        return ["default"] + found.subtracting(["default"]).sorted()
    }

    /// A theme by name, or by the path of a `.toml` file; a theme that cannot be found, read or parsed gives the
    /// built-in default and a warning saying why.
    public func load(_ nameOrPath: String) -> (theme: Theme, warning: String?) {
        let path: String
        if nameOrPath.hasSuffix(".toml") || nameOrPath.contains("/") {
            path = nameOrPath
        } else if let found = folders.map({ "\($0)/\(nameOrPath).toml" }).first(where: FileManager.default.fileExists(atPath:)) {
            path = found
        } else if nameOrPath == "default" {
            return (.builtIn, nil)
        } else {
            return (.builtIn, "No theme '\(nameOrPath)' (\(names.joined(separator: ", "))); using default")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return (.builtIn, "Cannot read the theme file \(path); using default")
        }
        do {
            return (try ThemeFile.parse(String(decoding: data, as: UTF8.self), path: path), nil)
        } catch {
            return (.builtIn, error.description)
        }
    }

    /// The themes as `PailApp` takes them.
    public var choice: PailApp.ThemeChoice {
        PailApp.ThemeChoice(names: names) { load($0) }
    }
}
