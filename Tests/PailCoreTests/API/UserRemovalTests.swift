import Foundation
import Testing

@testable import PailCore

@Suite("File API: removing users")
struct UserRemovalTests {
    @Test func aUserWhoStoresNothingGoesWithTheirKeyPair() throws {
        let vault = try TestVault()
        let api = vault.engine.api
        _ = try api.addUser("bob")
        let key = try vault.engine.credentials(user: "bob").accessKeyId
        #expect(try api.removeUser("bob").name == "bob")
        #expect(try api.listUsers().map(\.name).contains("bob") == false)
        let gone = #expect(throws: PailError.self) { try vault.engine.credentials(user: "bob") }
        #expect(gone?.code == .noSuchUser)
        #expect(try vault.engine.read { try AccessKeyTable.key($0, id: key) } == nil)
        let again = #expect(throws: PailError.self) { try api.removeUser("bob") }
        #expect(again?.code == .noSuchUser)
    }

    @Test func aUserWithFilesIsRefusedUntilTheyAreDeletedAndPurged() throws {
        let vault = try TestVault()
        let api = vault.engine.api
        try vault.upload("a.txt", Data("hello".utf8), user: "bob")
        try vault.upload("docs/empty", Data(), user: "bob")
        try vault.engine.waitUntilIdle()
        let refused = #expect(throws: PailError.self) { try api.removeUser("bob") }
        #expect(refused?.code == .userNotEmpty)
        #expect(
            refused?.message
                == "User 'bob' still stores 2 files (5 B): `pail --user bob rm -r` them; nothing was removed (`pail users remove bob --delete-files` deletes it all)"
        )
        #expect(try api.listUsers().map(\.name) == ["bob"])
        _ = try api.delete(user: "bob", path: RemotePath("a.txt"))
        _ = try api.delete(user: "bob", path: RemotePath("docs/"), recursive: true)
        try vault.engine.waitUntilIdle()
        let kept = #expect(throws: PailError.self) { try api.removeUser("bob") }
        #expect(
            kept?.message
                == "User 'bob' still stores 5 B in old versions: `pail --user bob purge` frees them; nothing was removed (`pail users remove bob --delete-files` deletes it all)"
        )
        _ = try api.purge(user: "bob")
        try api.removeUser("bob")
        #expect(try api.listUsers().isEmpty)
        #expect(try vault.check().isEmpty)
    }

    @Test func deletingFilesRemovesEverythingTheUserStoresAndNoOneElses() throws {
        let vault = try TestVault(delay: 3600)  // held on the bus: the removal applies what it needs itself
        let api = vault.engine.api
        try vault.upload("a.txt", Data("hello".utf8), user: "bob")
        try vault.upload("docs/deep/b.txt", Data("world!".utf8), user: "bob")
        try vault.upload("docs/c.txt", Data("kept".utf8), user: "alice")
        let removed = try vault.engine.removeUser("bob", deletingFiles: true)
        #expect(removed.user.name == "bob" && removed.files == 2 && removed.bytes == 11)
        #expect(try api.listUsers().map(\.name) == ["alice"])
        #expect(try vault.engine.store.head(key: "bob/a.txt") == nil)
        #expect(try vault.list("alice") == ["docs/c.txt": 4])
        #expect(try vault.check().isEmpty)
        let unknown = #expect(throws: PailError.self) { try vault.engine.removeUser("carol", deletingFiles: true) }
        #expect(unknown?.code == .noSuchUser)
    }
}
