import Foundation
import Testing

/// What a boto3 program does with a bucket (`Serve/clients/boto3_flow.py`), with boto3's default
/// checksums and with `when_required`; then the vault holds exactly what the program made.
@Suite("pail serve: boto3")
struct ServeBoto3Tests {
    struct FlowSummary: Decodable {
        let small: String
        let bigSize: Int64
        let bigETag: String

        enum CodingKeys: String, CodingKey {
            case small
            case bigSize = "big_size"
            case bigETag = "big_etag"
        }
    }

    @Test(
        "boto3_flow.py in both checksum modes; the vault lists its files with their sizes and ETags, the quota counts them and the deleted ones"
    )
    func flow() throws {
        try S3Clients.requireBoto3()
        let pail = try PailRunner()
        let server = try PailServe(pail)
        let credentials = S3Clients.json(try server.credentials())
        var expected: [(path: String, size: Int64, etag: String)] = []
        for mode in ["default", "when_required"] {
            let folder = pail.local(mode)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let output = try Python.client("boto3_flow.py", [mode, folder], environment: ["PAIL_CREDENTIALS": credentials])
            let summary = try JSONDecoder().decode(
                FlowSummary.self, from: Data(output.split(separator: "\n").last.map(String.init)?.utf8 ?? "".utf8))
            #expect(summary.bigSize == 25 * 1024 * 1024 + 12345)
            #expect(summary.bigETag == (try ETags.multipart(ofFile: folder + "/big.bin", partSize: 8 * 1024 * 1024)))
            expected += [
                ("\(mode)/big.bin", summary.bigSize, summary.bigETag),
                ("\(mode)/copy of small.txt", 3000, summary.small),
                ("\(mode)/small.txt", 3000, summary.small),
            ]
        }
        // Each run deleted old/1.txt and old/2.txt (3 bytes each): they are old versions now.
        let listed = try pail.settledVault(oldVersions: 2 * (3 + 3))
        #expect(listed.map(\.path) == expected.map(\.path))
        #expect(listed.map(\.size) == expected.map(\.size))
        #expect(listed.map(\.etag) == expected.map(\.etag))
    }
}
