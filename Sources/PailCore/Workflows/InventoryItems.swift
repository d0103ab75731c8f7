import Foundation

/// How files and quotas are laid out in the single inventory table.
///
/// A file is the item (PK = user, SK = store key) with `Path`, `Size`, `ETag`, `Modified` (the file's
/// own time: the local file's as uploaded, else the upload's), `Stored` (when the store wrote it, only
/// where that differs from `Modified`), `Sequencer`; a user's total is the item (PK = user, SK = `Quota`) with `TotalSize`.
public enum InventoryItems {
    public static let quotaSortKey = "Quota"

    public static func quotaKey(user: String) -> ItemKey { ItemKey(pk: user, sk: quotaSortKey) }

    public static func fileKey(storeKey: String) -> ItemKey? {
        RemotePath.split(key: storeKey).map { ItemKey(pk: $0.user, sk: storeKey) }
    }

    static func fileItem(_ object: ObjectMetadata, user: String, path: String) -> Item {
        var item: Item = [
            "PK": .s(user), "SK": .s(object.key), "Path": .s(path), "Size": .n(object.size),
            "ETag": .s(object.etag), "Modified": .s(Timestamps.iso8601(object.fileModified)),
            "Sequencer": .s(object.sequencer),
        ]
        if object.headers.fileModified != nil { item["Stored"] = .s(Timestamps.iso8601(object.modified)) }
        return item
    }
}

/// A file as the inventory lists it.
public struct FileEntry: Sendable, Codable, Equatable {
    public let path: String
    public let size: Int64
    public let etag: String
    public let modified: Date
    /// When the store wrote the bytes (S3's `LastModified` in a listing), where it is not `modified`.
    public var stored: Date?

    enum CodingKeys: String, CodingKey { case path, size, etag, modified }

    public init(path: String, size: Int64, etag: String, modified: Date, stored: Date? = nil) {
        self.path = path
        self.size = size
        self.etag = etag
        self.modified = modified
        self.stored = stored
    }

    /// The file an inventory item describes, read from the item's JSON text; nil if the item is no file's
    /// (the quota's). Only `Path`, `Size`, `ETag`, `Modified` and `Stored` are built: the item's other attributes are
    /// checked and skipped, so every listing reads an item at the cost of what it shows.
    init?(itemJSON bytes: UnsafeRawBufferPointer) throws {
        var path: String?
        var size: Int64?
        var etag: String?
        var modified: Date?
        var stored: Date?
        try ItemJSON.forEachAttribute(bytes) { name, value in
            if ItemJSON.name(name, is: "Path") {
                path = try value.readString { String(decoding: $0, as: UTF8.self) }
            } else if ItemJSON.name(name, is: "Size") {
                size = try value.read().int64Value
            } else if ItemJSON.name(name, is: "ETag") {
                etag = try value.readString { String(decoding: $0, as: UTF8.self) }
            } else if ItemJSON.name(name, is: "Modified") {
                modified = try value.readString(Timestamps.parse)
            } else if ItemJSON.name(name, is: "Stored") {
                stored = try value.readString(Timestamps.parse)
            } else {
                try value.skip()
            }
        }
        guard let path, let size, let etag, let modified else { return nil }
        self.init(path: path, size: size, etag: etag, modified: modified, stored: stored)
    }
}
