import Foundation
import PailCore

/// The preview pane's reads and the jobs of opening a file with the user's programs.
extension EngineWorker {
    /// Reads what the preview pane shows for an entry: a file's head (never more than
    /// `PreviewRenderer.headBytes`, and an archive's tail) through a download URL, or a folder's first names.
    /// Read on a queue of their own; the model asks for one only when none is running.
    func preview(_ request: PreviewRequest, user: String) {
        previews.async { [engine, mailbox] in
            let preview: FilePreview
            do {
                preview = try Self.readPreview(request, user: user, engine: engine)
            } catch {
                let failure = PailError.wrapping(error)
                preview = .unavailable("\(failure.code.rawValue): \(failure.message)")
            }
            mailbox.post(.previewed(request, preview))
        }
    }

    static func readPreview(_ request: PreviewRequest, user: String, engine: Engine) throws -> FilePreview {
        if request.isFolder {
            let folder = request.path.isEmpty ? nil : try RemotePath(request.path)
            let listing = try engine.api.listFolder(user: user, folder: folder, window: FileWindow(start: 0, limit: 200, order: .natural))
            let names = listing.folders.map { $0 + "/" } + listing.files.map { $0.path.lastKeySegment ?? $0.path }
            return PreviewRenderer.folder(items: listing.folders.count + listing.fileCount, names: Array(names.prefix(200)))
        }
        let download = try engine.api.createDownload(user: user, path: RemotePath(request.path))
        let body = try engine.store.get(url: download.url)
        let size = body.object.size
        let head = try read(body, at: 0, count: Int(min(Int64(PreviewRenderer.headBytes), size)))
        var tail: [UInt8] = []
        if FileSignatures.wantsTail(head) {
            let start = max(0, size - Int64(FileSignatures.tailBytes))
            tail = start == 0 && head.count == size ? head : try read(body, at: start, count: Int(size - start))
        }
        return PreviewRenderer.file(head: head, tail: tail, size: size)
    }

    /// Up to `count` bytes of the object from `offset`.
    private static func read(_ body: ObjectBody, at offset: Int64, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let read = try bytes.withUnsafeMutableBytes { buffer in
                try body.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[done...]), at: offset + Int64(done))
            }
            if read == 0 { break }
            done += read
        }
        return Array(bytes.prefix(done))
    }

    /// The bodies of the jobs that open files.
    func openingBody(of job: Job, user: String) -> TaskBody {
        let engine = engine
        switch job {
        case .fetchToOpen(let path, let purpose):
            let temporary = FileManager.default.temporaryDirectory.path
            return { progress in
                .fetchedToOpen(
                    try OpenedFile.fetch(
                        engine: engine, user: user, remote: path, purpose: purpose, temporaryDirectory: temporary, progress: progress))
            }
        case .lookForChanges(let file):
            return { _ in
                guard let size = try file.changedSize() else {
                    try file.remove()
                    return .done("No changes to \(file.remote)")
                }
                return .edited(file, size: size)
            }
        case .uploadEdited(let file):
            let mailbox = mailbox
            let transfer = "\(file.remote) changed in the vault since you opened it"
            return { progress in
                // The vault's file as fetched is replaced (kept as an old version); one changed meanwhile is a conflict to settle.
                let key = try RemotePath(file.remote).key(for: user)
                let policy = ConflictPolicy { name in
                    if try engine.store.head(key: key)?.etag == file.etag { return .overwrite }
                    return try ConflictQuestion.ask(name, transfer: transfer, mailbox: mailbox).choice
                }
                let outcome: TaskOutcome
                do {
                    outcome = try Self.upload(
                        engine: engine, user: user, local: file.local, into: file.remote.parentFolder, policy: policy, progress: progress)
                } catch {
                    let failure = PailError.wrapping(error)
                    throw PailError(failure.code, failure.message + "; your edited copy stays at \(file.local)")
                }
                try file.remove()
                return outcome
            }
        case .discardOpened(let file, let message):
            return { _ in
                try file.remove()
                return .done(message)
            }
        default:
            return { _ in throw PailError(.internalError, "\(job) is not a job of opening files") }
        }
    }
}
