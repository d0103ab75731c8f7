/// The `Content-Type` of an object stored without one (every `pail upload`), from its name's extension,
/// so a browser opening a share link shows a picture or a PDF instead of saving bytes of unknown kind.
///
/// ```swift
/// ContentTypes.guess(key: "alice/docs/report.pdf")   // "application/pdf"
/// ContentTypes.guess(key: "alice/data.bin")          // "binary/octet-stream", S3's default
/// ```
package enum ContentTypes {
    package static func guess(key: String) -> String {
        let name = key.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return fallback }
        return byExtension[name[name.index(after: dot)...].lowercased()] ?? fallback
    }

    /// What S3 answers for an object stored without a type.
    static let fallback = "binary/octet-stream"

    private static let byExtension: [String: String] = [
        "txt": "text/plain; charset=utf-8", "md": "text/markdown; charset=utf-8", "csv": "text/csv; charset=utf-8",
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8", "css": "text/css", "js": "text/javascript",
        "json": "application/json", "xml": "application/xml", "pdf": "application/pdf", "zip": "application/zip",
        "gz": "application/gzip", "tar": "application/x-tar", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
        "gif": "image/gif", "webp": "image/webp", "svg": "image/svg+xml", "ico": "image/vnd.microsoft.icon",
        "mp3": "audio/mpeg", "wav": "audio/wav", "ogg": "audio/ogg", "mp4": "video/mp4", "webm": "video/webm",
        "mov": "video/quicktime", "wasm": "application/wasm",
    ]
}
