import Foundation
import PailCore

/// How each job runs on the engine, through its front door, and what the user is told when it ends.
extension EngineWorker {
    typealias TaskBody = @Sendable (_ progress: @escaping TransferClient.ProgressHandler) throws -> TaskOutcome

    func body(of request: TaskRequest) -> TaskBody {
        let (engine, user, title) = (engine, request.user, request.title)
        switch request.job {
        case .saveSort(let sort, let message):
            return { _ in
                try TreeSortFile.save(sort, user: user, root: engine.root)
                return .done(message)
            }
        case .countFolder(let path):
            return { _ in
                let files = try engine.api.list(user: user, prefix: RemotePath(path))
                return .folderCount(path: path, files: files.count, bytes: files.reduce(Int64(0)) { $0 + $1.size })
            }
        case .delete(let path, let isFolder):
            return { _ in
                let accepted = Date()
                _ = try engine.api.delete(user: user, path: RemotePath(path), recursive: isFolder)
                return .undoable(
                    "Delete of \(path) accepted; it disappears once the DeleteFile workflow has run",
                    UndoableOperation(kind: .delete(path: path, at: accepted), title: "delete of \(path)", time: accepted))
            }
        case .move(let from, let to, let onConflict, let merge):
            return { _ in try Self.move(engine: engine, user: user, from: from, to: to, onConflict: onConflict, merge: merge) }
        case .undo(let operation):
            return { _ in
                do {
                    return .done(try operation.undo(api: engine.api, user: user))
                } catch {
                    return .undoFailed(operation, PailError.wrapping(error))
                }
            }
        case .upload(let local, let folder):
            let policy = ConflictQuestion.policy(transfer: title, mailbox: mailbox)
            return { progress in
                try Self.upload(engine: engine, user: user, local: local, into: folder, policy: policy, progress: progress)
            }
        case .fetch(let remote, let local):
            let policy = ConflictQuestion.policy(transfer: title, mailbox: mailbox)
            return { progress in
                let objects = try TransferClient(engine: engine).fetch(
                    user: user, remote: RemotePath(remote), local: local, onConflict: policy, progress: progress
                ).map(\.object)
                let bytes = objects.reduce(Int64(0)) { $0 + $1.size }
                return .done("Fetched \(Plural.count(objects.count, "file")), \(ByteSize.format(bytes)), to \(local)")
            }
        case .share(let path):
            return { _ in
                let link = try engine.api.share(user: user, path: RemotePath(path))
                return .link(title: "Share link for \(path)", url: link.url, expires: link.expires)
            }
        case .redrive:
            return { _ in
                let count = try engine.redrive()
                return .done(count == 0 ? "No dead-lettered events to redrive" : "Redrove \(Plural.count(count, "dead-lettered event"))")
            }
        case .listUsers:
            return { _ in .users(try engine.api.listUsers().map(\.name)) }
        case .lookUpUser(let name):
            return { _ in .userLookup(name: name, users: try engine.api.listUsers().map(\.name)) }
        case .fetchToOpen, .lookForChanges, .uploadEdited, .discardOpened:
            return openingBody(of: request.job, user: user)
        case .countChosen(let selection):
            return { _ in try Self.count(selection, engine: engine, user: user) }
        case .deleteChosen(let selection):
            return { progress in try Self.delete(selection, engine: engine, user: user, progress: progress) }
        case .relocate(let selection, let folder, let copy):
            let policy = ConflictQuestion.policy(transfer: title, mailbox: mailbox)
            return { progress in
                try Self.relocate(selection, into: folder, copy: copy, engine: engine, user: user, policy: policy, progress: progress)
            }
        case .fetchChosen(let selection, let local):
            let policy = ConflictQuestion.policy(transfer: title, mailbox: mailbox)
            return { progress in try Self.fetch(selection, to: local, engine: engine, user: user, policy: policy, progress: progress) }
        case .shareChosen(let selection):
            return { progress in try Self.share(selection, engine: engine, user: user, progress: progress) }
        }
    }

    private static func move(
        engine: Engine, user: String, from: String, to: String, onConflict: ConflictChoice, merge: Bool
    ) throws -> TaskOutcome {
        do {
            let accepted = try engine.api.move(user: user, from: RemotePath(from), to: RemotePath(to), onConflict: onConflict, merge: merge)
            let (source, destination) = (accepted.source.value, accepted.destination.value)
            // An overwrite replaced a file that only `pail versions`/`restore` bring back; moving back would not.
            guard onConflict != .overwrite else {
                return .done("Move of \(from) to \(to) accepted; what it replaced is kept as an old version")
            }
            let renamed = destination == to || destination == to + "/" ? "" : " (as \(destination))"
            return .undoable(
                "Move of \(from) to \(to)\(renamed) accepted; the tree follows once the MoveFile workflow has run",
                UndoableOperation(kind: .move(from: source, to: destination), title: "move of \(source) to \(destination)", time: Date()))
        } catch let error as PailError where error.code == .conflict && onConflict == .refuse {
            let intoFolder = error.message.contains("--merge")
            return .moveConflict(MoveConflict(from: from, to: to, message: error.message, canMerge: intoFolder, merging: merge))
        }
    }

    /// Uploads a local file or folder under its own name into `folder`.
    static func upload(
        engine: Engine, user: String, local: String, into folder: String, policy: ConflictPolicy,
        progress: @escaping TransferClient.ProgressHandler
    ) throws -> TaskOutcome {
        let report = try TransferClient(engine: engine).upload(
            user: user, local: local, remote: RemotePath(TransferClient.remotePath(uploading: local, into: folder)), onConflict: policy,
            progress: progress)
        let bytes = report.stored.reduce(Int64(0)) { $0 + $1.size }
        let skipped =
            report.skipped.isEmpty
            ? "" : " (left out \(Plural.count(report.skipped.count, "link or special file", "links or special files")))"
        let kept = report.leftExisting.isEmpty ? "" : " (left \(Plural.count(report.leftExisting.count, "existing file")) as they were)"
        let uploaded = "Uploaded \(Plural.count(report.stored.count, "file")), \(ByteSize.format(bytes))"
        let text = "\(uploaded), to \(Format.folder(folder))\(skipped)\(kept)"
        guard !report.stored.isEmpty else { return .done(text) }
        let written = report.stored.map {
            UndoableOperation.WrittenVersion(path: RemotePath.path(ofKey: $0.key, user: user) ?? $0.key, versionId: $0.versionId)
        }
        let title = "upload of \(TransferClient.localName(of: local))"
        return .undoable(text, UndoableOperation(kind: .upload(written), title: title, time: Date()))
    }
}
