import Foundation
import Testing

@testable import PailCore

@Suite("Natural key")
struct NaturalKeyTests {
    /// `names` sorted by their natural keys.
    func natural(_ names: [String]) -> [String] { names.sorted(by: NaturalKey.precedes) }

    @Test func numbersSortAsNumbers() {
        #expect(natural(["file_10", "file_2", "file_1", "file_12", "file_9"]) == ["file_1", "file_2", "file_9", "file_10", "file_12"])
        #expect(natural(["v1.10.0", "v1.9.2", "v1.9.10", "v10.0", "v2"]) == ["v1.9.2", "v1.9.10", "v1.10.0", "v2", "v10.0"])
        #expect(natural(["x", "x0", "x00", "x1", "x0001"]) == ["x", "x0", "x00", "x0001", "x1"])
        let long = "n" + String(repeating: "9", count: 300)
        let longer = "n1" + String(repeating: "0", count: 300)
        #expect(natural([longer, long, "n5"]) == ["n5", long, longer])
    }

    @Test("leading zeros: a01 and a1 tie as numbers, then their bytes settle it, so they never compare equal")
    func leadingZeros() {
        #expect(NaturalKey.of("a01") != NaturalKey.of("a1"))
        #expect(natural(["a1", "a01", "a001", "a2", "a02"]) == ["a001", "a01", "a1", "a02", "a2"])
    }

    @Test("case is folded (a, B, c), and only breaks ties, upper case first (byte order)")
    func caseFolding() {
        #expect(natural(["c", "B", "a", "A", "b"]) == ["A", "a", "B", "b", "c"])
        #expect(natural(["README", "notes", "Makefile", "main.swift"]) == ["main.swift", "Makefile", "notes", "README"])
        #expect(natural(["Ärger", "äpfel", "Zebra", "Äpfel"]) == ["Zebra", "Äpfel", "äpfel", "Ärger"])
    }

    @Test("punctuation and digits keep their byte order relative to letters; a name sorts before its longer names")
    func punctuation() {
        #expect(natural(["a b", "a-b", "a_b", "ab", "a", "a1", "a.txt"]) == ["a", "a b", "a-b", "a.txt", "a1", "a_b", "ab"])
    }

    @Test("control bytes, NUL included, and escapes never collide with the separators")
    func oddBytes() {
        let names = ["a\u{0}b", "a\u{1}b", "a\u{2}b", "a", "a\u{0}", "ab", "a\u{7F}"]
        #expect(Set(names.map(NaturalKey.of)).count == names.count)
        #expect(natural(names) == ["a", "a\u{0}", "a\u{0}b", "a\u{1}b", "a\u{2}b", "ab", "a\u{7F}"])
        #expect(!NaturalKey.of("a\u{0}/x").starts(with: NaturalKey.of("a/")))
    }

    @Test("a folder's key begins every key under it and no other, so a folder is a range of keys")
    func foldersAreRanges() {
        let folder = NaturalKey.of("alice/docs/")
        let upper = NaturalKey.upperBound(of: folder)
        func inside(_ path: String) -> Bool {
            let key = NaturalKey.of(path)
            return !key.lexicographicallyPrecedes(folder) && key.lexicographicallyPrecedes(upper)
        }
        for path in ["alice/docs/x", "alice/docs/sub/deep/y", "alice/docs/10", "alice/docs/"] {
            #expect(NaturalKey.of(path).starts(with: folder))
            #expect(inside(path), "\(path)")
        }
        for path in ["alice/docs", "alice/docs0/x", "alice/Docs/x", "alice/docs x/y", "alice/doc/s", "bob/docs/x", "alice/docs2/x"] {
            #expect(!inside(path), "\(path)")
        }
    }

    @Test("entries of one folder keep their names' order whatever follows them, and sub-folders sort by name among files")
    func siblings() {
        let keys = ["u/d/file_10", "u/d/file_2/x", "u/d/file_2", "u/d/File_3/deep/er"].sorted {
            NaturalKey.of($0).lexicographicallyPrecedes(NaturalKey.of($1))
        }
        #expect(keys == ["u/d/file_2", "u/d/file_2/x", "u/d/File_3/deep/er", "u/d/file_10"])
    }
}
