import Foundation
import PailCore
import Synchronization

/// The bulk jobs: each expands its selection on the engine (big folders are read here, off the UI
/// thread), then goes through the entries one by one with a progress line. One entry's failure does not
/// stop the rest; the user's cancel in the "Name taken" dialog does.
extension EngineWorker {
    static func count(_ selection: Selection, engine: Engine, user: String) throws -> TaskOutcome {
        let paths = try selection.paths(api: engine.api, user: user)
        let (files, bytes) = try measure(paths, api: engine.api, user: user)
        return .chosenCount(selection, entries: paths.count, files: files, bytes: bytes)
    }

    static func delete(
        _ selection: Selection, engine: Engine, user: String, progress: @escaping TransferClient.ProgressHandler
    ) throws -> TaskOutcome {
        let paths = try selection.paths(api: engine.api, user: user)
        var batch = BatchRun(total: paths.count, progress: progress)
        let accepted = Date()
        for path in paths {
            batch.run(path) {
                _ = try engine.api.delete(user: user, path: RemotePath(path), recursive: path.endsWithSlash)
                return .done(UndoableOperation(kind: .delete(path: path, at: accepted), title: "delete of \(path)", time: accepted))
            }
        }
        let what = Plural.count(batch.done, "entry", "entries")
        return batch.outcome(
            "Delete of \(what) accepted; they disappear once the DeleteFile workflow has run", title: "delete of \(what)")
    }

    /// Copies (server-side `CopyFile` commands, after checking the quota for all of them) or moves each
    /// entry into `folder` under its own name. A taken name goes through `policy`; a copy pasted where its
    /// source is asks too (keep both makes a duplicate beside it), a move there has nothing to do.
    static func relocate(
        _ selection: Selection, into folder: String, copy: Bool, engine: Engine, user: String, policy: ConflictPolicy,
        progress: @escaping TransferClient.ProgressHandler
    ) throws -> TaskOutcome {
        let api = engine.api
        let paths = try selection.paths(api: api, user: user)
        if copy { try checkRoom(forCopying: paths, api: api, user: user) }
        let (watched, cancelled) = watching(policy)
        var batch = BatchRun(total: paths.count, progress: progress, cancelled: cancelled)
        for path in paths {
            let name = path.lastKeySegment ?? path
            let target = folder + name + (path.endsWithSlash ? "/" : "")
            let keepGoing = batch.run(path) {
                func attempt(_ choice: ConflictChoice, merge: Bool) throws -> RemotePath {
                    let (source, destination) = (try RemotePath(path), try RemotePath(folder + name))
                    guard copy else {
                        return try api.move(user: user, from: source, to: destination, onConflict: choice, merge: merge).destination
                    }
                    return try api.copy(
                        user: user, from: source, to: destination, recursive: path.endsWithSlash, onConflict: choice, merge: merge
                    ).destination
                }
                var choice = ConflictChoice.refuse
                let placed: RemotePath
                if target == path {
                    guard copy else { return .skipped }
                    choice = try watched.choice(for: target)
                    guard choice == .keepBoth else { return .skipped }
                    placed = try attempt(.keepBoth, merge: false)
                } else {
                    do {
                        placed = try attempt(.refuse, merge: false)
                    } catch let error as PailError where error.code == .conflict && error.message.contains("already exists") {
                        choice = try watched.choice(for: target)
                        if choice == .skip { return .skipped }
                        // A folder onto a folder merges, its clashing files overwritten or kept both ways.
                        placed = try attempt(choice, merge: path.endsWithSlash)
                    }
                }
                // What an overwrite replaced only `pail versions`/`restore` bring back: not undoable here.
                guard choice != .overwrite else { return .done(nil) }
                let kind: UndoableOperation.Kind = copy ? .copy(path: placed.value) : .move(from: path, to: placed.value)
                return .done(UndoableOperation(kind: kind, title: "\(copy ? "copy" : "move") of \(path) to \(placed.value)", time: Date()))
            }
            if !keepGoing { break }
        }
        let what = Plural.count(batch.done, "entry", "entries")
        let into = "into \(Format.folder(folder))"
        return batch.outcome(
            "\(copy ? "Copy" : "Move") of \(what) \(into) accepted; the tree follows once the workflows have run",
            title: "\(copy ? "copy" : "move") of \(what) \(into)")
    }

    static func fetch(
        _ selection: Selection, to local: String, engine: Engine, user: String, policy: ConflictPolicy,
        progress: @escaping TransferClient.ProgressHandler
    ) throws -> TaskOutcome {
        let paths = try selection.paths(api: engine.api, user: user)
        let (watched, cancelled) = watching(policy)
        var batch = BatchRun(total: paths.count, progress: progress, cancelled: cancelled)
        let client = TransferClient(engine: engine)
        var (files, bytes) = (0, Int64(0))
        for path in paths {
            var fetched: [DownloadedFile] = []
            let keepGoing = batch.run(path) {
                fetched = try client.fetch(user: user, remote: RemotePath(path), local: local, onConflict: watched, progress: progress)
                return fetched.isEmpty ? .skipped : .done(nil)
            }
            files += fetched.count
            bytes += fetched.reduce(0) { $0 + $1.object.size }
            if !keepGoing { break }
        }
        return batch.outcome("Fetched \(Plural.count(files, "file")), \(ByteSize.format(bytes)), to \(local)", title: "")
    }

    /// A share link for every file of the selection (each file of a chosen folder too).
    static func share(
        _ selection: Selection, engine: Engine, user: String, progress: @escaping TransferClient.ProgressHandler
    ) throws -> TaskOutcome {
        var files: [String] = []
        for path in try selection.paths(api: engine.api, user: user) {
            try engine.api.forEachFile(user: user, prefix: RemotePath(path)) { files.append($0.path) }
        }
        guard !files.isEmpty else { throw PailError(.noSuchKey, "The selection holds no file to share") }
        var links: [SharedLink] = []
        var expires = Date()
        for (index, path) in files.enumerated() {
            try progress(TransferProgress(bytesDone: 0, bytesTotal: 0, filesDone: index, filesTotal: files.count, current: path))
            let link = try engine.api.share(user: user, path: RemotePath(path))
            links.append(SharedLink(path: path, url: link.url))
            expires = link.expires
        }
        return .links(title: "Share links for \(Plural.count(files.count, "file"))", links: links, expires: expires)
    }

    /// How many files `paths` hold (a folder's all), and their bytes.
    private static func measure(_ paths: [String], api: FileAPI, user: String) throws -> (files: Int, bytes: Int64) {
        var (files, bytes) = (0, Int64(0))
        for path in paths {
            try api.forEachFile(user: user, prefix: RemotePath(path)) { file in
                files += 1
                bytes += file.size
            }
        }
        return (files, bytes)
    }

    /// `QuotaExceeded` before anything is copied if the copies of `paths` do not fit the user's quota
    /// (each `CopyFile` command checks again when it is accepted and when it runs).
    private static func checkRoom(forCopying paths: [String], api: FileAPI, user: String) throws {
        let bytes = try measure(paths, api: api, user: user).bytes
        let quota = try api.quota(user: user)
        let free = max(0, quota.limit - quota.used - quota.oldVersions)
        guard bytes <= free else {
            throw PailError(
                .quotaExceeded,
                "The copies need \(ByteSize.format(bytes)) and \(ByteSize.format(free)) of the quota is free: nothing was copied")
        }
    }

    /// `policy`, and a way to tell afterwards whether the user cancelled in its dialog.
    private static func watching(_ policy: ConflictPolicy) -> (ConflictPolicy, @Sendable () -> Bool) {
        let cancelled = Mutex(false)
        let watched = ConflictPolicy { name in
            do {
                return try policy.choice(for: name)
            } catch {
                cancelled.withLock { $0 = true }
                throw error
            }
        }
        return (watched, { cancelled.withLock { $0 } })
    }
}

/// A bulk job's way through its entries: progress, what was done (and how to undo it), skipped and failed.
struct BatchRun {
    /// How one entry went.
    enum Step {
        /// Done, with what undoes it (nil if nothing can).
        case done(UndoableOperation?)
        case skipped
    }

    let total: Int
    let progress: TransferClient.ProgressHandler
    var cancelled: @Sendable () -> Bool = { false }
    private(set) var done = 0
    private(set) var skipped = 0
    private(set) var failures: [(path: String, error: PailError)] = []
    private(set) var undo: [UndoableOperation] = []
    private(set) var stopped = false

    /// Runs `body` for the entry `path`; false if the user cancelled (the rest is to be left as it is).
    @discardableResult
    mutating func run(_ path: String, _ body: () throws -> Step) -> Bool {
        do {
            try progress(
                TransferProgress(bytesDone: 0, bytesTotal: 0, filesDone: done + skipped + failures.count, filesTotal: total, current: path))
            switch try body() {
            case .done(let operation):
                done += 1
                if let operation { undo.append(operation) }
            case .skipped: skipped += 1
            }
        } catch {
            if cancelled() || (error as? PailError)?.code == .cancelled {
                stopped = true
                return false
            }
            failures.append((path, PailError.wrapping(error)))
        }
        return true
    }

    /// What the status line says: `did`, then what was skipped, failed or left by a cancel; undoable (as one
    /// operation titled `title`) if anything done can be undone. Failed outright if nothing else happened.
    func outcome(_ did: String, title: String) -> TaskOutcome {
        if let first = failures.first, done == 0, skipped == 0, !stopped {
            return .failed(PailError(first.error.code, failures.count == 1 ? first.error.message : "\(first.path): \(first.error.message)"))
        }
        var text = did
        if skipped > 0 { text += "; \(skipped) skipped" }
        if let first = failures.first { text += "; \(failures.count) failed (\(first.path): \(first.error.message))" }
        if stopped { text += "; cancelled after \(done + skipped + failures.count) of \(total), the rest left as it was" }
        guard !undo.isEmpty else { return .done(text) }
        return .undoable(text, undo.count == 1 ? undo[0] : UndoableOperation(kind: .batch(undo), title: title, time: Date()))
    }
}
