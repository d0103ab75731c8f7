import Foundation

/// One page of S3's ListObjectVersions: every version of each key (newest first, keys in order),
/// delete markers included, with keys rolled up into common prefixes at the delimiter.
public struct VersionListingPage: Sendable {
    public var versions: [ObjectVersion] = []
    public var commonPrefixes: [String] = []
    public var isTruncated = false
    /// Where the next page starts after (S3's NextKeyMarker and NextVersionIdMarker).
    public var nextKeyMarker: String?
    public var nextVersionIdMarker: String?
}

extension ObjectStore {
    /// S3's ListObjectVersions, from the store (strongly consistent): the versions under `prefix`
    /// after (`keyMarker`, `versionIdMarker`), at most `maxKeys` versions and common prefixes, confined
    /// to `user`'s partition when given.
    public func listVersions(
        prefix: String, delimiter: String?, keyMarker: String?, versionIdMarker: String?, maxKeys: Int, user: String?
    ) throws -> VersionListingPage {
        let scope = user.map { $0 + "/" } ?? ""
        let scanned = prefix.utf8.count > scope.utf8.count ? prefix : scope
        return try database.read { db in
            var page = VersionListingPage()
            var count = 0
            // Keys from here on (inclusive, as bytes): just past the marker.
            var from = Data((keyMarker ?? "").utf8) + [0]
            var resumeVersion = versionIdMarker.flatMap { $0.isEmpty ? nil : $0 }
            // With a version marker, the marker key's later versions come first.
            var includeMarkerKey = resumeVersion != nil && keyMarker != nil
            while true {
                let key: String?
                if includeMarkerKey {
                    key = keyMarker
                    includeMarkerKey = false
                } else {
                    key = try db.fetchOne(
                        String.self,
                        """
                        SELECT min(key) FROM (
                            SELECT min(key) AS key FROM objects
                            WHERE key >= CAST(? AS TEXT) AND key >= ? AND key < CAST(? AS TEXT)
                            UNION ALL
                            SELECT min(key) FROM object_versions
                            WHERE key >= CAST(? AS TEXT) AND key >= ? AND key < CAST(? AS TEXT))
                        """, [from, scanned, PrefixRange.upperBound(of: scanned), from, scanned, PrefixRange.upperBound(of: scanned)])
                    resumeVersion = nil
                }
                guard let key else { return page }
                if let common = PrefixRange.commonPrefix(of: key, after: prefix, delimiter: delimiter) {
                    from = PrefixRange.upperBound(of: common)
                    // A common prefix at or before the marker was on an earlier page.
                    if PrefixRange.isAtOrBefore(common, marker: keyMarker) { continue }
                    guard count < maxKeys else { return truncated(page) }
                    count += 1
                    page.commonPrefixes.append(common)
                    page.nextKeyMarker = common
                    page.nextVersionIdMarker = nil
                    continue
                }
                var all = try versions(db, key: key)
                if let resume = resumeVersion, let index = all.firstIndex(where: { $0.versionId == resume }) {
                    all = Array(all[(index + 1)...])
                }
                for version in all {
                    guard count < maxKeys else { return truncated(page) }
                    count += 1
                    page.versions.append(version)
                    page.nextKeyMarker = version.key
                    page.nextVersionIdMarker = version.versionId
                }
                from = Data(key.utf8) + [0]
            }
        }
        func truncated(_ page: VersionListingPage) -> VersionListingPage {
            var page = page
            page.isTruncated = true
            return page
        }
    }

    /// S3's DeleteObject with a version id: that version is gone for good. Deleting the current version
    /// makes the newest kept one current again (unless it is a delete marker); deleting the delete marker
    /// that hides a file brings the file back, as S3 does. Returns nil if no such version exists (S3
    /// answers 204 all the same), else whether it was a delete marker.
    @discardableResult
    public func deleteVersion(key: String, versionId: String) throws -> (versionId: String, wasDeleteMarker: Bool)? {
        let result = try database.write { db -> (String, Bool)? in
            if let current = try head(db, key: key), current.versionId == versionId {
                try db.execute("DELETE FROM objects WHERE key = ?", [key])
                try addUsage(db, key: key, total: -current.size)
                try collectIfUnreferenced(db, blob: current.blob)
                if let newest = try versions.versions(db, key: key).first, !newest.isDeleteMarker {
                    try restore(db, key: key, versionId: newest.versionId)
                } else {
                    try bus.publish(
                        db, bus: .default,
                        StoreEvents.deleted(
                            key: key, sequencer: try nextSequencer(db), time: clock.now(), deleteMarker: nil,
                            bucket: presigner.credentials.bucket, region: presigner.credentials.region))
                }
                return (versionId, false)
            }
            guard let version = try versions.version(db, key: key, versionId: versionId) else { return nil }
            let wasNewest = try versions.versions(db, key: key).first?.versionId == versionId
            var report = PurgeReport()
            try expire(db, version, into: &report)
            if version.isDeleteMarker, wasNewest, try head(db, key: key) == nil,
                let next = try versions.versions(db, key: key).first, !next.isDeleteMarker
            {
                try restore(db, key: key, versionId: next.versionId)
            }
            return (versionId, version.isDeleteMarker)
        }
        collectGarbage()
        changes.notify()
        return result
    }
}
