import Foundation

/// A path a search found: a file, or a folder whose path matched (`docs/bash/`).
public struct SearchHit: Sendable, Equatable {
    /// The path in the vault: `docs/a.txt`, or `docs/` for a folder.
    public let path: String
    /// The file; nil for a folder. (Its place in its folder is counted by `FileAPI.locate`, in the tree's order.)
    public let file: FileEntry?
    /// The parts of `path` that matched, as UTF-8 byte offsets (`SearchPattern.match`).
    public let matched: [Range<Int>]

    public var isFolder: Bool { file == nil }

    public init(path: String, file: FileEntry?, matched: [Range<Int>]) {
        self.path = path
        self.file = file
        self.matched = matched
    }
}

/// A search over every path under a folder of a user's partition, read from the inventory's index in path
/// order a chunk of rows at a time (`FileAPI.continueSearch`), so a caller can stop between chunks. It keeps
/// where it stopped and the folders it is inside; folders are found from the files' paths, as the inventory
/// holds only files.
///
/// ```swift
/// var search = PathSearch(pattern: try SearchPattern("chang"))
/// while !search.isFinished {
///     try api.continueSearch(&search, user: "alice", rows: 5000) { hit in print(hit.path); return true }
/// }
/// ```
public struct PathSearch: Sendable {
    public let pattern: SearchPattern
    /// The folder searched (`docs/`), "" for the whole vault.
    public let folder: String
    /// True once every row under the folder was read, or a visitor asked to stop.
    public internal(set) var isFinished = false
    /// The sort key of the last row read.
    var lastKey: String?
    /// The folder of the last file read, as UTF-8 bytes of its vault path.
    var currentFolder: [UInt8]
    /// The folders `currentFolder` is inside (itself included), outermost first: the byte length of each one's path.
    var chain: [Int]

    public init(pattern: SearchPattern, under folder: String = "") {
        self.pattern = pattern
        self.folder = folder
        currentFolder = Array(folder.utf8)
        chain = [currentFolder.count]
    }

    /// Steps into the folder of a file (`path`'s bytes up to its last `/`, whose length is `parent`), calling
    /// `entered` with the length of each folder newly entered.
    mutating func enter(_ path: UnsafeBufferPointer<UInt8>, parent: Int, entered: (Int) throws -> Void) rethrows {
        guard parent != currentFolder.count || !currentFolder.elementsEqual(path[0..<parent]) else { return }
        while let last = chain.last, last > parent || !currentFolder[0..<last].elementsEqual(path[0..<last]) {
            chain.removeLast()
        }
        currentFolder = Array(path[0..<parent])
        var index = chain.last ?? 0
        while index < parent {
            if path[index] == UInt8(ascii: "/") {
                chain.append(index + 1)
                try entered(index + 1)
            }
            index += 1
        }
    }
}

extension FileAPI {
    /// Reads on with `search`: at most `rows` more of the inventory's rows (all that are left by default), in
    /// one read, handing each match to `visit` in path order (a folder just before the first path inside
    /// it); `visit` returns false to end the search. Only matching files' items are decoded.
    public func continueSearch(_ search: inout PathSearch, user: String, rows: Int = .max, _ visit: (SearchHit) throws -> Bool) throws {
        guard !search.isFinished else { return }
        try ensureUser(user)
        let userPrefix = user + "/"
        let skip = userPrefix.utf8.count
        let from = search.lastKey.map { Data($0.utf8) + [0] } ?? Data()
        let pattern = search.pattern
        var read = 0
        var stopped = false
        try database.read { db in
            try inventory.scan(db, pk: user, skBeginsWith: userPrefix + search.folder, from: from) { key, item in
                guard read < rows else { return false }
                read += 1
                search.lastKey = key
                var key = key
                return try key.withUTF8 { bytes in
                    let path = UnsafeBufferPointer(rebasing: bytes[skip...])
                    let parent = (path.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
                    try search.enter(path, parent: parent) { length in
                        let folder = String(decoding: path[0..<length], as: UTF8.self)
                        if !stopped, let matched = pattern.match(folder) {
                            stopped = try !visit(SearchHit(path: folder, file: nil, matched: matched))
                        }
                    }
                    guard !stopped else { return false }
                    let text = String(decoding: path, as: UTF8.self)
                    guard let matched = pattern.match(text), let file = try FileEntry(itemJSON: item) else { return true }
                    stopped = try !visit(SearchHit(path: text, file: file, matched: matched))
                    return !stopped
                }
            }
        }
        if stopped || read < rows { search.isFinished = true }
    }

    /// The files under `folder` whose paths match `pattern`, in path order, one at a time as the index yields
    /// them, until `visit` returns false (what `pail find` prints).
    public func forEachMatchingFile(
        user: String, pattern: SearchPattern, under folder: RemotePath?, _ visit: (FileEntry) throws -> Bool
    ) throws {
        var search = PathSearch(pattern: pattern, under: folder?.asFolder.value ?? "")
        try continueSearch(&search, user: user) { hit in try hit.file.map(visit) ?? true }
    }
}
