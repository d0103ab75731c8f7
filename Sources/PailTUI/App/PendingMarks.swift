import Foundation
import PailCore

/// What is still on its way for a path: an upload, a delete or a move the inventory has not caught up with.
enum PendingMark: Sendable, Equatable {
    case uploading, deleting, moving

    var glyph: String {
        switch self {
        case .uploading: return "◌"
        case .deleting: return "✕"
        case .moving: return "→"
        }
    }

    var words: String {
        switch self {
        case .uploading: return "upload on its way to the inventory"
        case .deleting: return "delete on its way"
        case .moving: return "move on its way"
        }
    }
}

/// The marks of one user's paths, read from the events not yet delivered.
struct PendingMarks: Sendable, Equatable {
    /// Marks of single files, by path in the vault.
    private(set) var files: [String: PendingMark] = [:]
    /// Marks of whole folders (paths ending in `/`), applying to everything under them.
    private(set) var folders: [(path: String, mark: PendingMark)] = []
    /// Sizes of files on their way in, as their `Object Created` events give them.
    private(set) var uploadSizes: [String: Int64] = [:]

    init(files: [String: PendingMark] = [:]) { self.files = files }

    init(deliveries: [Delivery], user: String) {
        for delivery in deliveries {
            guard let key = delivery.event.subjectKey, let path = RemotePath.path(ofKey: key, user: user) else { continue }
            let mark: PendingMark
            switch delivery.event.detailType {
            case "Object Created":
                mark = .uploading
                uploadSizes[path] = delivery.event.detail["object"]?["size"]?.int64Value
            case "Object Deleted", "DeleteFile": mark = .deleting
            case "MoveFile": mark = .moving
            default: continue
            }
            if path.endsWithSlash {
                folders.append((path, mark))
            } else if files[path] != .deleting {
                files[path] = mark
            }
        }
    }

    /// The mark of a path (a file, or a folder ending in `/`), if anything is on its way for it.
    func mark(of path: String) -> PendingMark? {
        if let mark = files[path] { return mark }
        return folders.first { path.hasKeyPrefix($0.path) }?.mark
    }

    /// Paths with an upload on its way (they may not be in the inventory yet).
    var uploads: [String] { files.compactMap { $0.value == .uploading ? $0.key : nil } }

    static func == (lhs: PendingMarks, rhs: PendingMarks) -> Bool {
        lhs.files == rhs.files && lhs.uploadSizes == rhs.uploadSizes && lhs.folders.map(\.path) == rhs.folders.map(\.path)
            && lhs.folders.map(\.mark) == rhs.folders.map(\.mark)
    }
}
