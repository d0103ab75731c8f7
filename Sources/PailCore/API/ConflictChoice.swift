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
    /// Leave what is there, and do not transfer the newcomer (the rest of a batch goes on).
    case skip

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

/// How a transfer settles each name that is taken: one choice for every name, or a question per name
/// (the terminal UI asks the user). Asked only for names that are taken, before anything is transferred.
public struct ConflictPolicy: Sendable {
    let decide: @Sendable (_ name: String) throws -> ConflictChoice

    /// Asks `decide` for each taken name (the path in the vault, or the local path).
    public init(ask decide: @escaping @Sendable (_ name: String) throws -> ConflictChoice) { self.decide = decide }

    /// The choice for one taken name (a batch that meets its names one at a time, as the UI's paste does).
    public func choice(for name: String) throws -> ConflictChoice { try decide(name) }

    /// The same choice for every taken name.
    public static func always(_ choice: ConflictChoice) -> ConflictPolicy { ConflictPolicy { _ in choice } }

    /// Settles `names`, of which `taken` are taken: a free name stays; the policy is asked for each taken
    /// one (all of them before any is renamed) and it is refused (`Conflict`, with `hint` saying what the
    /// user can do instead), kept (overwrite), left out (nil: skip) or renamed by `keepBoth`.
    func settle<Name: Hashable>(
        _ names: [Name], taken: [Name], shown: (Name) -> String, hint: String, keepBoth: (Name) throws -> Name
    ) throws -> [Name?] {
        guard !taken.isEmpty else { return names }
        let decided = Dictionary(uniqueKeysWithValues: zip(taken, try choices(for: taken.map(shown), hint: hint)))
        return try names.map { name in
            switch decided[name] {
            case nil, .overwrite?, .refuse?: return name
            case .skip?: return nil
            case .keepBoth?: return try keepBoth(name)
            }
        }
    }

    /// The choices for `taken` names, in order; `Conflict` (naming the first and how many more) if one is
    /// to be refused.
    private func choices(for taken: [String], hint: String) throws -> [ConflictChoice] {
        try taken.enumerated().map { index, name in
            let choice = try decide(name)
            if choice == .refuse {
                let more = taken.count > index + 1 ? " (and \(taken.count - index - 1) more)" : ""
                throw PailError(.conflict, "\(name) already exists\(more): \(hint)")
            }
            return choice
        }
    }
}
