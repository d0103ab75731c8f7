/// What `pail find` and the UI's search look for in paths: the pattern anywhere in the path (a substring),
/// or its characters in order with anything between them (`fuzzy`, as fzf matches), ignoring case either way.
/// Letters are compared after lower-casing each Unicode scalar, so `É` finds `é`; an ASCII pattern is
/// compared byte by byte, without decoding the path.
///
/// ```swift
/// let pattern = try SearchPattern("CHANG")
/// pattern.match("docs/bash/changelog.gz")   // [10..<15], the UTF-8 bytes that matched
/// try SearchPattern("dbc", fuzzy: true).match("docs/bash/changelog.gz")   // [0..<1, 5..<6, 10..<11]
/// ```
public struct SearchPattern: Sendable, Equatable {
    public let text: String
    public let fuzzy: Bool
    /// The pattern lower-cased, scalar by scalar.
    private let folded: [UInt32]
    /// Whether every scalar of the pattern is ASCII (then a path is searched as bytes).
    private let isASCII: Bool

    /// Refuses (`InvalidArgument`) an empty pattern or one with a control character, which no path holds.
    public init(_ text: String, fuzzy: Bool = false) throws {
        guard !text.isEmpty else { throw PailError(.invalidArgument, "The search pattern is empty: give the text to look for") }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw PailError(.invalidArgument, "The search pattern holds a control character, which no path can hold")
        }
        self.text = text
        self.fuzzy = fuzzy
        folded = text.unicodeScalars.map(Self.fold)
        isASCII = text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// The parts of `path` the pattern matched, as ranges of UTF-8 byte offsets in order, or nil if it does not match.
    public func match(_ path: String) -> [Range<Int>]? {
        guard isASCII else { return matchScalars(path) }
        let needle = folded.map { UInt8($0) }
        if let found = path.utf8.withContiguousStorageIfAvailable({ bytes in
            Self.positions(of: needle, in: bytes.lazy.map(Self.foldASCII), fuzzy: fuzzy)
        }) {
            return found.map(Self.ranges)
        }
        return Self.positions(of: needle, in: Array(path.utf8).lazy.map(Self.foldASCII), fuzzy: fuzzy).map(Self.ranges)
    }

    /// `match` for a pattern with non-ASCII letters: the path's scalars are lower-cased and compared.
    private func matchScalars(_ path: String) -> [Range<Int>]? {
        var scalars: [UInt32] = []
        var offsets: [Int] = []
        var offset = 0
        for scalar in path.unicodeScalars {
            scalars.append(Self.fold(scalar))
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        guard let found = Self.positions(of: folded, in: scalars, fuzzy: fuzzy) else { return nil }
        return Self.ranges(found).map { offsets[$0.lowerBound]..<offsets[$0.upperBound] }
    }

    /// The positions of `haystack` that `needle` matched: a run for a substring, the tightest of the leftmost
    /// runs of a subsequence (found forward, then narrowed backward, as fzf's first algorithm does).
    private static func positions<H: RandomAccessCollection>(of needle: [H.Element], in haystack: H, fuzzy: Bool) -> [Int]?
    where H.Element: Equatable, H.Index == Int {
        let count = haystack.count
        guard needle.count <= count else { return nil }
        guard fuzzy else {
            start: for start in 0...(count - needle.count) {
                for (offset, element) in needle.enumerated() where haystack[start + offset] != element { continue start }
                return Array(start..<(start + needle.count))
            }
            return nil
        }
        var index = 0
        var end = -1
        for element in needle {
            while index < count, haystack[index] != element { index += 1 }
            guard index < count else { return nil }
            end = index
            index += 1
        }
        // Back from the end to the latest start, then forward again for the positions.
        var start = end
        for element in needle.reversed() {
            while haystack[start] != element { start -= 1 }
            start -= 1
        }
        var found: [Int] = []
        index = start + 1
        for element in needle {
            while haystack[index] != element { index += 1 }
            found.append(index)
            index += 1
        }
        return found
    }

    /// Positions in order, joined into runs.
    private static func ranges(_ positions: [Int]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        for position in positions {
            if let last = runs.last, last.upperBound == position {
                runs[runs.count - 1] = last.lowerBound..<(position + 1)
            } else {
                runs.append(position..<(position + 1))
            }
        }
        return runs
    }

    private static func foldASCII(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }

    /// A scalar lower-cased where that gives one scalar (most letters), else as it is.
    private static func fold(_ scalar: Unicode.Scalar) -> UInt32 {
        if scalar.isASCII { return UInt32(foldASCII(UInt8(scalar.value))) }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first!.value : scalar.value
    }
}
