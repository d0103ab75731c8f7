import PailCore

extension RemotePath {
    /// A path from the command line; `.`, `/` and the empty string mean the whole vault (nil).
    static func argument(_ text: String?) throws -> RemotePath? {
        guard let text, !["", ".", "/", "./"].contains(text) else { return nil }
        return try RemotePath(text)
    }
}
