import Foundation
import Testing

@testable import PailCore

/// Searching paths: what a pattern matches, and a search reading the inventory in chunks, in path order,
/// with each file's place in its folder as the tree's listing counts it.
@Suite("Path search")
struct PathSearchTests {
    @Test func aSubstringMatchesAnywhereIgnoringCase() throws {
        let pattern = try SearchPattern("CHANG")
        #expect(pattern.match("docs/bash/changelog.gz") == [10..<15])
        #expect(pattern.match("docs/bash/ChAnGe") == [10..<15])
        #expect(pattern.match("docs/bash/chnage") == nil)
        #expect(try SearchPattern("/b").match("docs/bash/x") == [4..<6], "slashes are part of the path")
        #expect(try SearchPattern("x").match("") == nil)
    }

    @Test func aFuzzyPatternMatchesItsCharactersInOrderAsTightlyAsItCan() throws {
        let pattern = try SearchPattern("dbc", fuzzy: true)
        #expect(pattern.match("docs/bash/changelog.gz") == [0..<1, 5..<6, 10..<11])
        #expect(pattern.match("cbd") == nil)
        #expect(try SearchPattern("ab", fuzzy: true).match("a-a-ab") == [4..<6], "the tightest run ending first")
        #expect(try SearchPattern("dbc").match("docs/bash/changelog.gz") == nil, "without --fuzzy it is a substring")
    }

    @Test func lettersBeyondASCIIAreComparedLowerCased() throws {
        // "é" is 2 bytes: the ranges are in UTF-8 bytes of the path.
        #expect(try SearchPattern("ÉTÉ").match("photos/été.jpg") == [7..<12])
        #expect(try SearchPattern("été").match("photos/ÉTÉ.jpg") == [7..<12])
        #expect(try SearchPattern("jpg").match("日本/写真.JPG") == [14..<17])
        #expect(try SearchPattern("本写", fuzzy: true).match("日本/写真") == [3..<6, 7..<10])
    }

    @Test(arguments: ["", "a\u{1}b", "tab\there"])
    func anEmptyPatternOrAControlCharacterIsRefused(text: String) {
        #expect {
            try SearchPattern(text)
        } throws: {
            ($0 as? PailError)?.code == .invalidArgument
        }
    }

    @Test func aSearchFindsFilesAndFoldersInPathOrderWithTheirPlaceInTheirFolder() throws {
        let vault = try TestVault()
        let paths = [
            "a.txt", "docs/bash/changelog.gz", "docs/bash/x", "docs/bash.txt", "docs/old/bash-1", "docs/z", "docs0", "Bash/y",
            "notes/été", "notes/Été/bash",
        ]
        for path in paths { try vault.upload(path, bytes(2)) }
        try vault.engine.waitUntilIdle()
        let hits = try search("BASH", in: vault)
        #expect(
            hits.map(\.path) == [
                "Bash/", "Bash/y", "docs/bash.txt", "docs/bash/", "docs/bash/changelog.gz", "docs/bash/x", "docs/old/bash-1",
                "notes/Été/bash",
            ])
        #expect(hits.filter(\.isFolder).map(\.path) == ["Bash/", "docs/bash/"])
        #expect(hits.first { $0.path == "docs/old/bash-1" }?.matched == [9..<13])
        #expect(hits.first { $0.path == "docs/bash/x" }?.file?.size == 2)
        #expect(try search("bash", in: vault, under: "docs/").map(\.path).first == "docs/bash.txt")
        #expect(try search("nothing-like-this", in: vault).isEmpty)
    }

    @Test func aSearchReadInChunksFindsWhatOnePassFinds() throws {
        let vault = try TestVault()
        for index in 0..<40 { try vault.upload("f\(index % 4)/g\(index % 3)/file\(index)", bytes(1)) }
        try vault.upload("top-file1", bytes(1))
        try vault.engine.waitUntilIdle()
        let whole = try search("1", in: vault)
        for rows in [1, 3, 7] {
            let chunked = try search("1", in: vault, rows: rows)
            #expect(chunked == whole, "\(rows) rows a chunk")
        }
        #expect(whole.contains { $0.path == "f1/" } && whole.contains { $0.path == "f2/g1/" } && whole.last?.path == "top-file1")
    }

    @Test func aVisitorThatSaysStopEndsTheSearch() throws {
        let vault = try TestVault()
        for index in 0..<10 { try vault.upload("f\(index)", bytes(1)) }
        try vault.engine.waitUntilIdle()
        var search = PathSearch(pattern: try SearchPattern("f"))
        var seen: [String] = []
        try vault.engine.api.continueSearch(&search, user: "alice") { hit in
            seen.append(hit.path)
            return seen.count < 3
        }
        #expect(seen == ["f0", "f1", "f2"] && search.isFinished)
    }

    private func search(_ text: String, in vault: TestVault, under folder: String = "", rows: Int = .max) throws -> [SearchHit] {
        var search = PathSearch(pattern: try SearchPattern(text), under: folder)
        var hits: [SearchHit] = []
        var chunks = 0
        while !search.isFinished {
            try vault.engine.api.continueSearch(&search, user: "alice", rows: rows) {
                hits.append($0); return true
            }
            chunks += 1
            #expect(chunks < 1000)
        }
        return hits
    }
}
