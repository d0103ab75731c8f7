import Foundation
import Testing

/// The headers an object is stored with (`Serve/clients/headers_flow.py`, boto3): content headers and
/// user metadata come back on HEAD and GET, survive a copy or are replaced by one, and are bounded.
@Suite("pail serve: stored headers and user metadata with boto3")
struct ServeHeadersTests {
    @Test(
        "Content-Type, Content-Disposition, Cache-Control, Content-Language and x-amz-meta-* come back; COPY keeps, REPLACE replaces, an old version's come back with it; over 2 KB is MetadataTooLarge"
    )
    func storedHeaders() throws {
        try S3Clients.requireBoto3()
        let pail = try PailRunner()
        let server = try PailServe(pail)
        let output = try Python.client("headers_flow.py", environment: ["PAIL_CREDENTIALS": S3Clients.json(try server.credentials())])
        let summary = try JSONDecoder().decode([String: String].self, from: Data(output.utf8))
        #expect(
            summary == [
                "put": "kept", "multipart": "kept", "copy": "kept", "replace": "replaced", "copy_version": "kept",
                "too_large": "MetadataTooLarge",
            ])
        // The refused upload stored nothing; the replacing copy kept the first notes.md as an old version.
        let vault = try pail.settledVault(oldVersions: 8)
        #expect(vault.map(\.path) == ["big.bin", "copy.md", "notes.md", "old.md"])
        // x-amz-meta-mtime is the file's time that `pail ls` shows; S3's listing keeps HEAD's Last-Modified.
        let times = Dictionary(uniqueKeysWithValues: vault.map { ($0.path, $0.modified.timeIntervalSince1970) })
        #expect(times["copy.md"] == 1_700_000_000 && times["old.md"] == 1_700_000_000 && times["notes.md"] == 1_800_000_000, "\(times)")
        let listing = try Python.client("listing_times.py", environment: ["PAIL_CREDENTIALS": S3Clients.json(try server.credentials())])
        #expect(
            try JSONDecoder().decode([String: String].self, from: Data(listing.utf8)) == [
                "alice/big.bin": "", "alice/copy.md": "1700000000.25", "alice/notes.md": "1800000000", "alice/old.md": "1700000000.25",
            ])
    }
}
