import Foundation
import Testing

@testable import PailCore

/// Finding where a path is, for the terminal UI's go-to: a file with its place among its folder's files (as
/// the tree's listing counts them), a folder, or nothing.
@Suite("Locate a path")
struct LocateTests {
    @Test func aFileIsFoundWithItsPlaceAmongItsFoldersFilesAsTheListingCountsThem() throws {
        let vault = try TestVault()
        let paths = ["a.txt", "docs/a", "docs/b/deep", "docs/b.txt", "docs/c", "docs/c/x", "docs/d", "docs/été", "z"]
        for path in paths { try vault.upload(path, bytes(1)) }
        try vault.engine.waitUntilIdle()
        for path in paths {
            let location = try #require(try vault.engine.api.locate(user: "alice", path: RemotePath(path), order: .bytes), "\(path)")
            let folder = path.split(separator: "/").dropLast().joined(separator: "/")
            let files = try vault.engine.api.listFolder(user: "alice", folder: folder.isEmpty ? nil : RemotePath(folder)).files
            #expect(location.path == path && files.firstIndex { $0.path == path } == location.position, "\(path)")
        }
        #expect(
            try vault.engine.api.locate(user: "alice", path: RemotePath("docs/d"), order: .bytes)?.position == 3,
            "sub-folders' files are not counted")
    }

    @Test func aFilesPlaceIsCountedInTheOrderAsked() throws {
        let vault = try TestVault()
        for path in ["docs/n_1", "docs/n_10", "docs/n_2", "docs/sub/n_3"] { try vault.upload(path, bytes(1)) }
        try vault.engine.waitUntilIdle()
        let api = vault.engine.api
        let places = try [ListingOrder.bytes, .natural, .naturalDescending].map { order in
            try ["docs/n_1", "docs/n_2", "docs/n_10"].map { try api.locate(user: "alice", path: RemotePath($0), order: order)?.position }
        }
        #expect(places == [[0, 2, 1], [0, 1, 2], [2, 1, 0]])
    }

    @Test func aFolderIsFoundByItsNameWithOrWithoutASlash() throws {
        let vault = try TestVault()
        try vault.upload("docs/b/deep", bytes(1))
        try vault.upload("docs/c", bytes(1))
        try vault.upload("docs/c/x", bytes(1))
        try vault.engine.waitUntilIdle()
        let api = vault.engine.api
        #expect(try api.locate(user: "alice", path: RemotePath("docs"), order: .bytes) == PathLocation(path: "docs/", position: 0))
        #expect(try api.locate(user: "alice", path: RemotePath("docs/b/"), order: .bytes) == PathLocation(path: "docs/b/", position: 0))
        #expect(
            try api.locate(user: "alice", path: RemotePath("docs/c"), order: .bytes)?.path == "docs/c",
            "the file before the folder of its name")
        #expect(try api.locate(user: "alice", path: RemotePath("docs/c/"), order: .bytes)?.path == "docs/c/")
        #expect(try api.locate(user: "alice", path: RemotePath("doc"), order: .bytes) == nil, "a prefix is not a folder")
        #expect(try api.locate(user: "alice", path: RemotePath("docs/b/deep/"), order: .bytes) == nil, "a file is not a folder")
        #expect(try api.locate(user: "alice", path: RemotePath("nothing"), order: .bytes) == nil)
        #expect(throws: PailError.self) { try api.locate(user: "no/body", path: RemotePath("docs"), order: .bytes) }
    }

    @Test func aFileDeepInABigFolderIsPlacedByCountingKeys() throws {
        let vault = try TestVault()
        // Items as the UpdateInventory workflow writes them, in one transaction (a run per file would take minutes).
        try vault.engine.write { db in
            for index in 0..<20_000 {
                let path = "big/f" + String(index + 100_000).dropFirst()
                let item: Item = ["PK": .s("alice"), "SK": .s("alice/" + path), "Path": .s(path), "Size": .n(1), "ETag": .s("e")]
                _ = try vault.engine.inventory.putItem(db, item)
            }
        }
        let location = try vault.engine.api.locate(user: "alice", path: RemotePath("big/f12345"), order: .bytes)
        #expect(location == PathLocation(path: "big/f12345", position: 12_345))
    }
}
