import Foundation

/// The client side of the flows, as a user's program would run them: get a presigned URL from the API,
/// then stream bytes to or from the store with it. `pail upload`, `fetch`, `put-url`, `get-url` and
/// the terminal UI all transfer through this.
///
/// ```swift
/// let client = TransferClient(engine: engine)
/// try client.upload(user: "alice", local: "./photos", remote: RemotePath("photos/"))
/// ```
public struct TransferClient: Sendable {
    /// Told how a transfer goes, after every chunk and file; throwing (a `Cancelled` error when the user
    /// stops it) ends the transfer there: the file being sent is not stored, the file being fetched not written.
    public typealias ProgressHandler = (TransferProgress) throws -> Void

    let engine: Engine

    public init(engine: Engine) { self.engine = engine }

    /// The name an upload of `local` takes in the vault unless told otherwise: its last path segment
    /// (`./photos/` → `photos`).
    public static func localName(of local: String) -> String {
        (local as NSString).standardizingPath.lastKeySegment ?? local
    }

    /// Where an upload of `local` under its own name into `folder` (ending in `/`, or "" for the top) lands:
    /// `folder` + the name for a file, with a `/` after it for a folder.
    public static func remotePath(uploading local: String, into folder: String) -> String {
        var isDirectory: ObjCBool = false
        let isFolder = FileManager.default.fileExists(atPath: local, isDirectory: &isDirectory) && isDirectory.boolValue
        return folder + localName(of: local) + (isFolder ? "/" : "")
    }

    /// Uploads a local file, or a whole folder (its tree goes under `remote`, which then names a folder).
    /// Each file's modification time travels with it (`x-amz-meta-mtime`), as rclone sends it.
    /// Everything is checked first (names, the quota for the total size): a refused upload stores nothing.
    /// Files travel in batches, each committed whole; a failure part-way (disk full, a file that changed,
    /// another upload taking the space) keeps the batches already committed, and the error says so.
    /// Without `remote`, the local name is used; a `remote` ending in `/` receives the local name.
    /// Symbolic links and special files inside a folder are not uploaded; the report names them.
    /// Names already taken in the vault are refused, replaced or avoided as `onConflict` says, before
    /// anything is stored.
    @discardableResult
    public func upload(
        user: String, local: String, remote: RemotePath?, onConflict: ConflictPolicy = .always(.refuse), progress: ProgressHandler? = nil
    ) throws -> UploadReport {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: local, isDirectory: &isDirectory) else {
            throw PailError(.localFileError, "No such local file or folder: \(local)")
        }
        let localName = Self.localName(of: local)
        var plan: [(local: String, remote: RemotePath, size: Int64)]
        let scope: RemotePath
        var skipped: [SkippedEntry] = []
        // A file given alone is opened once: a pseudo-file (`/proc`) read again could say something else.
        var opened: LocalFile?
        if isDirectory.boolValue {
            let tree = try LocalTree(folder: local, sizeLimit: try engine.api.quota(user: user).limit)
            scope = try remote?.asFolder ?? RemotePath(localName + "/")
            plan = try tree.files.map { ($0.absolute, try RemotePath(scope.value + $0.relative), $0.size) }
            try Self.refuseTwins(plan.map { ($0.local, $0.remote) })
            skipped = tree.skipped.map { SkippedEntry(path: local + "/" + $0.path, kind: $0.kind) }
        } else {
            let file = try LocalFile(path: local)
            opened = file
            scope = try remote.map { $0.isFolder ? try RemotePath($0.value + localName) : $0 } ?? RemotePath(localName)
            plan = [(local, scope, file.size)]
        }
        let placed = try engine.api.placeUploads(user: user, paths: plan.map(\.remote), onConflict: onConflict)
        let leftExisting = zip(plan, placed).filter { $1 == nil }.map(\.0.remote)
        plan = zip(plan, placed).compactMap { file, place in place.map { (file.local, $0, file.size) } }
        let total = plan.reduce(0) { $0 + $1.size }
        try engine.api.checkRoom(user: user, for: plan.map { ($0.remote, $0.size) })
        var state = TransferProgress(bytesDone: 0, bytesTotal: total, filesDone: 0, filesTotal: plan.count, current: "")
        var stored: [ObjectMetadata] = []
        // Three batches at once: the next one's URLs are signed and this one is staged while the one before
        // commits, each on its own thread; batches commit in order.
        let batches = Self.batches(plan.map(\.size))
        let uploads = { [engine, plan] (batch: [Int]) in
            BackgroundWork { try engine.api.createUploads(user: user, files: batch.map { (plan[$0].remote, plan[$0].size) }) }
        }
        var signing = batches.first.map(uploads)
        var committing: BackgroundWork<[ObjectMetadata]>?
        func settle() throws {
            guard let previous = committing else { return }
            committing = nil
            stored += try previous.wait()
            state.filesDone = stored.count
            // A cancel between batches stops here; after the last one there is nothing left to stop.
            if state.filesDone < plan.count { try progress?(state) } else { try? progress?(state) }
        }
        do {
            for (index, batch) in batches.enumerated() {
                let files = batch.map { plan[$0] }
                let urls = try signing!.wait()
                signing = index + 1 < batches.count ? uploads(batches[index + 1]) : nil
                let requests = try zip(files, urls).map { file, upload in
                    let body = try opened ?? LocalFile(path: file.local)
                    return PutRequest(
                        url: upload.url, body: body, contentLength: file.size, headers: ObjectHeaders(fileModified: body.modified))
                }
                state.current = files[0].remote.value
                let before = state.bytesDone
                let staged = try engine.store.stage(batch: requests) { done in
                    state.bytesDone = before + done
                    try progress?(state)
                }
                try settle()
                committing = BackgroundWork { try staged.commit() }
            }
            try settle()
        } catch {
            // What the batch committing meanwhile stores stays stored, and is counted; no thread is left working.
            _ = try? signing?.wait()
            try? settle()
            if let error = error as? PailError, error.code == .cancelled {
                let kept = stored.isEmpty ? "nothing was stored" : "those stay in the vault"
                throw PailError(
                    .cancelled, plan.count == 1 ? "Cancelled; \(kept)" : "Cancelled after \(stored.count) of \(plan.count) files; \(kept)")
            }
            if let error = error as? PailError, !stored.isEmpty {
                throw PailError(error.code, error.message + " (\(stored.count) of \(plan.count) files were stored before this)")
            }
            throw error
        }
        return UploadReport(stored: stored, skipped: skipped, leftExisting: leftExisting)
    }

    /// Small files travel in batches that the store commits together (up to 256 files or 64 MiB);
    /// a large file goes alone, copied inside the kernel. Returns the indices of each batch.
    static func batches(_ sizes: [Int64]) -> [[Int]] {
        var batches: [[Int]] = []
        var current: [Int] = []
        var bytes: Int64 = 0
        func close() {
            if !current.isEmpty { batches.append(current) }
            current = []
            bytes = 0
        }
        for (index, size) in sizes.enumerated() {
            if size >= ObjectStore.kernelCopyThreshold {
                close()
                batches.append([index])
                continue
            }
            if current.count == 256 || bytes + size > 64 << 20 { close() }
            current.append(index)
            bytes += size
        }
        close()
        return batches
    }

    /// PUTs a local file to a presigned URL (made by Pail or by any SigV4 client with Pail's credentials),
    /// with its modification time (`x-amz-meta-mtime`).
    @discardableResult
    public func putURL(_ url: String, local: String, progress: ProgressHandler? = nil) throws -> ObjectMetadata {
        let file = try LocalFile(path: local)
        var state = TransferProgress(bytesDone: 0, bytesTotal: file.size, filesDone: 0, filesTotal: 1, current: local)
        let request = PutRequest(url: url, body: file, contentLength: file.size, headers: ObjectHeaders(fileModified: file.modified))
        return try engine.store.put(batch: [request]) { done in
            state.bytesDone = done
            try progress?(state)
        }[0]
    }

    /// Two local names that differ only in Unicode normalization (`é` as one code point or as `e` and an
    /// accent) name the same vault path; uploading both would keep one and lose the other.
    private static func refuseTwins(_ files: [(local: String, remote: RemotePath)]) throws {
        var seen: [RemotePath: String] = [:]
        for file in files {
            if let twin = seen.updateValue(file.local, forKey: file.remote) {
                throw PailError(
                    .invalidArgument,
                    "\(RemotePath.printable(twin)) and \(RemotePath.printable(file.local)) differ only in Unicode normalization and would both be \(file.remote); rename one"
                )
            }
        }
    }

    /// Fetch flow: asks the API for a download URL (the inventory must list the file), then downloads.
    /// A folder (a path ending in `/`, or one that names no file but has files under it) is fetched
    /// whole: its tree lands in `local/<folder name>/`, each file through its own download URL.
    /// Every local target is checked before the first byte is written (see `LocalTarget`): an existing
    /// file is replaced or avoided only as `onConflict` says.
    @discardableResult
    public func fetch(
        user: String, remote: RemotePath, local: String, onConflict: ConflictPolicy = .always(.refuse), progress: ProgressHandler? = nil
    ) throws -> [DownloadedFile] {
        let listed = try engine.api.list(user: user, prefix: remote)
        let isFile = !remote.isFolder && listed.count == 1 && listed[0].path == remote.value
        if isFile || listed.isEmpty {
            let download = try engine.api.createDownload(user: user, path: remote)
            do {
                return try getURL(download.url, local: local, onConflict: onConflict, progress: progress).map { [$0] } ?? []
            } catch let error as PailError where error.code == .cancelled {
                throw PailError(.cancelled, "Cancelled; nothing was written to \(local)")
            }
        }
        guard local != "-" else { throw PailError(.invalidArgument, "\(remote) is a folder: it cannot be written to standard output") }
        let folder = remote.asFolder.value
        let destination = LocalPath.joined(local, remote.name)
        let places = try LocalTarget.place(
            listed.map { LocalPath.joined(destination, $0.path.removingKeyPrefix(folder) ?? $0.path) }, onConflict: onConflict)
        let plan = zip(listed, places).compactMap { entry, place in place.map { (entry, $0) } }
        var state = TransferProgress(
            bytesDone: 0, bytesTotal: plan.reduce(0) { $0 + $1.0.size }, filesDone: 0, filesTotal: plan.count, current: "")
        do {
            return try plan.map { entry, target in
                try LocalPath.createFolder(LocalPath.parent(of: target))
                state.current = entry.path
                let before = state.bytesDone
                let download = try engine.api.createDownload(user: user, path: RemotePath(entry.path))
                let body = try engine.store.get(url: download.url)
                try DownloadFile.write(body, to: .file(target)) { done in
                    state.bytesDone = before + done
                    try progress?(state)
                }
                state.filesDone += 1
                return DownloadedFile(object: body.object, local: target)
            }
        } catch let error as PailError where error.code == .cancelled {
            let kept = state.filesDone == 0 ? "nothing was written" : "those stay in \(destination)"
            throw PailError(.cancelled, "Cancelled after \(state.filesDone) of \(plan.count) files; \(kept)")
        }
    }

    /// GETs a presigned URL into a local file, into a folder under the object's name (an existing folder,
    /// or a path ending in `/`, made if missing), or to standard output (`-`). The bytes land under a
    /// temporary name, are checked against the ETag, made durable, then renamed into place, with the
    /// file's own modification time (as `cp -p` and rclone keep it).
    @discardableResult
    public func getURL(
        _ url: String, local: String, onConflict: ConflictPolicy = .always(.refuse), progress: ProgressHandler? = nil
    ) throws -> DownloadedFile? {
        let body = try engine.store.get(url: url)
        guard let target = try LocalTarget.resolve(local, name: body.object.key.lastKeySegment ?? "download", onConflict: onConflict) else {
            return nil  // skipped: the name is taken and the policy says to leave it
        }
        var state = TransferProgress(bytesDone: 0, bytesTotal: body.object.size, filesDone: 0, filesTotal: 1, current: local)
        if local.hasSuffix("/") { try LocalPath.createFolder(local) }  // a path ending in / names a folder to make
        try DownloadFile.write(body, to: target) { done in
            state.bytesDone = done
            try progress?(state)
        }
        if case .file(let path) = target { return DownloadedFile(object: body.object, local: path) }
        return DownloadedFile(object: body.object, local: "-")
    }
}

/// A downloaded object and where it went (`-` for standard output).
public struct DownloadedFile: Sendable {
    public let object: ObjectMetadata
    public let local: String
}
