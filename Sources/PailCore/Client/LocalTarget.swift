import Foundation

/// Where a download goes on the local side, decided before a byte is written: standard output (`-`,
/// as curl has it), or one regular file. Only regular files are ever written: a device, FIFO or socket
/// in the way is refused, and an existing file is replaced only when the user said so.
public enum LocalTarget: Equatable, Sendable {
    case standardOutput
    case file(String)

    /// The target for an object named `name` given the user's `local` argument: `-` is standard output;
    /// an existing folder, or a path ending in `/` (made if missing), receives the file under `name`;
    /// anything else is the file's own name. Nil when the name is taken and `onConflict` skips it.
    public static func resolve(_ local: String, name: String, onConflict: ConflictPolicy) throws -> LocalTarget? {
        if local == "-" { return .standardOutput }
        guard !local.isEmpty else { throw PailError(.invalidArgument, "The local path is empty") }
        let path = local.hasSuffix("/") || kind(of: local) == .folder ? LocalPath.joined(local, name) : local
        return try place([path], onConflict: onConflict)[0].map { .file($0) }
    }

    /// Checks file paths before anything is written: free names pass; an existing regular file (or link)
    /// is replaced, avoided (`name (2).ext`) or skipped (nil) as `onConflict` decides; a folder or a
    /// special file in the way is refused.
    static func place(_ paths: [String], onConflict: ConflictPolicy) throws -> [String?] {
        var taken: [String] = []
        for path in paths {
            switch kind(of: path) {
            case .missing: continue
            case .file: taken.append(path)
            case .folder: throw PailError(.conflict, "\(path) is a folder, where the download needs a file")
            case .special(let what): throw PailError(.invalidArgument, "\(path) is \(what); Pail writes only regular files")
            }
        }
        return try onConflict.settle(
            paths, taken: taken, shown: { $0 },
            hint: "--overwrite replaces, --keep-both saves the download beside, --skip-existing leaves it"
        ) { path in ConflictChoice.keepBothName(for: path) { kind(of: $0) != .missing } }
    }

    /// What is at `path`, without following a final symbolic link (a link is replaced, never written through).
    static func kind(of path: String) -> LocalPath.Kind { LocalPath.kind(of: path, followingLinks: false) }
}

/// Local path text, without Foundation's `NSString` path methods (which trap on some short names).
enum LocalPath {
    enum Kind: Equatable {
        case missing, file, folder
        /// A device, FIFO or socket, described for an error ("a FIFO (named pipe)").
        case special(String)
    }

    /// What is at `path`; a symbolic link counts as a file unless `followingLinks`.
    static func kind(of path: String, followingLinks: Bool) -> Kind {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return .missing }
        return kind(mode: info.st_mode)
    }

    static func kind(mode: mode_t) -> Kind {
        switch mode & S_IFMT {
        case S_IFREG, S_IFLNK: return .file
        case S_IFDIR: return .folder
        case S_IFCHR: return .special("a character device")
        case S_IFBLK: return .special("a block device")
        case S_IFIFO: return .special("a FIFO (named pipe)")
        case S_IFSOCK: return .special("a socket")
        default: return .special("not a regular file")
        }
    }

    /// The folder holding `path`: `.` for a bare name, `/` for a name at the root.
    static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    /// `folder/name`, with one slash between them.
    static func joined(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}

extension LocalPath {
    /// Makes a folder and its missing parents (`mkdir -p`); `LocalFileError` naming what is in the way.
    static func createFolder(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw PailError(.localFileError, "Cannot create the folder \(path): \(error.localizedDescription)")
        }
    }
}
