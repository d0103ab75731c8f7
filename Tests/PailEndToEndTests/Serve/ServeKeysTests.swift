import Foundation
import Testing

/// Per-user keys, with boto3 (`Serve/clients/keys_flow.py`): a user's key acts only under `<user>/`, a
/// rotated key stops working at once, and the root's key acts on everyone's files.
@Suite("pail serve: per-user keys with boto3")
struct ServeKeysTests {
    static func summary(_ output: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] else {
            throw TestFailure("keys_flow.py printed no JSON object: \(output)")
        }
        return object
    }

    @Test(
        "alice's key gets AccessDenied for all of bob/ and nothing changes; after rotate-key the old key is InvalidAccessKeyId; the root's key acts on both"
    )
    func keys() throws {
        try S3Clients.requireBoto3()
        let pail = try PailRunner()
        let server = try PailServe(pail)
        let bobs = pail.local("bob.txt")
        try Data("bob's own bytes".utf8).write(to: URL(fileURLWithPath: bobs))
        try pail.success(["upload", bobs, "x.txt"], user: "bob")
        let mine = try pail.makeFile("mine.txt", size: 5_000, seed: 61)
        try pail.success("upload", mine, "mine.txt")
        try pail.wait()
        let bobBefore = try pail.ls(user: "bob")
        #expect(bobBefore.map(\.path) == ["x.txt"])

        let alice = try server.credentials()
        let denied = try Self.summary(
            try Python.client("keys_flow.py", ["denied"], environment: ["PAIL_CREDENTIALS": S3Clients.json(alice)]))
        let refusals = denied.filter { $0.key != "own_keys" }
        #expect(
            refusals.keys.sorted() == [
                "batch_delete", "copy_into", "copy_out", "delete", "get", "get_missing", "head", "list", "list_v1", "multipart",
                "overwrite",
                "presigned_v2", "presigned_v4", "put",
            ])
        #expect(refusals.values.allSatisfy { ["AccessDenied", "403"].contains($0 as? String) }, "\(denied)")

        // Nothing of bob's changed: the same file, no old version, no new one, his quota as it was.
        #expect(try pail.settledVault(user: "bob", oldVersions: 0) == bobBefore)
        let bobVersions = try pail.json([ListedVersion].self, ["versions", "x.txt"], user: "bob")
        #expect(bobVersions.count == 1 && bobVersions.first?.etag == bobBefore.first?.etag, "\(bobVersions)")
        // alice's own put and batch delete went through: her own.txt is an old version now.
        #expect(try pail.settledVault(oldVersions: 13).map(\.path) == ["mine.txt"])

        let rotated = try pail.success(["users", "rotate-key", "alice", "--json"]).decode(PailCredentials.self)
        #expect(rotated.accessKeyId != alice.accessKeyId && rotated.secretAccessKey != alice.secretAccessKey)
        #expect(rotated.endpoint == server.endpoint)
        let afterRotation = try Self.summary(
            try Python.client(
                "keys_flow.py", ["rotated"],
                environment: ["PAIL_CREDENTIALS": S3Clients.json(rotated), "PAIL_OLD_CREDENTIALS": S3Clients.json(alice)]))
        #expect(afterRotation.keys.sorted() == ["get", "head", "list", "new_key", "presigned", "put"], "\(afterRotation)")
        #expect(try server.credentials().accessKeyId == rotated.accessKeyId)
        try pail.wait()

        let admin = try server.credentials(admin: true)
        #expect(admin.accessKeyId != rotated.accessKeyId && admin.accessKeyId != alice.accessKeyId)
        try Python.client("keys_flow.py", ["admin"], environment: ["PAIL_CREDENTIALS": S3Clients.json(admin)])
        let bobAfter = try pail.settledVault(user: "bob", oldVersions: 0)
        #expect(bobAfter.map(\.path) == ["from-admin.txt", "from-alice.txt", "x.txt"])
        let bobETags: [String] = [
            md5Hex(Data("the root wrote this".utf8)), try LocalFiles.md5(ofFile: mine), md5Hex(Data("bob's own bytes".utf8)),
        ]
        #expect(bobAfter.map(\.etag) == bobETags)
        let aliceAfter = try pail.settledVault(oldVersions: 13 + 24)
        #expect(aliceAfter.map(\.path) == ["from-bob.txt", "mine.txt"])
        #expect(aliceAfter.map(\.size) == [15, 5_000] as [Int64])
    }

    @Test("a user removed with pail users remove while pail serve runs: their key and the URLs it signed are refused at once")
    func removedUsersKeyIsRefused() throws {
        try S3Clients.requireBoto3()
        let pail = try PailRunner()
        let server = try PailServe(pail)
        try pail.success("users", "add", "carol")
        let carol = try server.credentials(user: "carol")
        let environment = ["PAIL_CREDENTIALS": S3Clients.json(carol)]
        let before = try Self.summary(try Python.client("removed_key.py", ["before"], environment: environment))
        let url = try #require(before["url"] as? String)
        try pail.success("users", "remove", "--delete-files", "carol")
        let removed = try Self.summary(
            try Python.client("removed_key.py", ["removed"], environment: environment.merging(["PAIL_URL": url]) { $1 }))
        #expect(removed.keys.sorted() == ["head", "list", "presigned", "put"], "\(removed)")
        // Added again, she has a new key; the old one stays refused.
        try pail.success("users", "add", "carol")
        #expect(try server.credentials(user: "carol").accessKeyId != carol.accessKeyId)
        try Python.client("removed_key.py", ["removed"], environment: environment.merging(["PAIL_URL": url]) { $1 })
        #expect(try pail.ls(user: "carol").isEmpty, "nothing was written with the removed key")
        try server.stop()
    }
}
