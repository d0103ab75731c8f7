import Foundation
import Testing

/// The flows of docs/DESIGN.md one after another, as a user runs them from a shell, checked as the user would.
@Suite("Whole flow")
struct WholeFlowTests {
    /// The consistency delay for commands whose effect must stay pending until `pail wait`.
    let delayed = ["PAIL_DELAY_MS": "2000"]

    @Test("upload, eventual listing, quota, overwrite, delete, move, fetch, presigned URLs, check")
    func wholeFlow() throws {
        let pail = try PailRunner()

        // Put: the upload is stored at once, but its Object Created event is held on the bus, so the
        // (eventually consistent) inventory does not list the file yet.
        let report = try pail.makeFile("report.pdf", size: 150_000, seed: 1)
        let reportMD5 = try LocalFiles.md5(ofFile: report)
        let uploaded = try pail.json([UploadedFile].self, ["upload", report, "docs/report.pdf"], env: delayed)
        #expect(uploaded.map(\.path) == ["docs/report.pdf"])
        #expect(uploaded.first?.size == 150_000)
        #expect(uploaded.first?.etag == reportMD5)
        #expect(try pail.ls() == [], "a list right after a delayed put must miss the file")
        let pending = try pail.events()
        let created = pending.filter { $0.detailType == "Object Created" && $0.key == "alice/docs/report.pdf" }
        try #require(created.count == 1, "expected one pending Object Created for the upload, got \(pending)")
        #expect(created[0].state == "queued")
        #expect(created[0].bus == "default")
        #expect(created[0].event.source == "pail.store")
        #expect(created[0].event.detailType == "Object Created")
        #expect(created[0].event.detail.reason == "PutObject")
        #expect(created[0].event.detail.object?.size == 150_000)
        #expect(created[0].event.detail.object?.etag == reportMD5)

        // After `wait`, the inventory lists it with its size and the MD5 ETag; nothing is pending any more.
        try pail.wait()
        #expect(try pail.events().isEmpty)
        var listed = try pail.ls()
        try #require(listed.count == 1)
        #expect(listed[0].path == "docs/report.pdf")
        #expect(listed[0].size == 150_000)
        #expect(listed[0].etag == reportMD5)
        #expect(abs(listed[0].modified.timeIntervalSinceNow) < 120)
        let human = try pail.success("ls").stdout
        #expect(human.contains("docs/report.pdf") && human.contains(reportMD5), "ls prints path and ETag: \(human)")

        // More files; quota `used` is the sum of the sizes.
        let sizes = ["docs/notes.txt": 3_000, "docs/sub/deep.bin": 70_001, "photo.jpg": 5_123]
        for (index, (path, size)) in sizes.sorted(by: { $0.key < $1.key }).enumerated() {
            let file = try pail.makeFile("\(index).bin", size: size, seed: UInt64(10 + index))
            try pail.success("upload", file, path)
        }
        try pail.wait()
        listed = try pail.ls()
        #expect(listed.map(\.path) == ["docs/notes.txt", "docs/report.pdf", "docs/sub/deep.bin", "photo.jpg"])
        #expect(try pail.ls("docs/sub").map(\.path) == ["docs/sub/deep.bin"])
        var expectedUsed: Int64 = 150_000 + 3_000 + 70_001 + 5_123
        let quota = try pail.quota()
        #expect(quota.user == "alice")
        #expect(quota.used == expectedUsed)
        #expect(quota.used == listed.reduce(0) { $0 + $1.size })
        #expect(quota.limit > quota.used)
        let quotaText = try pail.success("quota").stdout
        #expect(quotaText.contains("alice") && quotaText.contains(" of "), "quota prints `used of limit`: \(quotaText)")

        // Overwrite with a smaller file: the quota goes down by exactly the difference.
        let smaller = try pail.makeFile("report-v2.pdf", size: 40_000, seed: 2)
        let smallerMD5 = try LocalFiles.md5(ofFile: smaller)
        try pail.success("upload", "--overwrite", smaller, "docs/report.pdf")
        try pail.wait()
        expectedUsed += 40_000 - 150_000
        #expect(try pail.quota().used == expectedUsed)
        let overwritten = try pail.ls("docs/report.pdf")
        #expect(overwritten.map(\.size) == [40_000])
        #expect(overwritten.map(\.etag) == [smallerMD5])

        // Delete: answered at once with the command's event id; the file stays listed until the workflow ran.
        let removal = try pail.json(AcceptedCommand.self, ["rm", "photo.jpg"], env: delayed)
        let eventID = removal.eventId
        #expect(UUID(uuidString: eventID) != nil && removal.path == "photo.jpg" && !removal.applied, "\(removal)")
        #expect(try pail.ls().map(\.path).contains("photo.jpg"), "the delete is still pending")
        let command = try pail.events().filter { $0.event.id == eventID }
        #expect(command.map(\.detailType) == ["DeleteFile"])
        #expect(command.map(\.bus) == ["pail"])
        try pail.wait()
        #expect(!(try pail.ls().map(\.path).contains("photo.jpg")))
        expectedUsed -= 5_123
        #expect(try pail.quota().used == expectedUsed)

        // Move a folder as a whole into another (a DST ending in / is a folder to move into), and rename
        // a file: every file moves, sizes and ETags travel, quota unchanged.
        let beforeMove = Dictionary(uniqueKeysWithValues: try pail.ls().map { ($0.path, $0) })
        let moved = try pail.json(AcceptedCommand.self, ["mv", "docs", "archive/"])
        #expect(moved.accepted && moved.source == "docs/" && moved.destination == "archive/docs/", "\(moved)")
        try pail.wait()
        try pail.success("mv", "archive/docs/notes.txt", "archive/docs/notes-2024.txt")
        try pail.wait()
        let afterMove = try pail.ls()
        let renames = [
            "docs/report.pdf": "archive/docs/report.pdf", "docs/sub/deep.bin": "archive/docs/sub/deep.bin",
            "docs/notes.txt": "archive/docs/notes-2024.txt",
        ]
        #expect(afterMove.map(\.path) == renames.values.sorted())
        for (old, new) in renames {
            let entry = afterMove.first { $0.path == new }
            #expect(entry?.size == beforeMove[old]?.size, "\(new) keeps the size of \(old)")
            #expect(entry?.etag == beforeMove[old]?.etag, "\(new) keeps the content of \(old)")
        }
        #expect(try pail.ls("docs") == [])
        #expect(try pail.quota().used == expectedUsed)

        // Fetch: a missing file (or one that moved away) is NoSuchKey and writes nothing; a present one is byte-identical.
        let missingTarget = pail.local("missing.out")
        try pail.failure("NoSuchKey", ["fetch", "nothing-here.txt", missingTarget])
        try pail.failure("NoSuchKey", ["fetch", "docs/notes.txt", missingTarget])
        #expect(!FileManager.default.fileExists(atPath: missingTarget))
        let fetched = pail.local("fetched.pdf")
        try pail.success("fetch", "archive/docs/report.pdf", fetched)
        #expect(FileManager.default.contents(atPath: fetched) == FileManager.default.contents(atPath: smaller))

        // Presigned GET URLs: the URL works as given; any change to its signature or key, or using it to PUT, is
        // SignatureDoesNotMatch; once expired it is AccessDenied.
        let url = try pail.json(PresignedURL.self, ["presign", "get", "archive/docs/notes-2024.txt"]).url
        #expect(url.hasPrefix("http://") && url.contains("/archive/docs/notes-2024.txt?") && url.contains("X-Amz-Signature="))
        let viaURL = pail.local("via-url.txt")
        try pail.success("get-url", url, viaURL)
        #expect(try LocalFiles.md5(ofFile: viaURL) == beforeMove["docs/notes.txt"]?.etag)

        let tamperedTarget = pail.local("tampered.out")
        let tamperedSignature = try Self.changingLastCharacter(of: url)
        try pail.failure("SignatureDoesNotMatch", ["get-url", tamperedSignature, tamperedTarget])
        let otherKey = url.replacingOccurrences(of: "/archive/docs/notes-2024.txt?", with: "/archive/docs/report.pdf?")
        #expect(otherKey != url)
        try pail.failure("SignatureDoesNotMatch", ["get-url", otherKey, tamperedTarget])
        let longer = url.replacingOccurrences(of: "X-Amz-Expires=900", with: "X-Amz-Expires=9000")
        #expect(longer != url)
        try pail.failure("SignatureDoesNotMatch", ["get-url", longer, tamperedTarget])
        try pail.failure("SignatureDoesNotMatch", ["put-url", url, smaller])
        #expect(!FileManager.default.fileExists(atPath: tamperedTarget))

        let shortLived = try pail.success("presign", "get", "archive/docs/report.pdf", "--expires", "1").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        Thread.sleep(forTimeInterval: 2.2)
        let expired = try pail.failure("AccessDenied", ["get-url", shortLived, tamperedTarget])
        #expect(expired.contains("Request has expired"))
        #expect(!FileManager.default.fileExists(atPath: tamperedTarget))

        // Nothing above broke the store's agreement with the inventory, or changed the files.
        try pail.check()
        #expect(try pail.quota().used == expectedUsed)
        #expect(try pail.ls().map(\.path) == renames.values.sorted())
    }

    /// The URL with the last hex digit of its X-Amz-Signature changed.
    static func changingLastCharacter(of url: String) throws -> String {
        let signature = try #require(url.range(of: "X-Amz-Signature=")).upperBound
        let end = url[signature...].firstIndex(of: "&") ?? url.endIndex
        let last = url.index(before: end)
        let replacement = url[last] == "0" ? "1" : "0"
        var changed = url
        changed.replaceSubrange(last...last, with: replacement)
        return changed
    }
}
