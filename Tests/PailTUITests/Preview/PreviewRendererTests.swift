import Foundation
import PailCore
import PailTestSupport
import Testing

@testable import PailTUI

/// The preview renderer and pane: what the head of a file becomes on screen.
@Suite("Preview renderer")
struct PreviewRendererTests {
    /// Draws `preview` in a pane of `width`×`height` and returns the grid.
    static func draw(_ preview: FilePreview, path: String = "a.txt", width: Int = 40, height: Int = 20) -> Grid {
        var grid = Grid(width: width, height: height)
        let state = PreviewState(
            isShown: true, request: PreviewRequest(path: path, isFolder: path.hasSuffix("/"), version: "1", size: 1), content: preview)
        PreviewPane.draw(state, theme: .builtIn, in: AppLayout.Rect(x: 0, y: 0, width: width, height: height), into: &grid)
        return grid
    }

    @Test func aTextFileShowsItsHeadWithItsSizeAndLineCount() {
        let text = (1...100).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let preview = PreviewRenderer.file(head: Array(text.utf8), size: Int64(text.utf8.count))
        #expect(preview.facts == ["text, 792 B, 100 lines"])
        let grid = Self.draw(preview, height: 10)
        let lines = grid.text.components(separatedBy: "\n")
        #expect(lines[0].hasPrefix(" Preview  a.txt"))
        #expect(lines[1] == " text, 792 B, 100 lines")
        #expect(lines[3...].map { $0.trimmingCharacters(in: .whitespaces) } == (1...7).map { "line \($0)" }, "only what fits: \(grid.text)")
    }

    @Test func theHeadOfABigFileIsShownWithoutALineCountAndACharacterCutAtTheEndIsNotBinary() {
        // "é" is two bytes; the head ends between them.
        let head = Array(("abc\n" + String(repeating: "é", count: 10)).utf8.dropLast())
        let preview = PreviewRenderer.file(head: head, size: 5_000_000)
        #expect(preview.facts == ["text, 5.0 MB"])
        #expect(preview.body == .text(["abc", String(repeating: "é", count: 9)]))
    }

    @Test func wideCharactersAndCombiningMarksTakeTheirColumnsAndAreCutAtTheEdgeNotSplit() {
        let text = "日本語のテキストです\tend\ne\u{301}te\u{301}\n"
        let preview = PreviewRenderer.file(head: Array(text.utf8), size: Int64(text.utf8.count))
        // 10 wide characters take 20 columns: the tab goes to column 24.
        #expect(preview.body == .text(["日本語のテキストです    end", "e\u{301}te\u{301}"]))
        let grid = Self.draw(preview, width: 12)
        let lines = grid.text.split(separator: "\n").map(String.init)
        #expect(lines.contains(" 日本語のテ"), "10 columns fit between the pane's margins: \(grid.text)")
        #expect(lines.contains(" e\u{301}te\u{301}"), "a combining mark stays on its letter: \(lines)")
    }

    @Test func controlBytesAreShownAsSymbolsAndNeverReachTheScreen() {
        let text = "red: \u{1B}[31mX\u{1B}[0m\rbell\u{07}\u{7F}\u{9B}2J\r\nok"
        let preview = PreviewRenderer.file(head: Array(text.utf8), size: Int64(text.utf8.count))
        #expect(preview.body == .text(["red: ␛[31mX␛[0m␍bell␇␡\u{FFFD}2J", "ok"]))
        let grid = Self.draw(preview, width: 60)
        let drawn = grid.cells.flatMap { $0.character.unicodeScalars }
        #expect(!drawn.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "\(grid.text)")
    }

    @Test func nulBytesOrBytesThatAreNotUTF8MakeABinaryFileShownAsAHexDump() {
        let withNul: [UInt8] = Array("PK".utf8) + [0, 1, 2, 0xFF] + Array("hello".utf8)
        let notUTF8: [UInt8] = [0x61, 0xC3, 0x28, 0x62]
        let big = PreviewRenderer.file(head: withNul, size: 1_234_567)
        #expect(big.facts.last == "binary, 1.2 MB")
        #expect(big.body == .hex(withNul))
        #expect(PreviewRenderer.file(head: notUTF8, size: 4).facts == ["binary, 4 B"])
        let grid = Self.draw(big, width: 44)
        #expect(grid.text.contains("000000  50 4b 00 01 02 ff 68 65  PK....he"), "\(grid.text)")
        #expect(grid.text.contains("000008  6c 6c 6f" + String(repeating: " ", count: 17) + "llo"), "\(grid.text)")
    }

    @Test func theHexDumpTakes16BytesALineWhenThePaneIsWide() {
        let bytes = Array(0..<40).map(UInt8.init)
        #expect(HexDump.lines(bytes, width: 80).count == 3)
        #expect(HexDump.lines(bytes, width: 80)[1].hasPrefix("000010  10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f "))
        #expect(HexDump.lines(bytes, width: 30).count == 10)
        #expect(HexDump.lines(bytes, width: 80, limit: 2).count == 2)
    }

    @Test func pictureHeadersGiveTheirDimensions() {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        png += [0, 0, 0x02, 0x80, 0, 0, 0x01, 0xE0, 8, 6, 0, 0, 0]
        #expect(PreviewRenderer.file(head: png, size: 2_000).facts == ["PNG image, 640×480", "binary, 2.0 kB"])
        let gif: [UInt8] = Array("GIF89a".utf8) + [0x40, 0x01, 0xC8, 0x00, 0, 0, 0]
        #expect(FileSignatures.describe(head: gif, tail: [], size: 13) == "GIF image, 320×200")
        // A JPEG: SOI, an APP0 segment of 16 bytes, then SOF0 with height 600 and width 800.
        var jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array(repeating: 0, count: 14)
        jpeg += [0xFF, 0xC0, 0x00, 0x11, 0x08, 0x02, 0x58, 0x03, 0x20, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]
        #expect(FileSignatures.describe(head: jpeg, tail: [], size: 5_000) == "JPEG image, 800×600")
        #expect(FileSignatures.describe(head: Array(jpeg.prefix(8)), tail: [], size: 5_000) == "JPEG image")
    }

    @Test func aZipArchiveSaysHowManyEntriesItsEndRecordCounts() throws {
        let folder = try TemporaryFolder("pail-preview")
        defer { folder.remove() }
        let zipPath = folder.path + "/a.zip"
        let names = ["one.txt", "two.txt", "three.txt"]
        for (index, name) in names.enumerated() {
            try String(repeating: "x", count: index + 1).write(toFile: folder.path + "/" + name, atomically: true, encoding: .utf8)
        }
        let script =
            "import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'w') as z:\n    for f in sys.argv[2:]: z.write(f, f.split('/')[-1])"
        let made = try Command.run("/usr/bin/python3", ["-c", script, zipPath] + names.map { folder.path + "/" + $0 })
        try #require(made.status == 0, "\(made.stderr)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: zipPath)))
        let preview = PreviewRenderer.file(head: Array(bytes.prefix(64)), tail: bytes, size: Int64(bytes.count))
        #expect(preview.facts.first == "ZIP archive, 3 entries", "\(preview.facts)")
        #expect(FileSignatures.describe(head: Array(bytes.prefix(64)), tail: [], size: Int64(bytes.count)) == "ZIP archive")
    }

    @Test func aGzipHeaderGivesTheOriginalName() {
        let named: [UInt8] = [0x1F, 0x8B, 8, 0x08, 0, 0, 0, 0, 0, 3] + Array("notes.tar".utf8) + [0, 0x4B, 0x4C]
        #expect(FileSignatures.describe(head: named, tail: [], size: 40) == "gzip compressed, original name notes.tar")
        let unnamed: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0x4B, 0x4C]
        #expect(FileSignatures.describe(head: unnamed, tail: [], size: 40) == "gzip compressed")
    }

    @Test func anEmptyFileAndAFolderSayWhatTheyAre() {
        #expect(PreviewRenderer.file(head: [], size: 0) == FilePreview(facts: ["empty file"], body: .none))
        let folder = PreviewRenderer.folder(items: 12, names: ["sub/", "a.txt"])
        #expect(folder.facts == ["folder, 12 items"])
        let grid = Self.draw(folder, path: "docs/")
        #expect(grid.text.contains(" Preview  docs/"))
        #expect(grid.text.contains(" sub/\n a.txt"), "\(grid.text)")
        #expect(PreviewRenderer.folder(items: 0, names: []).body == .none)
    }
}
