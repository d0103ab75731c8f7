import Foundation

/// The inventory's columns that list a folder's files by size, time or extension: `folder` (the sort key up
/// to its last `/`: `alice/docs/`), `size`, `modified` (milliseconds) and `ext` (the extension's natural key),
/// each with an index on (`folder`, value, `nk`), so a folder's files in one of these orders are one range of
/// an index, ties by name. Written with every item (`Inventory.write`); nil values for what is not a file.
struct FileOrderColumns {
    var folder: String?
    var size: Int64?
    var modified: Int64?
    var ext: Data?

    /// The columns of the item with sort key `sk`, read from its `Size` and `Modified` attributes.
    init(sk: String, size: Int64?, modified: Date?) {
        let bytes = sk.utf8
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return }
        folder = String(sk[...slash])
        guard let size, let modified else { return }
        self.size = FileSortKey.size(size)
        self.modified = FileSortKey.milliseconds(of: modified)
        ext = Data(FileSortKey.extensionKey(of: String(sk[bytes.index(after: slash)...])))
    }

    init(sk: String, item: Item) {
        self.init(sk: sk, size: item["Size"]?.int64Value, modified: item["Modified"]?.stringValue.flatMap { Timestamps.parse($0) })
    }

    /// The columns of an item stored as JSON text, reading only its `Size` and `Modified`.
    init(sk: String, itemJSON: UnsafeRawBufferPointer) throws {
        var size: Int64?
        var modified: Date?
        try ItemJSON.forEachAttribute(itemJSON) { name, value in
            if ItemJSON.name(name, is: "Size") {
                size = try value.read().int64Value
            } else if ItemJSON.name(name, is: "Modified") {
                modified = try value.readString(Timestamps.parse)
            } else {
                try value.skip()
            }
        }
        self.init(sk: sk, size: size, modified: modified)
    }

    /// The column a key's values are in, and the index that lists a folder's files by it.
    static func column(_ key: FileSortKey) -> (name: String, index: String) {
        switch key {
        case .size: return ("size", "inventory_size")
        case .modified: return ("modified", "inventory_modified")
        case .extension: return ("ext", "inventory_extension")
        }
    }

    /// Adds the columns and their indexes, and fills them for the items already there (in batches, so
    /// memory stays bounded however big the root).
    static func add(_ db: any SQL) throws {
        for column in ["folder TEXT", "size INTEGER", "modified INTEGER", "ext BLOB"] {
            try db.execute("ALTER TABLE inventory ADD COLUMN \(column)")
        }
        try Inventory.updateInBatches(db, reading: ", item") { row, sk in
            try row.withBytes(at: 2) { try FileOrderColumns(sk: sk, itemJSON: $0) }
        } update: { pk, sk, columns in
            try db.execute(
                "UPDATE inventory SET folder = ?, size = ?, modified = ?, ext = ? WHERE pk = ? AND sk = ?",
                [columns.folder, columns.size, columns.modified, columns.ext, pk, sk])
        }
        for key in FileSortKey.allCases {
            let (name, index) = column(key)
            try db.execute("CREATE INDEX \(index) ON inventory(folder, \(name), nk)")
        }
    }
}
