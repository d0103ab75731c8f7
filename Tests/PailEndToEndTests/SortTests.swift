import Foundation
import Testing

/// The tree's order in the real app: natural by name by default, `S` to choose another, remembered for the
/// vault; a folder bigger than a window is read in the chosen order to its end; `pail ls` keeps byte order.
@Suite("Sort (headless)")
struct SortEndToEndTests {
    /// The texts matching `pattern` on `screen`, top to bottom (the first on each line).
    func names(_ pattern: String, in screen: Substring) throws -> [String] {
        let regex = try Regex(pattern)
        return screen.split(separator: "\n").compactMap { line in line.firstMatch(of: regex).map { String(line[$0.range]) } }
    }

    /// The screens the headless `screen` commands printed, in order (30 lines each, the scripts' size).
    func screens(_ output: String) -> [Substring] {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        return stride(from: 0, to: lines.count - 1, by: 30).map { lines[$0..<min($0 + 30, lines.count)].joined(separator: "\n")[...] }
    }

    /// A vault whose folder `big/` holds n_1 … n_1005 (more than a window), n_k of `size(k)` bytes, applied.
    static func bigFolder(size: (Int) -> Int) throws -> PailRunner {
        let pail = try PailRunner()
        for k in 1...1_005 { try pail.makeFile("big/n_\(k)", size: size(k), seed: UInt64(k)) }
        try pail.success("upload", "-q", pail.local("big"), "big")
        try pail.wait()
        return pail
    }

    @Test("file_1 … file_12 show in natural order; S s sorts by size; the next UI opens in that order; pail ls keeps byte order")
    func naturalThenSizeRemembered() throws {
        let pail = try PailRunner()
        // file_k is (13 - k) × 100 bytes: by size, file_12 comes first.
        for k in 1...12 { try pail.makeFile("docs/file_\(k).txt", size: (13 - k) * 100, seed: UInt64(k)) }
        try pail.success("upload", pail.local("docs"), "docs")
        try pail.wait()
        let natural = (1...12).map { "file_\($0).txt" }
        let first = try pail.headlessSuccess(
            """
            key l
            expect file_12.txt
            screen
            key S
            expect Sort: name ↑
            key s
            wait-idle
            expect Sorted by size ↑, folders first
            expect Name · size ↑
            screen
            """)
        let shown = screens(first)
        try #require(shown.count == 2, "\(first)")
        #expect(try names(#"file_\d+\.txt"#, in: shown[0]) == natural, "natural order: \(first)")
        #expect(try names(#"file_\d+\.txt"#, in: shown[1]) == natural.reversed(), "size order: \(first)")
        let again = try pail.headlessSuccess(
            """
            key l
            expect file_12.txt
            expect Name · size ↑
            screen
            """)
        #expect(try names(#"file_\d+\.txt"#, in: again[...]) == natural.reversed(), "remembered: \(again)")
        #expect(try pail.ls("docs").map(\.path) == natural.map { "docs/" + $0 }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    @Test("a folder bigger than a window, scrolled to its end: the last file by number, and the position indicator agrees")
    func bigFolderToTheEnd() throws {
        let pail = try Self.bigFolder { _ in 1 }
        let output = try pail.headlessSuccess(
            """
            key l
            expect n_1
            key G
            expect >    n_1005
            expect 1006/1006
            key k
            expect >    n_1004
            key pgup
            key pgup
            key home
            key j
            expect >    n_1
            key j
            expect >    n_2
            screen
            """)
        #expect(try names(#"n_\d+"#, in: output[...]).prefix(3) == ["n_1", "n_2", "n_3"], "\(output)")
    }

    @Test("a folder bigger than a window sorted by size, reversed: the biggest file first, G the smallest, g and the indicator agree")
    func bigFolderBySize() throws {
        // n_k is k + 10 bytes, except n_500 (the biggest) and n_700 (the smallest): neither name order puts them at an end.
        let pail = try Self.bigFolder { k in k == 500 ? 5_000 : k == 700 ? 1 : k + 10 }
        let output = try pail.headlessSuccess(
            """
            key l
            expect n_1
            key S
            key s
            wait-idle
            key S
            key r
            wait-idle
            expect Name · size ↓
            key j
            expect >    n_500
            expect 2/1006
            screen
            key G
            expect >    n_700
            expect 1006/1006
            key k
            expect >    n_1
            key g
            expect Go to
            type big/n_3
            key enter
            wait-idle
            expect >    n_3
            expect 1003/1006
            screen
            """)
        let shown = screens(output)
        try #require(shown.count == 2, "\(output)")
        #expect(try names(#"n_\d+"#, in: shown[0]).prefix(4) == ["n_500", "n_1005", "n_1004", "n_1003"], "\(output)")
        let selected = shown[1].split(separator: "\n").first { $0.contains(">    n_") }
        #expect(try selected.flatMap { try names(#"n_\d+"#, in: $0).first } == "n_3", "g lands on the file: \(output)")
        #expect(try names(#"n_\d+"#, in: shown[1]).contains("n_2"), "its neighbours by size around it")
    }
}
