import Foundation

/// One page of S3's ListObjects over the inventory: the keys after a marker, with keys that share a
/// part up to the delimiter rolled up into common prefixes, at most `maxKeys` entries of both kinds.
public struct KeyListingPage: Sendable, Equatable {
    /// Files, in key order, with their store keys (`user/path`).
    public var objects: [(key: String, entry: FileEntry)] = []
    public var commonPrefixes: [String] = []
    /// Whether more entries follow; `lastKey` is then where the next page starts after.
    public var isTruncated = false
    /// The last key or common prefix of the page, in key order.
    public var lastKey: String?

    public static func == (lhs: KeyListingPage, rhs: KeyListingPage) -> Bool {
        lhs.objects.map(\.key) == rhs.objects.map(\.key) && lhs.objects.map(\.entry) == rhs.objects.map(\.entry)
            && lhs.commonPrefixes == rhs.commonPrefixes && lhs.isTruncated == rhs.isTruncated && lhs.lastKey == rhs.lastKey
    }
}

extension FileAPI {
    /// The List flow in S3's terms, over store keys: what the inventory (eventually consistent) lists
    /// under `prefix`, after `marker` (keys and common prefixes at or before it are skipped), rolled up at
    /// `delimiter`. `user` confines the listing to one partition (a user's key sees only their own files);
    /// nil lists every user's, in key order.
    ///
    /// ```swift
    /// let page = try api.listKeys(prefix: "alice/docs/", delimiter: "/", after: nil, maxKeys: 1000, user: "alice")
    /// page.objects.map(\.key)   // ["alice/docs/a.txt"]
    /// page.commonPrefixes       // ["alice/docs/old/"]
    /// ```
    public func listKeys(prefix: String, delimiter: String?, after marker: String?, maxKeys: Int, user: String?) throws -> KeyListingPage {
        return try database.read { db in
            let partitions =
                try user.map { [$0] }
                ?? users.list(db).map(\.name).sorted { Array(($0 + "/").utf8).lexicographicallyPrecedes(Array(($1 + "/").utf8)) }
            var page = KeyListingPage()
            var count = 0
            for partition in partitions {
                let partitionPrefix = partition + "/"
                guard prefix.hasKeyPrefix(partitionPrefix) || partitionPrefix.hasKeyPrefix(prefix) else { continue }
                let scanned = prefix.utf8.count > partitionPrefix.utf8.count ? prefix : partitionPrefix
                var from = Data((marker ?? "").utf8) + [0]
                var finished = false
                while !finished {
                    finished = true
                    try inventory.scan(db, pk: partition, skBeginsWith: scanned, from: from) { key, item in
                        let rolledUp = PrefixRange.commonPrefix(of: key, after: prefix, delimiter: delimiter)
                        if let common = rolledUp, PrefixRange.isAtOrBefore(common, marker: marker) {
                            // A common prefix at or before the marker was listed already: skip all of it.
                            from = PrefixRange.upperBound(of: common)
                            finished = false
                            return false
                        }
                        guard count < maxKeys else {
                            page.isTruncated = true
                            return false
                        }
                        count += 1
                        if let common = rolledUp {
                            page.commonPrefixes.append(common)
                            page.lastKey = common
                            from = PrefixRange.upperBound(of: common)
                            finished = false
                            return false
                        }
                        if let entry = try FileEntry(itemJSON: item) { page.objects.append((key, entry)) }
                        page.lastKey = key
                        return true
                    }
                    if page.isTruncated { return page }
                }
            }
            return page
        }
    }
}
