import Foundation
import GRDB

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
    static func add(_ db: Database) throws {
        for column in ["folder TEXT", "size INTEGER", "modified INTEGER", "ext BLOB"] {
            try db.execute(sql: "ALTER TABLE inventory ADD COLUMN \(column)")
        }
        let next = try db.makeStatement(sql: "SELECT pk, sk, item FROM inventory WHERE (pk, sk) > (?, ?) ORDER BY pk, sk LIMIT 10000")
        let update = try db.makeStatement(sql: "UPDATE inventory SET folder = ?, size = ?, modified = ?, ext = ? WHERE pk = ? AND sk = ?")
        var last = ("", "")
        while true {
            var batch: [(pk: String, sk: String, columns: FileOrderColumns)] = []
            let rows = try Row.fetchCursor(next, arguments: [last.0, last.1])
            while let row = try rows.next() {
                let sk: String = row[1]
                let columns = try Inventory.withItemJSON(next, at: 2) { try FileOrderColumns(sk: sk, itemJSON: $0) }
                batch.append((row[0], sk, columns))
            }
            guard let final = batch.last else { break }
            for (pk, sk, columns) in batch { try update.execute(arguments: columns.arguments + [pk, sk]) }
            last = (final.pk, final.sk)
        }
        for key in FileSortKey.allCases {
            let (name, index) = column(key)
            try db.execute(sql: "CREATE INDEX \(index) ON inventory(folder, \(name), nk)")
        }
    }

    /// The values in column order: folder, size, modified, ext.
    var arguments: StatementArguments { [folder, size, modified, ext] }
}
