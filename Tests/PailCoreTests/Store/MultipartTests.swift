import Crypto
import Foundation
import Synchronization
import Testing

@testable import PailCore

/// S3's multipart ETag, computed here on its own: the MD5 of the parts' binary MD5s, `-`, the part count.
private func referenceETag(_ parts: [Data]) -> String {
    let digests = parts.reduce(into: Data()) { $0.append(contentsOf: Insecure.MD5.hash(data: $1)) }
    return "\(md5Hex(digests))-\(parts.count)"
}

private let fiveMiB = Int(ObjectStore.minPartSize)

extension TestVault {
    /// Streams `data` as part `number` of an upload, in 1 MiB writes, and commits it.
    @discardableResult
    func uploadPart(_ uploadId: String, key: String, _ number: Int, _ data: Data, limit: Int64? = nil) throws -> PartInfo {
        let part = try engine.store.beginPart(uploadId: uploadId, key: key, partNumber: number, limit: limit)
        try data.withUnsafeBytes { bytes in
            for start in stride(from: 0, to: bytes.count, by: 1 << 20) {
                try part.write(UnsafeRawBufferPointer(rebasing: bytes[start..<min(start + (1 << 20), bytes.count)]))
            }
        }
        return try part.commit()
    }

    /// The bytes of the current object at `key`.
    func contents(of key: String) throws -> Data {
        let body = try engine.store.open(key: key)
        var read = Data()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while case let count = try body.read(into: buffer), count > 0 { read.append(contentsOf: buffer[..<count]) }
        return read
    }

    /// What `pail check` and `pail check --deep` find, together.
    func fullCheck() throws -> [String] {
        try check() + ConsistencyCheck(engine: engine).verifyBlobs().differences
    }
}

@Suite("Multipart uploads: completing")
struct MultipartCompletionTests {
    @Test("three 5 MiB parts and a small one, uploaded out of order, become one object with S3's ETag, its event and its item")
    func theWholeHappyPath() throws {
        let vault = try TestVault()
        let store = vault.engine.store
        let key = "alice/media/big.bin"
        let parts = [bytes(fiveMiB, seed: 1), bytes(fiveMiB, seed: 2), bytes(fiveMiB, seed: 3), bytes(1_000, seed: 4)]
        let id = try store.createMultipartUpload(key: key, headers: try ObjectHeaders(contentType: "application/octet-stream"))
        #expect(id.count == 43 && id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        var infos: [Int: PartInfo] = [:]
        for number in [2, 4, 1, 3] { infos[number] = try vault.uploadPart(id, key: key, number, parts[number - 1]) }
        #expect(infos[4]?.etag == md5Hex(parts[3]) && infos[4]?.size == 1_000)
        #expect(try store.head(key: key) == nil, "nothing is visible before completion")
        #expect(try vault.pending().isEmpty, "parts publish no event")
        #expect(vault.files(in: "blobs").count == 4)
        #expect(try vault.fullCheck() == [], "part blobs are not stray, and each matches its ETag")

        let listed = (1...4).map { (number: $0, etag: "\"\(infos[$0]!.etag)\"") }  // quoted, as clients echo them
        let object = try store.completeMultipartUpload(uploadId: id, key: key, parts: listed)
        let whole = parts.reduce(Data(), +)
        #expect(object.etag == referenceETag(parts))
        #expect(object.size == Int64(whole.count))
        #expect(object.contentType == "application/octet-stream")
        #expect(try vault.contents(of: key) == whole)
        #expect(vault.files(in: "blobs").count == 1, "every part's blob is released")
        #expect(vault.files(in: "tmp").isEmpty)
        #expect(try store.listMultipartUploads().uploads.isEmpty)

        let events = try vault.pending()
        #expect(events.count == 1)
        #expect(events[0].event.detailType == "Object Created")
        #expect(events[0].event.detail["reason"] == "CompleteMultipartUpload")
        #expect(events[0].event.detail["object"]?["etag"]?.stringValue == object.etag)
        #expect(events[0].event.detail["object"]?["size"]?.int64Value == object.size)

        try vault.engine.waitUntilIdle()
        let item = try #require(try vault.engine.api.list(user: "alice").first)
        #expect(item.path == "media/big.bin" && item.size == object.size && item.etag == object.etag)
        #expect(try vault.used() == object.size)
        #expect(try vault.fullCheck() == [], "check --deep verifies the MD5 recorded for the assembled blob")

        // A download checks the bytes against that MD5 (the multipart ETag is not one).
        let local = vault.root + "/downloaded.bin"
        try TransferClient(engine: vault.engine).fetch(user: "alice", remote: RemotePath("media/big.bin"), local: local)
        #expect(FileManager.default.contents(atPath: local) == whole)
    }

    @Test("a single part, and an unlisted part: the object holds only the listed ones, and every part's blob is released")
    func onlyListedPartsAreAssembled() throws {
        let vault = try TestVault()
        let store = vault.engine.store
        let id = try store.createMultipartUpload(key: "alice/one.txt", headers: try ObjectHeaders(contentType: "text/plain"))
        let first = try vault.uploadPart(id, key: "alice/one.txt", 1, Data("only this".utf8))
        try vault.uploadPart(id, key: "alice/one.txt", 7, Data("never listed".utf8))
        let object = try store.completeMultipartUpload(
            uploadId: id, key: "alice/one.txt", parts: [(1, first.etag)], headers: try ObjectHeaders(contentType: "text/markdown"))
        #expect(object.etag == referenceETag([Data("only this".utf8)]))
        #expect(object.contentType == "text/markdown", "the content type given at completion wins")
        #expect(try vault.contents(of: "alice/one.txt") == Data("only this".utf8))
        #expect(vault.files(in: "blobs").count == 1)
        try vault.engine.waitUntilIdle()
        #expect(try vault.fullCheck() == [])
    }

    @Test("uploading a part number again replaces the part and releases its old blob")
    func aReuploadedPartReplacesTheOldOne() throws {
        let vault = try TestVault()
        let store = vault.engine.store
        let id = try store.createMultipartUpload(key: "alice/r.bin")
        try vault.uploadPart(id, key: "alice/r.bin", 1, bytes(fiveMiB, seed: 8))
        let second = try vault.uploadPart(id, key: "alice/r.bin", 2, Data("old".utf8))
        let replacement = try vault.uploadPart(id, key: "alice/r.bin", 2, Data("new tail".utf8))
        #expect(vault.files(in: "blobs").count == 2)
        let page = try store.listParts(uploadId: id, key: "alice/r.bin")
        #expect(page.parts.map(\.number) == [1, 2] && page.parts[1].etag == replacement.etag && !page.isTruncated)
        #expect(page.upload.key == "alice/r.bin" && page.upload.user == "alice")
        #expect(try vault.fullCheck() == [])

        let stale = #expect(throws: PailError.self) {
            try store.completeMultipartUpload(uploadId: id, key: "alice/r.bin", parts: [(1, page.parts[0].etag), (2, second.etag)])
        }
        #expect(stale?.code == .invalidPart)
        try store.completeMultipartUpload(uploadId: id, key: "alice/r.bin", parts: page.parts.map { ($0.number, $0.etag) })
        #expect(try vault.contents(of: "alice/r.bin") == bytes(fiveMiB, seed: 8) + Data("new tail".utf8))
        try vault.engine.waitUntilIdle()
        #expect(try vault.fullCheck() == [])
    }

    @Test("listings page through parts and uploads with S3's markers")
    func listingsPage() throws {
        let vault = try TestVault()
        let store = vault.engine.store
        let id = try store.createMultipartUpload(key: "alice/p.bin")
        for number in [5, 1, 3] { try vault.uploadPart(id, key: "alice/p.bin", number, Data("\(number)".utf8)) }
        let first = try store.listParts(uploadId: id, key: "alice/p.bin", maxParts: 2)
        #expect(first.parts.map(\.number) == [1, 3] && first.isTruncated && first.nextPartNumberMarker == 3)
        let rest = try store.listParts(uploadId: id, key: "alice/p.bin", partNumberMarker: 3, maxParts: 2)
        #expect(rest.parts.map(\.number) == [5] && !rest.isTruncated && rest.nextPartNumberMarker == nil)

        let ids = try ["alice/a", "alice/b", "alice/b", "bob/c"].map { try store.createMultipartUpload(key: $0) }
        let all = try store.listMultipartUploads(prefix: "alice/")
        #expect(all.uploads.map(\.key) == ["alice/a", "alice/b", "alice/b", "alice/p.bin"] && !all.isTruncated)
        #expect(Set(all.uploads.map(\.uploadId)) == Set(ids.dropLast() + [id]))
        var seen: [MultipartUpload] = []
        var page = try store.listMultipartUploads(prefix: "alice/", maxUploads: 1)
        seen += page.uploads
        while page.isTruncated {
            page = try store.listMultipartUploads(
                prefix: "alice/", keyMarker: page.nextKeyMarker, uploadIdMarker: page.nextUploadIdMarker, maxUploads: 1)
            seen += page.uploads
        }
        #expect(seen == all.uploads)
        let uploadsToB = all.uploads.filter { $0.key == "alice/b" }
        let afterFirstB = try store.listMultipartUploads(keyMarker: "alice/b", uploadIdMarker: uploadsToB[0].uploadId)
        #expect(afterFirstB.uploads.map(\.uploadId) == [uploadsToB[1].uploadId, id, ids[3]])
        #expect(try store.listMultipartUploads(keyMarker: "alice/b").uploads.map(\.key) == ["alice/p.bin", "bob/c"])
        #expect(try store.listMultipartUploads(uploadIdMarker: "zzz").uploads.count == 5, "an upload-id marker alone is ignored")
    }
}

@Suite("Multipart uploads: refusals change nothing")
struct MultipartRefusalTests {
    /// A vault where alice has an upload to `alice/x.bin` with parts 1 (5 MiB), 2 (small) and 3 (5 MiB).
    private func vaultWithParts() throws -> (TestVault, String, [PartInfo]) {
        let vault = try TestVault()
        let id = try vault.engine.store.createMultipartUpload(key: "alice/x.bin")
        let parts = try [bytes(fiveMiB, seed: 1), bytes(100, seed: 2), bytes(fiveMiB, seed: 3)].enumerated().map {
            try vault.uploadPart(id, key: "alice/x.bin", $0.offset + 1, $0.element)
        }
        return (vault, id, parts)
    }

    /// Everything that may not change when a request is refused.
    private struct Snapshot: Equatable {
        let blobs: [String]
        let tmp: [String]
        let parts: [PartInfo]
        let uploads: [MultipartUpload]
        let object: ObjectMetadata?
        let events: Int

        init(_ vault: TestVault, _ id: String) throws {
            blobs = vault.files(in: "blobs").sorted()
            tmp = vault.files(in: "tmp")
            parts = try vault.engine.store.listParts(uploadId: id, key: "alice/x.bin").parts
            uploads = try vault.engine.store.listMultipartUploads().uploads
            object = try vault.engine.store.head(key: "alice/x.bin")
            events = try vault.pending().count
        }
    }

    @Test("part numbers outside 1…10000, unknown uploads and other keys' uploads, oversized parts")
    func badPartsAreRefused() throws {
        let (vault, id, _) = try vaultWithParts()
        let store = vault.engine.store
        let before = try Snapshot(vault, id)
        for number in [0, -1, 10_001] {
            let error = #expect(throws: PailError.self) { try store.beginPart(uploadId: id, key: "alice/x.bin", partNumber: number) }
            #expect(error?.code == .invalidArgument && error?.message.contains("\(number)") == true)
        }
        for (uploadId, key) in [("no-such-upload", "alice/x.bin"), (id, "alice/other.bin"), (id, "bob/x.bin")] {
            let begin = #expect(throws: PailError.self) { try store.beginPart(uploadId: uploadId, key: key, partNumber: 1) }
            #expect(begin?.code == .noSuchUpload)
            let list = #expect(throws: PailError.self) { try store.listParts(uploadId: uploadId, key: key) }
            #expect(list?.code == .noSuchUpload)
            let abort = #expect(throws: PailError.self) { try store.abortMultipartUpload(uploadId: uploadId, key: key) }
            #expect(abort?.code == .noSuchUpload)
            let complete = #expect(throws: PailError.self) {
                try store.completeMultipartUpload(uploadId: uploadId, key: key, parts: [(1, "x")])
            }
            #expect(complete?.code == .noSuchUpload)
        }
        let overLimit = #expect(throws: PailError.self) { try vault.uploadPart(id, key: "alice/x.bin", 4, bytes(11), limit: 10) }
        #expect(overLimit?.code == .entityTooLarge)
        // Over 5 GiB: refused before a byte is read, so the buffer need not exist beyond its length.
        let part = try store.beginPart(uploadId: id, key: "alice/x.bin", partNumber: 4)
        let huge = UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: 0x1000), count: Int(ObjectStore.maxPartSize) + 1)
        let tooLarge = #expect(throws: PailError.self) { try part.write(huge) }
        #expect(tooLarge?.code == .entityTooLarge && tooLarge?.message.contains("5 GiB") == true)
        part.discard()
        let badKey = #expect(throws: PailError.self) { try store.createMultipartUpload(key: "alice/folder/") }
        #expect(badKey?.code == .invalidArgument)
        let marker = #expect(throws: PailError.self) { try store.listParts(uploadId: id, key: "alice/x.bin", partNumberMarker: -1) }
        #expect(marker?.code == .invalidArgument)
        let most = #expect(throws: PailError.self) { try store.listMultipartUploads(maxUploads: -1) }
        #expect(most?.code == .invalidArgument)
        #expect(try Snapshot(vault, id) == before)
    }

    @Test("S3's completion rules: a part list, in order, of uploaded parts with their ETags, none but the last under 5 MiB")
    func badCompletionsAreRefused() throws {
        let (vault, id, parts) = try vaultWithParts()
        let store = vault.engine.store
        let before = try Snapshot(vault, id)
        let cases: [([(number: Int, etag: String)], PailError.Code)] = [
            ([], .malformedXML),
            ([(3, parts[2].etag), (1, parts[0].etag)], .invalidPartOrder),
            ([(1, parts[0].etag), (1, parts[0].etag)], .invalidPartOrder),
            ([(1, parts[0].etag), (4, parts[0].etag)], .invalidPart),
            ([(1, parts[0].etag), (3, parts[0].etag)], .invalidPart),
            ([(1, parts[0].etag), (2, parts[1].etag), (3, parts[2].etag)], .entityTooSmall),
        ]
        for (listed, code) in cases {
            let error = #expect(throws: PailError.self) {
                try store.completeMultipartUpload(uploadId: id, key: "alice/x.bin", parts: listed)
            }
            #expect(error?.code == code, "\(listed.map(\.number))")
            #expect(try Snapshot(vault, id) == before)
        }
        // The same upload completes once the list is right: a small part last is fine.
        try store.completeMultipartUpload(uploadId: id, key: "alice/x.bin", parts: [(1, parts[0].etag), (2, parts[1].etag)])
        try vault.engine.waitUntilIdle()
        #expect(try vault.fullCheck() == [])
    }

    @Test("a part that would take its user over their quota, counting their other pending parts, is refused and stores nothing")
    func quotaCountsPendingParts() throws {
        let vault = try TestVault()
        let store = vault.engine.store
        _ = try vault.engine.api.addUser("bob", quota: 12 << 20)
        try vault.upload("small.txt", bytes(1 << 20), user: "bob")
        let id = try store.createMultipartUpload(key: "bob/big.bin")
        try vault.uploadPart(id, key: "bob/big.bin", 1, bytes(fiveMiB))
        let other = try store.createMultipartUpload(key: "bob/other.bin")
        try vault.uploadPart(other, key: "bob/other.bin", 1, bytes(fiveMiB))
        let blobs = vault.files(in: "blobs").sorted()
        // 1 MiB stored + 10 MiB pending: 2 MiB more is over 12 MiB.
        let refused = #expect(throws: PailError.self) { try vault.uploadPart(id, key: "bob/big.bin", 2, bytes(2 << 20)) }
        #expect(refused?.code == .quotaExceeded)
        #expect(refused?.message.contains("10.5 MB in incomplete multipart uploads") == true, "\(refused?.message ?? "")")
        #expect(vault.files(in: "blobs").sorted() == blobs && vault.files(in: "tmp").isEmpty)
        #expect(try store.listParts(uploadId: id, key: "bob/big.bin").parts.map(\.number) == [1])
        // Pending parts count against a PUT too; replacing a part counts only the difference.
        let put = #expect(throws: PailError.self) { try vault.upload("more.bin", bytes(2 << 20), user: "bob") }
        #expect(put?.code == .quotaExceeded)
        try vault.uploadPart(id, key: "bob/big.bin", 1, bytes(fiveMiB + 1_000, seed: 5))
        // Aborting gives the room back; the quota of the inventory never counted the parts.
        try store.abortMultipartUpload(uploadId: other, key: "bob/other.bin")
        try vault.uploadPart(id, key: "bob/big.bin", 2, bytes(2 << 20))
        try vault.engine.waitUntilIdle()
        #expect(try vault.used("bob") == 1 << 20)
        #expect(try vault.fullCheck() == [])
    }
}

@Suite("Multipart uploads: reclaiming and recovery")
struct MultipartReclaimTests {
    @Test("abort releases every part's blob; the upload is gone")
    func abortReclaimsTheBlobs() throws {
        let vault = try TestVault()
        let store = vault.engine.store
        try vault.upload("kept.txt", Data("kept".utf8))
        let id = try store.createMultipartUpload(key: "alice/a.bin")
        for number in 1...3 { try vault.uploadPart(id, key: "alice/a.bin", number, bytes(1_000 * number)) }
        #expect(vault.files(in: "blobs").count == 4)
        try store.abortMultipartUpload(uploadId: id, key: "alice/a.bin")
        #expect(vault.files(in: "blobs").count == 1)
        #expect(try store.listMultipartUploads().uploads.isEmpty)
        let again = #expect(throws: PailError.self) { try store.abortMultipartUpload(uploadId: id, key: "alice/a.bin") }
        #expect(again?.code == .noSuchUpload)
        try vault.engine.waitUntilIdle()
        #expect(try vault.fullCheck() == [])
    }

    @Test("the lifecycle sweep aborts uploads older than 7 days, at once and when a process opens the root")
    func expiredUploadsAreAborted() throws {
        let clock = ManualClock()
        let vault = try TestVault(clock: clock)
        let store = vault.engine.store
        let old = try store.createMultipartUpload(key: "alice/old.bin")
        try vault.uploadPart(old, key: "alice/old.bin", 1, bytes(1_000))
        clock.advance(by: ObjectStore.incompleteUploadLifetime - 10)
        let young = try store.createMultipartUpload(key: "alice/young.bin")
        try vault.uploadPart(young, key: "alice/young.bin", 1, bytes(2_000))
        try store.runLifecycle()
        #expect(try store.listMultipartUploads().uploads.count == 2, "nothing is 7 days old yet")

        clock.advance(by: 11)
        try store.runLifecycle()
        #expect(try store.listMultipartUploads().uploads.map(\.uploadId) == [young])
        #expect(vault.files(in: "blobs").count == 1)
        let gone = #expect(throws: PailError.self) { try vault.uploadPart(old, key: "alice/old.bin", 2, bytes(10)) }
        #expect(gone?.code == .noSuchUpload)

        clock.advance(by: ObjectStore.incompleteUploadLifetime)
        let later = try vault.reopen()
        defer { later.close() }
        #expect(try later.store.listMultipartUploads().uploads.isEmpty)
        #expect(vault.files(in: "blobs").isEmpty)
        #expect(try vault.fullCheck() == [])
    }

    @Test("a part dropped without a commit leaves nothing; a part committed is kept by recovery, one never committed is removed")
    func crashesLeaveAWholePartOrNothing() throws {
        let vault = try TestVault()
        let store = vault.engine.store
        let blobs = LocalBlobStore(root: vault.root)
        let id = try store.createMultipartUpload(key: "alice/c.bin")
        do {
            let dropped = try store.beginPart(uploadId: id, key: "alice/c.bin", partNumber: 1)
            try bytes(1_000).withUnsafeBytes { try dropped.write($0) }
            #expect(vault.files(in: "tmp").count == 1)
        }
        #expect(vault.files(in: "blobs").isEmpty && vault.files(in: "tmp").isEmpty)

        // A crash after the part's row committed and before its tmp/ name was dropped: the name is left, unlocked.
        let committed = try vault.uploadPart(id, key: "alice/c.bin", 1, bytes(1_000))
        let blob = try #require(try vault.engine.read { try store.uploads.part($0, uploadId: id, number: 1)?.blob })
        try FileManager.default.linkItem(atPath: blobs.path(of: blob), toPath: blobs.tmpPath(of: blob))
        // A crash after the part's blob was named and made durable, before its row committed.
        let orphan = try store.blobs.create()
        try bytes(500).withUnsafeBytes { try orphan.write($0) }
        _ = try orphan.finish(durable: true)
        orphan.close()  // the writer lets go of its lock; its tmp/ name comes back below, as a killed process leaves it
        try FileManager.default.linkItem(atPath: blobs.path(of: orphan.blob), toPath: blobs.tmpPath(of: orphan.blob))
        #expect(vault.files(in: "tmp").count == 2 && vault.files(in: "blobs").count == 2)

        let reopened = try vault.reopen()
        defer { reopened.close() }
        #expect(vault.files(in: "tmp").isEmpty)
        #expect(vault.files(in: "blobs").map { ($0 as NSString).lastPathComponent } == [blob])
        let object = try reopened.store.completeMultipartUpload(uploadId: id, key: "alice/c.bin", parts: [(1, committed.etag)])
        #expect(try vault.contents(of: object.key) == bytes(1_000))
        try vault.engine.waitUntilIdle()
        #expect(try vault.fullCheck() == [])
    }

    @Test("check names a part whose blob is missing, and check --deep a part or an assembled object whose bytes changed")
    func checkSeesPartsAndAssembledBlobs() throws {
        let vault = try TestVault()
        let store = vault.engine.store
        let blobs = LocalBlobStore(root: vault.root)
        let id = try store.createMultipartUpload(key: "alice/d.bin")
        let first = try vault.uploadPart(id, key: "alice/d.bin", 1, bytes(fiveMiB))
        try vault.uploadPart(id, key: "alice/d.bin", 2, bytes(10))
        let blobOf = { (number: Int) in try vault.engine.read { try store.uploads.part($0, uploadId: id, number: number)!.blob } }
        let second = try blobOf(2)
        try Data("xx".utf8).write(to: URL(fileURLWithPath: blobs.path(of: second)))
        #expect(
            try ConsistencyCheck(engine: vault.engine).verifyBlobs().differences == [
                "alice/d.bin (part 2 of the multipart upload \(id)): the bytes on disk (2 bytes, MD5 \(md5Hex(Data("xx".utf8)))) "
                    + "do not match its ETag (10 bytes, ETag \(md5Hex(bytes(10)))); blob file \(second)"
            ])
        try FileManager.default.removeItem(atPath: blobs.path(of: second))
        #expect(try vault.check() == ["missing blob file \(second): part 2 of the multipart upload \(id) to alice/d.bin refers to it"])
        let missing = #expect(throws: PailError.self) {
            try store.completeMultipartUpload(uploadId: id, key: "alice/d.bin", parts: [(1, first.etag), (2, md5Hex(bytes(10)))])
        }
        #expect(missing?.code == .storageError && missing?.message.contains("missing") == true)

        let object = try store.completeMultipartUpload(uploadId: id, key: "alice/d.bin", parts: [(1, first.etag)])
        try vault.engine.waitUntilIdle()
        #expect(try vault.fullCheck() == [])
        let assembled = blobs.path(of: object.blob)
        try bytes(fiveMiB, seed: 9).write(to: URL(fileURLWithPath: assembled))
        let damaged = try ConsistencyCheck(engine: vault.engine).verifyBlobs().differences
        #expect(
            damaged == [
                "alice/d.bin: the bytes on disk (\(fiveMiB) bytes, MD5 \(md5Hex(bytes(fiveMiB, seed: 9)))) do not match its ETag "
                    + "(\(fiveMiB) bytes, ETag \(object.etag) of its parts, MD5 \(md5Hex(bytes(fiveMiB))) when they were assembled); "
                    + "blob file \(object.blob)"
            ])
    }
}

@Suite("Multipart uploads: concurrency")
struct MultipartConcurrencyTests {
    @Test("two uploads to one key: the one completed last is current, the other is kept as an old version")
    func completionOrderDecides() throws {
        let vault = try TestVault()
        let store = vault.engine.store
        let first = try store.createMultipartUpload(key: "alice/k.bin")
        let second = try store.createMultipartUpload(key: "alice/k.bin")
        let a = try vault.uploadPart(first, key: "alice/k.bin", 1, Data("started first".utf8))
        let b = try vault.uploadPart(second, key: "alice/k.bin", 1, Data("started second".utf8))
        let completedSecond = try store.completeMultipartUpload(uploadId: second, key: "alice/k.bin", parts: [(1, b.etag)])
        let completedFirst = try store.completeMultipartUpload(uploadId: first, key: "alice/k.bin", parts: [(1, a.etag)])
        #expect(try vault.contents(of: "alice/k.bin") == Data("started first".utf8))
        let versions = try vault.engine.read { try store.versions($0, key: "alice/k.bin") }
        #expect(versions.map(\.versionId) == [completedFirst.versionId, completedSecond.versionId])
        #expect(versions.map(\.etag) == [completedFirst.etag, completedSecond.etag])
        try vault.engine.waitUntilIdle()
        #expect(try vault.engine.api.list(user: "alice").map(\.etag) == [completedFirst.etag])
        #expect(try vault.fullCheck() == [])
    }

    @Test("completions racing on two threads: each commits once, whichever commits last is current")
    func racingCompletions() throws {
        let vault = try TestVault()
        let store = vault.engine.store
        let parts = [[bytes(fiveMiB, seed: 1), Data("one".utf8)], [bytes(fiveMiB, seed: 2), Data("two".utf8)]]
        let uploads = try parts.map { pair in
            let id = try store.createMultipartUpload(key: "alice/race.bin")
            let head = try vault.uploadPart(id, key: "alice/race.bin", 1, pair[0])
            let tail = try vault.uploadPart(id, key: "alice/race.bin", 2, pair[1])
            return (id, [(number: 1, etag: head.etag), (number: 2, etag: tail.etag)])
        }
        let results = Mutex<[ObjectMetadata]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let object = try? store.completeMultipartUpload(uploadId: uploads[index].0, key: "alice/race.bin", parts: uploads[index].1)
            results.withLock { $0 += object.map { [$0] } ?? [] }
        }
        let completed = results.withLock { $0 }.sorted { $0.sequencer < $1.sequencer }
        #expect(completed.count == 2)
        let current = try #require(try store.head(key: "alice/race.bin"))
        #expect(current.versionId == completed.last?.versionId && current.blob == completed.last?.blob)
        let winner = try #require(parts.first { referenceETag($0) == current.etag })
        #expect(try vault.contents(of: "alice/race.bin") == winner[0] + winner[1])
        let versions = try vault.engine.read { try store.versions($0, key: "alice/race.bin") }
        #expect(versions.map(\.versionId) == completed.reversed().map(\.versionId))
        try vault.engine.waitUntilIdle()
        #expect(try vault.fullCheck() == [])
    }
}
