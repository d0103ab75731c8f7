import Foundation

/// Where a path of the vault is, for the terminal UI to go there: a file with its place among the files of
/// its folder (which places a big folder's window around it), or a folder.
public struct PathLocation: Sendable, Equatable {
    /// The path as the tree names it: `docs/a.txt`, or `docs/` for a folder.
    public let path: String
    /// A file's position among the files directly in its folder; 0 for a folder.
    public let position: Int

    public init(path: String, position: Int) {
        self.path = path
        self.position = position
    }
}

extension FileAPI {
    /// Finds `path` in `user`'s inventory: the file of that name, else the folder (one that holds something);
    /// nil when neither exists. A path ending in `/` is only looked for as a folder. A file's position is
    /// counted in the index, in `order` (the order the tree reads its folder in), without decoding an item.
    public func locate(user: String, path: RemotePath, order: ListingOrder) throws -> PathLocation? {
        try ensureUser(user)
        return try database.read { db in
            if !path.isFolder, try inventory.getItem(db, ItemKey(pk: user, sk: path.key(for: user))) != nil {
                let bytes = Array(path.value.utf8)
                let folder = String(decoding: bytes[..<((bytes.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1)], as: UTF8.self)
                let position = try inventory.position(db, pk: user, prefix: "\(user)/" + folder, of: path.key(for: user), order: order)
                return PathLocation(path: path.value, position: position)
            }
            let folder = path.asFolder
            let inside = try inventory.query(db, pk: user, skBeginsWith: folder.key(for: user), limit: 1)
            return inside.items.isEmpty ? nil : PathLocation(path: folder.value, position: 0)
        }
    }
}
