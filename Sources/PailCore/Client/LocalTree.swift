import Foundation

/// The regular files of a local folder, with their paths relative to it, in path order.
/// Symbolic links and special files are skipped (and named, a link with its target), so an upload never
/// loops or blocks.
/// The walk stops with `QuotaExceeded` as soon as the files add up to more than `sizeLimit`.
struct LocalTree {
    struct File {
        let absolute: String
        let relative: String
        let size: Int64
    }

    let files: [File]
    /// Relative paths, like `File.relative`.
    let skipped: [SkippedEntry]

    init(folder: String, sizeLimit: Int64 = .max) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PailError(.localFileError, "No such local folder: \(folder)")
        }
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else {
            throw PailError(.localFileError, "Cannot read the folder \(folder)")
        }
        var files: [File] = []
        var skipped: [SkippedEntry] = []
        var total: Int64 = 0
        while let relative = enumerator.nextObject() as? String {
            let absolute = folder + "/" + relative
            var info = stat()
            guard lstat(absolute, &info) == 0 else {
                // Foundation repairs a name that is not UTF-8 (with U+FFFD), so the repaired name is not found.
                if errno == ENOENT, relative.unicodeScalars.contains("\u{FFFD}") {
                    throw PailError(
                        .invalidArgument,
                        "The local name \(absolute) is not valid UTF-8; rename it to upload the folder (nothing was uploaded)")
                }
                throw LocalFile.error(errno, path: absolute, doing: "stat")
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                files.append(File(absolute: absolute, relative: relative, size: Int64(info.st_size)))
                total += Int64(info.st_size)
                if total > sizeLimit {
                    throw PailError(
                        .quotaExceeded,
                        "\(folder) holds more than \(ByteSize.format(sizeLimit)), the whole quota; nothing was uploaded")
                }
            case S_IFDIR: continue
            case S_IFLNK:
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: absolute)) ?? "?"
                skipped.append(SkippedEntry(path: relative, kind: .symlink(target: target)))
            case S_IFIFO: skipped.append(SkippedEntry(path: relative, kind: .fifo))
            case S_IFSOCK: skipped.append(SkippedEntry(path: relative, kind: .socket))
            default: skipped.append(SkippedEntry(path: relative, kind: .device))
            }
        }
        self.files = files.sorted { $0.relative < $1.relative }
        self.skipped = skipped
    }

    var totalSize: Int64 { files.reduce(0) { $0 + $1.size } }
}
