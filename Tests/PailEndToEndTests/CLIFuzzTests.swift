import Foundation
import PailCore
import Testing

/// Seeded random command lines against the real binary: odd paths, one-character names, `-`, special
/// files, existing folders and files as targets, missing parents, conflicting flags. No run may crash
/// (end by a signal) or hang; every failure is `error: <Code>: <message>` (or its JSON) with a contract
/// code; and the root stays consistent.
///
/// `PAIL_FUZZ_RUNS` (default 300) sets the command lines, `PAIL_FUZZ_SEED` the seed (random and printed otherwise).
@Suite("Fuzz: the command line")
struct CLIFuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let runs = Int(environment["PAIL_FUZZ_RUNS"] ?? "") ?? 300

    @Test("random argument vectors: no crash, no hang, only contract error codes")
    func randomCommandLines() throws {
        let seed = UInt64(Self.environment["PAIL_FUZZ_SEED"] ?? "") ?? UInt64.random(in: 0...UInt64(UInt32.max))
        var random = SplitMix64(seed: seed)
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("a.txt", size: 100, seed: 1), "a.txt")
        try pail.success("upload", try pail.makeFile("docs/b.txt", size: 2_000, seed: 2), "docs/b.txt")
        try pail.makeFile("dir/inner.txt", size: 10, seed: 3)
        try pail.makeFile("x", size: 5, seed: 4)
        #expect(mkfifo(pail.local("fifo"), 0o600) == 0)
        let url = try pail.success("presign", "get", "a.txt").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let putURL = try pail.success("presign", "put", "p.txt").stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let remotes = [
            "a.txt", "docs/b.txt", "docs", "docs/", "x", "-", ".", "..", "/", "", "a/../b", "new.txt", "é.txt", "e\u{301}.txt",
            "tab\there", "line\nbreak", "\u{202E}txt.exe", String(repeating: "n", count: 1_100), "a//b", " ", "-rf", "--json",
            "日本/語.txt", "a.txt/", "docs/b.txt/c",
        ]
        let locals = [
            "x", "-", ".", "dir", "dir/", "fifo", "/dev/null", "/dev/full", "/proc/self/status", "missing/parent/f.txt", "new/",
            "a", "", "--", "-q", pail.local("x"), "/", "/root-nope/f", "dir/inner.txt",
        ]
        let flags = ["--json", "--overwrite", "--keep-both", "--skip-existing", "-r", "--merge", "-q", "--recursive", "--bogus"]
        let values = ["-5", "0", "1", "7d", "abc", "99999999999999999999", "1KB", "-1s", "default"]
        let shapes: [() -> [String]] = [
            { ["upload", locals.randomElement(using: &random)!, remotes.randomElement(using: &random)!] },
            { ["upload", locals.randomElement(using: &random)!] },
            { ["fetch", remotes.randomElement(using: &random)!, locals.randomElement(using: &random)!] },
            {
                [
                    "get-url", [url, url + "x", "http://elsewhere/pail/alice/a.txt", "not a url"].randomElement(using: &random)!,
                    locals.randomElement(using: &random)!,
                ]
            },
            { ["put-url", [putURL, url].randomElement(using: &random)!, locals.randomElement(using: &random)!] },
            { ["mv", remotes.randomElement(using: &random)!, remotes.randomElement(using: &random)!] },
            { ["cp", remotes.randomElement(using: &random)!, remotes.randomElement(using: &random)!] },
            { ["rm", remotes.randomElement(using: &random)!] },
            { ["ls", remotes.randomElement(using: &random)!] },
            { ["versions", remotes.randomElement(using: &random)!] },
            { ["restore", remotes.randomElement(using: &random)!] },
            { ["restore", remotes.randomElement(using: &random)!, "--version-id", values.randomElement(using: &random)!] },
            { ["trash", remotes.randomElement(using: &random)!] },
            { ["purge", remotes.randomElement(using: &random)!, "--older-than", values.randomElement(using: &random)!] },
            { ["share", remotes.randomElement(using: &random)!, "--expires", values.randomElement(using: &random)!] },
            { ["presign", ["put", "get", "post"].randomElement(using: &random)!, remotes.randomElement(using: &random)!] },
            { ["users", "add", remotes.randomElement(using: &random)!, "--quota", values.randomElement(using: &random)!] },
            {
                [
                    "users", "set-retention", ["alice", "nobody", "--default"].randomElement(using: &random)!,
                    values.randomElement(using: &random)!,
                ]
            },
            { ["quota"] },
            { ["events"] },
            { ["wait", "--timeout", values.randomElement(using: &random)!] },
        ]
        let codes = Set(PailError.Code.allCases.map(\.rawValue))
        var failures = 0
        for run in 0..<Self.runs {
            var arguments = shapes.randomElement(using: &random)!()
            for _ in 0..<Int.random(in: 0...2, using: &random) { arguments.append(flags.randomElement(using: &random)!) }
            let shown = arguments.map { $0.debugDescription }.joined(separator: " ")
            let context = "seed \(seed), run \(run): pail \(shown)"
            let result = try pail.start(arguments).waitForExit(timeout: 20)
            #expect(!result.killedBySignal, "crashed: \(context)\n\(result)")
            guard result.status != 0 else { continue }
            failures += 1
            let last = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
            let code: String? =
                arguments.contains("--json")
                ? (try? JSONDecoder().decode([String: [String: String]].self, from: Data(last.utf8)))?["error"]?["code"]
                : last.hasPrefix("error: ") ? last.dropFirst(7).split(separator: ":").first.map(String.init) : nil
            #expect(code.map(codes.contains) == true, "not a contract error: \(context)\n\(result)")
        }
        print("CLI fuzz: seed \(seed), \(Self.runs) command lines, \(failures) refused with contract codes, none crashed or hung")
        try pail.wait()
        try pail.check()
        #expect(LocalSideTests.isFIFO(pail.local("fifo")), "the FIFO is still a FIFO")
    }
}
