/// What to do when a move, upload or download would land on a name that is taken.
///
/// ```swift
/// try api.move(user: "alice", from: RemotePath("a.txt"), to: RemotePath("b.txt"), onConflict: .keepBoth)  // → "b (2).txt"
/// ```
public enum ConflictChoice: String, Sendable, CaseIterable {
    /// Refuse with `Conflict` (409), changing nothing: the default.
    case refuse
    /// Replace what is there (in the vault, the replaced file is kept as an old version).
    case overwrite
    /// Keep both: the newcomer takes the first free name `name (2).ext`, `name (3).ext`, …
    case keepBoth

    /// The first name of the form `name (N).ext` (N from 2, or after the N `path` already has) that `isTaken` says is free.
    /// The extension is what follows the last dot of the last segment, unless that dot starts the name.
    public static func keepBothName(for path: String, isTaken: (String) throws -> Bool) rethrows -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let name = path[slash...]
        let dot = name.lastIndex(of: ".").flatMap { $0 > name.startIndex ? $0 : nil } ?? name.endIndex
        var stem = path[..<dot]
        let suffix = path[dot...]
        var number = 2
        // `name (2).ext` kept both again becomes `name (3).ext`, not `name (2) (2).ext`.
        if stem.hasSuffix(")"), let open = stem.lastIndex(of: "("), stem[..<open].hasSuffix(" "),
            let taken = Int(stem[stem.index(after: open)..<stem.index(before: stem.endIndex)]), taken >= 2
        {
            stem = stem[..<stem.index(before: open)]
            number = taken + 1
        }
        while true {
            let candidate = "\(stem) (\(number))\(suffix)"
            if try !isTaken(candidate) { return candidate }
            number += 1
        }
    }
}
