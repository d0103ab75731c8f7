import Foundation

/// The user's home folder, and `~` in a local path typed by the user.
public enum HomeFolder {
    /// `$HOME` when it is an absolute path, else the home folder of the account's passwd entry (`/` if it has
    /// none), as shells and the XDG defaults take it.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let home = environment["HOME"], home.hasPrefix("/") { return home }
        if let entry = getpwuid(getuid()), let folder = entry.pointee.pw_dir, folder.pointee != 0 { return String(cString: folder) }
        return "/"
    }

    /// A local path with a leading `~` or `~/` made the `home` folder; any other text (`~user`, `a/~`) as it is.
    public static func expand(_ text: String, home: String) -> String {
        text == "~" || text.hasPrefix("~/") ? home + text.dropFirst(1) : text
    }
}
