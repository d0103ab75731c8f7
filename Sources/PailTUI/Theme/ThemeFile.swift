import Foundation
import TOMLKit

/// Reads the text of a theme file into a `Theme`; `themes/default.toml` describes the format. Errors name the
/// file and the line: `themes/light.toml:12: unknown colour 'bluu' for folder.fg`.
///
/// ```swift
/// let theme = try ThemeFile.parse(text, path: "themes/light.toml")   // must say name = "light"
/// ```
public enum ThemeFile {
    private static let topKeys = ["name", "description", "styles"]
    private static let flags: [(key: String, path: WritableKeyPath<Style, Bool> & Sendable)] = [
        ("bold", \.bold), ("dim", \.dim), ("italic", \.italic), ("underline", \.underline), ("reverse", \.reverse),
    ]

    /// Parses a theme file's text; `path` names the file in errors, and its base name is the `name` the file must declare.
    public static func parse(_ text: String, path: String) throws(TOMLFileError) -> Theme {
        let document = try TOMLDocument(text: text, path: path)
        let table = document.table
        for key in table.keys where !topKeys.contains(key) {
            throw document.error(at: [key], "unknown key '\(key)' (\(topKeys.joined(separator: ", ")))")
        }
        let expected = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        guard let name = table["name"]?.string, name == expected else {
            throw document.error(at: ["name"], "the theme needs name = \"\(expected)\", as the file is called")
        }
        if let description = table["description"], description.string == nil {
            throw document.error(at: ["description"], "description must be a string")
        }
        var styles: [Theme.Role: Style] = [:]
        if let value = table["styles"] {
            guard let roles = value.table else { throw document.error(at: ["styles"], "styles must be a table: [styles]") }
            for key in roles.keys {
                guard let role = Theme.Role(rawValue: key) else {
                    throw document.error(at: ["styles", key], "unknown style role '\(key)'")
                }
                styles[role] = try style(roles[key], role: key, in: document)
            }
        }
        return Theme(name: name, styles: styles)
    }

    private static func style(_ value: TOMLValueConvertible?, role: String, in document: TOMLDocument) throws(TOMLFileError) -> Style {
        guard let attributes = value?.table else {
            throw document.error(at: ["styles", role], "\(role) must be a table, like \(role) = { fg = \"blue\" }")
        }
        var style = Style()
        for key in attributes.keys {
            let value = attributes[key]
            let keyPath = ["styles", role, key]
            if key == "fg" || key == "bg" {
                let text = value?.string ?? value?.int.map(String.init)
                guard let text, let color = TerminalColor.parse(text) else {
                    let shown = text ?? value?.debugDescription ?? ""
                    throw document.error(at: keyPath, "unknown colour '\(shown)' for \(role).\(key)")
                }
                if key == "fg" { style.foreground = color } else { style.background = color }
            } else if let flag = flags.first(where: { $0.key == key }) {
                guard let on = value?.bool else { throw document.error(at: keyPath, "\(role).\(key) must be true or false") }
                style[keyPath: flag.path] = on
            } else {
                let known = ["fg", "bg"] + flags.map(\.key)
                throw document.error(at: keyPath, "unknown attribute '\(key)' for \(role) (\(known.joined(separator: ", ")))")
            }
        }
        return style
    }
}
