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
        #expect(try vault.engine.database.pailRead { try AccessKeyTable.key($0, id: key) } == nil)
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
        #expect(refused?.message == "User 'bob' still stores 2 files (5 B): `pail --user bob rm -r` them; nothing was removed")
        #expect(try api.listUsers().map(\.name) == ["bob"])
        _ = try api.delete(user: "bob", path: RemotePath("a.txt"))
        _ = try api.delete(user: "bob", path: RemotePath("docs/"), recursive: true)
        try vault.engine.waitUntilIdle()
        let kept = #expect(throws: PailError.self) { try api.removeUser("bob") }
        #expect(kept?.message == "User 'bob' still stores 5 B in old versions: `pail --user bob purge` frees them; nothing was removed")
        _ = try api.purge(user: "bob")
        try api.removeUser("bob")
        #expect(try api.listUsers().isEmpty)
        #expect(try vault.check().isEmpty)
    }
}
