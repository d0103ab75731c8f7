import Foundation
import Testing

/// The quota through `pail serve` (`Serve/clients/quota_flow.py`, boto3): PutObject, CopyObject and
/// UploadPart over the limit are `QuotaExceeded` (403) and change nothing; the quota stays exact.
@Suite("pail serve: quota with boto3")
struct ServeQuotaTests {
    @Test("a PUT, a copy and a part over the limit are QuotaExceeded; what fits is stored and counted")
    func quota() throws {
        try S3Clients.requireBoto3()
        let pail = try PailRunner()
        try pail.success("users", "add", "alice")
        try pail.success("users", "set-quota", "alice", String(10 << 20))
        let server = try PailServe(pail)
        let output = try Python.client("quota_flow.py", environment: ["PAIL_CREDENTIALS": S3Clients.json(try server.credentials())])
        let summary = try JSONDecoder().decode([String: String].self, from: Data(output.utf8))
        #expect(summary == ["put": "QuotaExceeded", "copy": "QuotaExceeded", "upload_part": "QuotaExceeded"])
        let vault = try pail.settledVault(oldVersions: 0)
        #expect(vault.map(\.path) == ["a.bin", "c.bin", "e.bin"])
        #expect(vault.map(\.size) == [4 << 20, 4 << 20, 1 << 20])
    }
}
