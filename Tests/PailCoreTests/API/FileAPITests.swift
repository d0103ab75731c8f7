import Foundation
import Testing

@testable import PailCore

@Suite("File API")
struct FileAPITests {
    @Test func uploadsOverTheQuotaAreRefusedBeforeAnyByteMoves() throws {
        let vault = try TestVault.holding("a", size: 600, user: "bob", quota: 1000)
        let error = #expect(throws: PailError.self) {
            try vault.engine.api.createUpload(user: "bob", path: RemotePath("b"), size: 401)
        }
        #expect(error?.code == .quotaExceeded)
        // The replaced file is kept as an old version, so replacing it needs room for the whole new file
        #expect(throws: PailError.self) { try vault.engine.api.createUpload(user: "bob", path: RemotePath("a"), size: 401) }
        // unless the user keeps no old versions: then only the difference.
        _ = try vault.engine.api.setRetention(user: "bob", seconds: 0)
        _ = try vault.engine.api.createUpload(user: "bob", path: RemotePath("a"), size: 1000)
        #expect(try vault.engine.api.createUpload(user: "bob", path: RemotePath("b")).maxBytes == 400)
    }

    @Test func batchedUploadURLsCheckEachFileAsOneURLWould() throws {
        let vault = try TestVault.holding("a", size: 600, user: "bob", quota: 1000)
        let api = vault.engine.api
        #expect(
            try api.createUploads(user: "bob", files: [(try RemotePath("a"), 400), (try RemotePath("b"), nil)]).map(\.maxBytes) == [
                400, 400,
            ])
        _ = try api.setRetention(user: "bob", seconds: 0)
        let urls = try api.createUploads(user: "bob", files: [(try RemotePath("a"), 1000), (try RemotePath("b"), nil)])
        #expect(urls.map(\.maxBytes) == [1000, 400])
        let over = #expect(throws: PailError.self) {
            try api.createUploads(user: "bob", files: [(try RemotePath("c"), 10), (try RemotePath("d"), 401)])
        }
        #expect(over?.code == .quotaExceeded)
        let folder = #expect(throws: PailError.self) { try api.createUploads(user: "bob", files: [(try RemotePath("e/"), 1)]) }
        #expect(folder?.code == .invalidArgument)
    }

    @Test func usersSeeOnlyTheirOwnPartition() throws {
        let vault = try TestVault()
        try vault.upload("secret.txt", bytes(5), user: "alice")
        try vault.upload("mine.txt", bytes(5), user: "bob")
        try vault.engine.waitUntilIdle()
        #expect(try vault.list("bob") == ["mine.txt": 5])
        let error = #expect(throws: PailError.self) {
            try vault.engine.api.createDownload(user: "bob", path: RemotePath("secret.txt"))
        }
        #expect(error?.code == .noSuchKey)
        #expect(throws: PailError.self) { try vault.engine.api.delete(user: "bob", path: RemotePath("secret.txt")) }
    }

    @Test func listTakesAFolderAFileOrEverything() throws {
        let vault = try TestVault()
        for name in ["docs/a", "docs/b", "docs2/c", "top"] { try vault.upload(name, bytes(1)) }
        try vault.engine.waitUntilIdle()
        func paths(_ prefix: String?) throws -> [String] {
            try vault.engine.api.list(user: "alice", prefix: prefix.map(RemotePath.init)).map(\.path)
        }
        #expect(try paths(nil) == ["docs/a", "docs/b", "docs2/c", "top"])
        #expect(try paths("docs") == ["docs/a", "docs/b"])
        #expect(try paths("docs/") == ["docs/a", "docs/b"])
        #expect(try paths("top") == ["top"])
        #expect(try paths("nothing").isEmpty)
    }

    @Test func deleteAndMoveRefuseWhatCannotBeDone() throws {
        let vault = try TestVault()
        try vault.upload("docs/a", bytes(1))
        func code(_ body: () throws -> String) -> PailError.Code? {
            (#expect(throws: PailError.self) { _ = try body() })?.code
        }
        #expect(code { try vault.engine.api.delete(user: "alice", path: RemotePath("missing")).eventId } == .noSuchKey)
        #expect(code { try vault.engine.api.delete(user: "alice", path: RemotePath("docs")).eventId } == .invalidArgument)
        #expect(
            code { try vault.engine.api.move(user: "alice", from: RemotePath("docs"), to: RemotePath("docs/inner")).eventId }
                == .invalidArgument)
        #expect(
            code { try vault.engine.api.move(user: "alice", from: RemotePath("docs/a"), to: RemotePath("docs/a")).eventId }
                == .invalidArgument)
        #expect(code { try vault.engine.api.move(user: "alice", from: RemotePath("nope"), to: RemotePath("x")).eventId } == .noSuchKey)
        // Storage-first: the command is accepted (an event id) before anything happens.
        let accepted = try vault.engine.api.delete(user: "alice", path: RemotePath("docs"), recursive: true)
        #expect(try vault.pending().last?.event.id == accepted.eventId)
        #expect(accepted.path.value == "docs/", "the folder it deletes, as the user names it")
        #expect(try vault.engine.api.pendingCommand(eventId: accepted.eventId)?.event.id == accepted.eventId)
    }

    @Test func expiriesOutsideSigV4LimitsAreRefused() throws {
        let vault = try TestVault()
        try vault.upload("a", bytes(1))
        try vault.engine.waitUntilIdle()
        for expires in [0, 604_801] {
            #expect(throws: PailError.self) { try vault.engine.api.share(user: "alice", path: RemotePath("a"), expires: expires) }
        }
        let link = try vault.engine.api.share(user: "alice", path: RemotePath("a"), expires: 604_800)
        #expect(link.url.contains("X-Amz-Expires=604800"))
    }

    @Test func badUserNamesAreRefused() {
        for name in ["", "a/b", "..", "with space", String(repeating: "u", count: 65)] {
            #expect(throws: PailError.self) { try UserDirectory.validate(name: name) }
        }
    }

    @Test func anErrorAboutANameWithALineBreakIsOneLine() {
        let error = #expect(throws: PailError.self) { try UserDirectory.validate(name: "line\nbreak\u{1B}[2J") }
        #expect(error?.message.contains("'line\\u{a}break\\u{1b}[2J'") == true)
        #expect(error?.message.contains(where: { $0.isNewline || $0 == "\u{1B}" }) == false)
    }
}

@Suite("Folder listing")
struct FolderListingTests {
    @Test func oneLevelAtATimeWithFoldersOnce() throws {
        let vault = try TestVault()
        let paths = ["a.txt", "docs/x", "docs/sub/deep/y", "docs/sub/z", "docs0", "photos/p1", "photos/p2", "z/\u{301}q", "日本/f"]
        for path in paths { try vault.upload(path, bytes(3)) }
        try vault.engine.waitUntilIdle()
        let top = try vault.engine.api.listFolder(user: "alice", folder: nil)
        #expect(top.folder == "")
        #expect(top.folders == ["docs", "photos", "z", "日本"])
        #expect(top.files.map(\.path) == ["a.txt", "docs0"])
        let docs = try vault.engine.api.listFolder(user: "alice", folder: RemotePath("docs"))
        #expect(docs.folder == "docs/")
        #expect(docs.folders == ["sub"])
        #expect(docs.files.map(\.path) == ["docs/x"])
        #expect(try vault.engine.api.listFolder(user: "alice", folder: RemotePath("docs/sub/")).folders == ["deep"])
        #expect(try vault.engine.api.listFolder(user: "alice", folder: RemotePath("z")).files.map(\.path) == ["z/\u{301}q"])
        #expect(
            try vault.engine.api.listFolder(user: "alice", folder: RemotePath("missing"))
                == FolderListing(folder: "missing/", folders: [], files: []))
    }

    @Test func aWindowDecodesOnlyItsFilesAndCountsTheRest() throws {
        let vault = try TestVault()
        let names = (0..<30).map { "big/f" + ($0 < 10 ? "0" : "") + "\($0)" }
        for name in names { try vault.upload(name, bytes(1)) }
        // A sub-folder that sorts among the files (f1/ comes between f09 and f10), and a folder beside.
        try vault.upload("big/f1/inner", bytes(1))
        try vault.upload("big0/other", bytes(1))
        try vault.engine.waitUntilIdle()
        func read(_ window: FileWindow) throws -> FolderListing {
            try vault.engine.api.listFolder(user: "alice", folder: RemotePath("big"), window: window)
        }
        let first = try read(FileWindow(start: 0, limit: 10))
        #expect(first.folders == ["f1"] && first.fileCount == 30 && first.firstFileIndex == 0 && !first.isWhole)
        #expect(first.files.map(\.path) == Array(names[0..<10]))
        let middle = try read(FileWindow(start: 8, limit: 4))
        #expect(middle.firstFileIndex == 8 && middle.files.map(\.path) == Array(names[8..<12]), "the window spans the sub-folder")
        let last = try read(FileWindow(start: nil, limit: 10))
        #expect(last.firstFileIndex == 20 && last.files.map(\.path) == Array(names[20..<30]))
        let pastTheEnd = try read(FileWindow(start: 27, limit: 10))
        #expect(pastTheEnd.firstFileIndex == 20 && pastTheEnd.files.count == 10, "moved back to end on the last file")
        let filtered = try read(FileWindow(start: 1, limit: 3, matching: "F2"))
        #expect(filtered.fileCount == 10 && filtered.firstFileIndex == 1 && filtered.matching == "F2")
        #expect(filtered.files.map(\.path) == ["big/f21", "big/f22", "big/f23"])
        let quick = try vault.engine.api.listFolder(
            user: "alice", folder: RemotePath("big"), window: FileWindow(start: 0, limit: 5), count: false)
        #expect(!quick.isCounted && quick.fileCount == 5 && quick.files.map(\.path) == Array(names[0..<5]) && quick.folders.isEmpty)
        let quickToTheEnd = try vault.engine.api.listFolder(
            user: "alice", folder: RemotePath("big"), window: FileWindow(start: 25, limit: 10), count: false)
        #expect(quickToTheEnd.isCounted && quickToTheEnd.fileCount == 30 && quickToTheEnd.folders == ["f1"], "the folder ended first")
        let whole = try read(.all)
        #expect(whole.isWhole && whole.files.count == 30)
        let empty = try vault.engine.api.listFolder(user: "alice", folder: RemotePath("missing"), window: FileWindow(start: 5, limit: 10))
        #expect(empty.files.isEmpty && empty.fileCount == 0 && empty.firstFileIndex == 0)
    }

    @Test func largeFoldersAreReadInFull() throws {
        let vault = try TestVault()
        let client = TransferClient(engine: vault.engine)
        let local = vault.root + "-many"
        try FileManager.default.createDirectory(atPath: local + "/inner", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: local) }
        for index in 0..<1200 { try Data("\(index)".utf8).write(to: URL(fileURLWithPath: local + "/f\(index)")) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: local + "/inner/one"))
        try client.upload(user: "alice", local: local, remote: RemotePath("many/"))
        try vault.engine.waitUntilIdle()
        let listing = try vault.engine.api.listFolder(user: "alice", folder: RemotePath("many"))
        #expect(listing.files.count == 1200)
        #expect(listing.folders == ["inner"])
    }
}
