import Foundation
import PailCore

/// An operation made in this run of the UI, which `z` can undo. Undo is built on the store's versions:
/// it brings back what the operation replaced or deleted, it keeps no copies of its own.
struct UndoableOperation: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// The files an upload wrote, with the version each write made.
        case upload([WrittenVersion])
        /// A delete of a file, or of a folder (`path` ends with `/`), accepted at `at`.
        case delete(path: String, at: Date)
        /// A move or rename of a file or a folder (folders end with `/`).
        case move(from: String, to: String)
        /// A copy made at `path` (a folder ends with `/`): undone by deleting it (to the trash).
        case copy(path: String)
        /// The operations of one batch (a bulk delete, a paste), undone together, the last first.
        case batch([UndoableOperation])
    }

    /// A path and the version a write made of it.
    struct WrittenVersion: Sendable, Equatable {
        let path: String
        let versionId: String
    }

    let kind: Kind
    /// What the operation was, as the status line and the `Z` list say it ("upload of notes.txt").
    let title: String
    let time: Date

    /// Undoes the operation through the front door; returns what the status line says.
    func undo(api: FileAPI, user: String) throws -> String {
        switch kind {
        case .upload(let written):
            var restored = 0
            var removed = 0
            for file in written {
                switch try api.revert(user: user, path: RemotePath(file.path), versionId: file.versionId) {
                case .restored: restored += 1
                case .deleted: removed += 1
                }
            }
            let parts = [restored > 0 ? "\(restored) brought back as before" : nil, removed > 0 ? "\(removed) moved to the trash" : nil]
            return "Undid the \(title): \(parts.compactMap { $0 }.joined(separator: ", "))"
        case .delete(let path, let time):
            let restored = try api.restoreDeleted(user: user, path: RemotePath(path), since: time)
            return "Undid the \(title): \(Plural.count(restored.count, "file")) restored"
        case .move(let from, let to):
            // Back to the old name: a destination ending in `/` would mean "into".
            let name = from.hasSuffix("/") ? String(from.dropLast()) : from
            do {
                _ = try api.move(user: user, from: RemotePath(to), to: RemotePath(name))
            } catch let error as PailError where error.code == .noSuchKey {
                throw PailError(.noSuchKey, "\(to) is not there: the move is not applied yet, or it was changed since")
            }
            return "Undid the \(title): \(to) goes back to \(from)"
        case .copy(let path):
            do {
                _ = try api.delete(user: user, path: RemotePath(path), recursive: path.endsWithSlash)
            } catch let error as PailError where error.code == .noSuchKey {
                throw PailError(.noSuchKey, "\(path) is not there: the copy is not applied yet, or it was changed since")
            }
            return "Undid the \(title): \(path) went to the trash"
        case .batch(let operations):
            // Each part is undone on its own: one that cannot be (changed since) does not hold back the rest.
            var failures: [PailError] = []
            for operation in operations.reversed() {
                do { _ = try operation.undo(api: api, user: user) } catch { failures.append(PailError.wrapping(error)) }
            }
            guard let first = failures.first else { return "Undid the \(title)" }
            if failures.count == operations.count { throw first }
            return "Undid the \(title) but \(failures.count) of \(operations.count): \(first.message)"
        }
    }
}

/// The operations made in this run of the UI, the newest last; at most `limit` are kept.
struct UndoHistory: Sendable, Equatable {
    static let limit = 20
    private(set) var operations: [UndoableOperation] = []

    mutating func record(_ operation: UndoableOperation) {
        operations.append(operation)
        if operations.count > Self.limit { operations.removeFirst(operations.count - Self.limit) }
    }

    /// Takes an operation out of the history (it is being undone).
    mutating func take(at index: Int) -> UndoableOperation? {
        operations.indices.contains(index) ? operations.remove(at: index) : nil
    }
}
