import Foundation

/// How files and quotas are laid out in the single inventory table.
///
/// A file is the item (PK = user, SK = store key) with `Path`, `Size`, `ETag`, `Modified`, `Sequencer`;
/// a user's total is the item (PK = user, SK = `Quota`) with `TotalSize`.
public enum InventoryItems {
    public static let quotaSortKey = "Quota"

    public static func quotaKey(user: String) -> ItemKey { ItemKey(pk: user, sk: quotaSortKey) }

    public static func fileKey(storeKey: String) -> ItemKey? {
        RemotePath.split(key: storeKey).map { ItemKey(pk: $0.user, sk: storeKey) }
    }

    static func fileItem(_ object: ObjectMetadata, user: String, path: String) -> Item {
        [
            "PK": .s(user), "SK": .s(object.key), "Path": .s(path), "Size": .n(object.size),
            "ETag": .s(object.etag), "Modified": .s(Timestamps.iso8601(object.modified)),
            "Sequencer": .s(object.sequencer),
        ]
    }
}

/// A file as the inventory lists it.
public struct FileEntry: Sendable, Codable, Equatable {
    public let path: String
    public let size: Int64
    public let etag: String
    public let modified: Date

    public init(path: String, size: Int64, etag: String, modified: Date) {
        self.path = path
        self.size = size
        self.etag = etag
        self.modified = modified
    }

    /// The attributes of an item that make a `FileEntry`: what a listing decodes.
    public static let attributes: Set<String> = ["Path", "Size", "ETag", "Modified"]

    init?(item: Item) {
        guard let path = item["Path"]?.stringValue, let size = item["Size"]?.int64Value,
            let etag = item["ETag"]?.stringValue, let modifiedText = item["Modified"]?.stringValue,
            let modified = Timestamps.parse(modifiedText)
        else { return nil }
        self.path = path
        self.size = size
        self.etag = etag
        self.modified = modified
    }
}
