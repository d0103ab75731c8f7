import Foundation
import Testing

/// Refused requests say what is wrong, in the contract's format, and change nothing.
@Suite("Errors")
struct ErrorTests {
    /// Remote paths no vault may hold; each must be refused by every command that takes a path.
    static let badPaths = [
        "../x", "docs/../../x", "a/./b", "a//b", "/abs", "bell\u{7}.txt", "new\nline.txt", "tab\tname", "del\u{7F}.txt",
        String(repeating: "n", count: 1100), String(repeating: "é", count: 550), String(repeating: "x", count: 5_000),
    ]

    @Test("bad remote paths are InvalidArgument and store nothing")
    func badRemotePaths() throws {
        let pail = try PailRunner()
        let file = try pail.makeFile("a.txt", size: 100)
        let target = pail.local("out.txt")
        for bad in Self.badPaths {
            try pail.failure("InvalidArgument", ["upload", file, bad])
            try pail.failure("InvalidArgument", ["presign", "put", bad])
            try pail.failure("InvalidArgument", ["presign", "get", bad])
            try pail.failure("InvalidArgument", ["fetch", bad, target])
            try pail.failure("InvalidArgument", ["rm", bad])
            try pail.failure("InvalidArgument", ["mv", "a.txt", bad])
        }
        // A message shows control characters escaped, never raw.
        let message = try pail.failure("InvalidArgument", ["upload", file, "bell\u{7}.txt"])
        #expect(!message.contains("\u{7}") && message.contains("\\u{7}"), "\(message)")

        // Keys are limited to 1024 UTF-8 bytes including `alice/` (6 bytes): 1018 bytes of name fit, 1019 do not.
        try pail.failure("InvalidArgument", ["upload", file, String(repeating: "k", count: 1019)])
        #expect(FileManager.default.fileExists(atPath: target) == false)
        #expect(try pail.ls() == [])
        #expect(try pail.quota().used == 0)
        #expect(try pail.events().isEmpty)
        try pail.check()
        #expect(LocalFiles.regularFiles(under: pail.root + "/blobs") == [])

        let longest = String(repeating: "k", count: 1018)
        try pail.success("upload", file, longest)
        try pail.wait()
        #expect(try pail.ls().map(\.path) == [longest])
        try pail.check()
    }

    @Test("--json errors are {\"error\":{\"code\",\"message\"}} on stderr")
    func jsonErrors() throws {
        let pail = try PailRunner()
        let cases: [(arguments: [String], code: String)] = [
            (["ls", "../x", "--json"], "InvalidArgument"),
            (["fetch", "missing.txt", pail.local("out"), "--json"], "NoSuchKey"),
            (["--json", "fetch", "missing.txt", pail.local("out")], "NoSuchKey"),
            (["upload", pail.local("no-such-file"), "x.txt", "--json"], "LocalFileError"),
            (["rm", "missing.txt", "--json"], "NoSuchKey"),
            (["ls", "--no-such-option", "--json"], "InvalidArgument"),
            (["no-such-command", "--version", "--json"], "InvalidArgument"),
            (["share", "a.txt", "--expires", "99999999999999999w", "--json"], "InvalidArgument"),
        ]
        for (arguments, code) in cases {
            let result = try pail.run(arguments)
            #expect(result.status != 0, "\(result)")
            #expect(result.stdout.isEmpty, "\(result)")
            let error = try JSONDecoder().decode(JSONError.self, from: Data(result.stderr.utf8))
            #expect(error.error.code == code, "\(result)")
            #expect(!error.error.message.isEmpty)
        }
    }

    @Test("events a crashed or delayed process left due are delivered by the next command, even a read-only one")
    func readOnlyCommandsDeliverWhatIsDue() throws {
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("a.txt", size: 321), "a.txt", "--delay", "300")
        #expect(try pail.ls() == [])
        Thread.sleep(forTimeInterval: 0.4)
        #expect(try pail.ls().map(\.path) == ["a.txt"])
        #expect(try pail.quota().used == 321)
        #expect(try pail.events().isEmpty)
    }

    @Test("bytes that are not UTF-8, in an argument or in a local file name, are InvalidArgument and store nothing")
    func notUTF8() throws {
        let pail = try PailRunner()
        try pail.makeFile("a.txt", size: 10)
        try pail.makeFile("dir/good.txt", size: 10)
        // Arguments and names as raw bytes, which only a shell can hand over.
        for command in [
            "\"$PAIL\" upload a.txt \"$(printf 'x\\377y')\"", "\"$PAIL\" ls \"$(printf '\\300\\200')\"",
            "printf hi > \"dir/$(printf 'bad\\377.txt')\" && \"$PAIL\" upload dir d",
        ] {
            let result = try pail.shell(command)
            #expect(result.stderr.contains("error: InvalidArgument:") && result.stderr.contains("UTF-8"), "\(command): \(result)")
        }
        #expect(try pail.ls().isEmpty)
        try pail.check()
    }

    @Test("a missing local file is LocalFileError")
    func missingLocalFile() throws {
        let pail = try PailRunner()
        let message = try pail.failure("LocalFileError", ["upload", pail.local("nope.txt"), "nope.txt"])
        #expect(message.contains("nope.txt"))
        try pail.failure("LocalFileError", ["upload", pail.local("no-folder/"), "x/"])
        let url = try pail.success("presign", "put", "x.txt").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try pail.failure("LocalFileError", ["put-url", url, pail.local("nope.txt")])
        try pail.wait()
        #expect(try pail.ls() == [])

        // Fetching into a folder that does not exist names that folder (not a temporary file) and writes nothing.
        try pail.success("upload", try pail.makeFile("here.txt", size: 10), "here.txt")
        try pail.wait()
        let fetchMessage = try pail.failure("LocalFileError", ["fetch", "here.txt", pail.local("no-such-folder/here.txt")])
        #expect(fetchMessage.contains(pail.local("no-such-folder")) && !fetchMessage.contains(".part"), "\(fetchMessage)")
        #expect(!FileManager.default.fileExists(atPath: pail.local("no-such-folder")))
    }

    @Test("rm of a folder needs -r; rm and mv of nothing are NoSuchKey")
    func removeFolderNeedsRecursive() throws {
        let pail = try PailRunner()
        try pail.makeFile("docs/a.txt", size: 10, seed: 1)
        try pail.makeFile("docs/b/c.txt", size: 20, seed: 2)
        try pail.success("upload", pail.local("docs"), "docs/")
        try pail.wait()
        let before = try pail.ls()
        #expect(before.map(\.path) == ["docs/a.txt", "docs/b/c.txt"])

        let message = try pail.failure("InvalidArgument", ["rm", "docs"])
        #expect(message.contains("-r"), "the message says how: \(message)")
        try pail.failure("InvalidArgument", ["rm", "docs/"])
        try pail.failure("NoSuchKey", ["rm", "nothing"])
        try pail.failure("NoSuchKey", ["mv", "nothing", "else"])
        try pail.failure("InvalidArgument", ["mv", "docs", "docs/b/"])
        #expect(try pail.events().isEmpty, "a refused command publishes nothing")
        try pail.wait()
        #expect(try pail.ls() == before)

        try pail.success("rm", "-r", "docs")
        try pail.wait()
        #expect(try pail.ls() == [])
        #expect(try pail.quota().used == 0)
        try pail.check()
    }

    @Test("over the quota: QuotaExceeded, and nothing changes")
    func quotaExceeded() throws {
        let pail = try PailRunner(user: "bob")
        let added = try pail.success("users", "add", "bob", "--quota", "100KB").stdout
        #expect(added.contains("bob"))
        #expect(try pail.quota().limit == 100_000)

        let first = try pail.makeFile("first.bin", size: 30_000, seed: 1)
        try pail.success("upload", first, "first.bin")
        try pail.wait()
        let listed = try pail.ls()
        let blobs = LocalFiles.regularFiles(under: pail.root + "/blobs")
        #expect(blobs.count == 1)

        /// Nothing stored, listed, counted or pending changed.
        func unchanged(_ sourceLocation: SourceLocation = #_sourceLocation) throws {
            try pail.wait(sourceLocation: sourceLocation)
            #expect(try pail.ls() == listed, sourceLocation: sourceLocation)
            #expect(try pail.quota() == QuotaReport(user: "bob", used: 30_000, limit: 100_000), sourceLocation: sourceLocation)
            try pail.check(sourceLocation: sourceLocation)
            #expect(LocalFiles.regularFiles(under: pail.root + "/blobs") == blobs, sourceLocation: sourceLocation)
            #expect(LocalFiles.regularFiles(under: pail.root + "/tmp") == [], sourceLocation: sourceLocation)
        }

        // One file too large.
        let large = try pail.makeFile("large.bin", size: 200_000, seed: 2)
        try pail.failure("QuotaExceeded", ["upload", large, "large.bin"])
        try unchanged()

        // A folder whose files each fit but whose total (80 kB) is over what is left (70 kB): nothing is stored.
        try pail.makeFile("folder/one.bin", size: 40_000, seed: 3)
        try pail.makeFile("folder/two.bin", size: 40_000, seed: 4)
        try pail.failure("QuotaExceeded", ["upload", pail.local("folder"), "folder/"])
        try unchanged()

        // Asking for more than is left; and a presigned PUT (granted what is left) used for a larger body.
        try pail.failure("QuotaExceeded", ["presign", "put", "big.bin", "--size", "80KB"])
        let url = try pail.success("presign", "put", "big.bin").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try pail.failure("EntityTooLarge", ["put-url", url, large])
        try unchanged()

        // Replaced bytes stay counted while they are kept as an old version: 95 kB over 30 kB does not
        // fit in 100 kB, and the error says how to free them.
        let replacement = try pail.makeFile("replacement.bin", size: 95_000, seed: 5)
        let kept = try pail.failure("QuotaExceeded", ["upload", "--overwrite", replacement, "first.bin"])
        #expect(kept.contains("bob has 70.0 kB left"), "\(kept)")
        try unchanged()

        // A user who keeps no old versions needs room only for the difference.
        try pail.success("users", "set-retention", "bob", "0")
        try pail.success("upload", "--overwrite", replacement, "first.bin")
        try pail.wait()
        #expect(try pail.quota().used == 95_000)
        #expect(try pail.ls().map(\.size) == [95_000])
        try pail.check()
    }

    @Test("a headless script line that starts the UI again (run headless, run tui) is refused before anything runs, naming the line")
    func nestedHeadlessRunsAreRefused() throws {
        let pail = try PailRunner()
        try pail.makeFile("a.txt", size: 10)
        for line in ["run headless --script again.txt", "run --user bob headless", "run tui"] {
            let result = try pail.headless("run upload a.txt a.txt\n# the UI again:\n\(line)\n")
            let error = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
            #expect(!result.succeeded && error.hasPrefix("error: InvalidArgument: ") && error.contains(".txt:3: "), "\(result)")
            #expect(error.contains("cannot start the UI again"), "\(result)")
        }
        #expect(try pail.ls().isEmpty, "line 1 never ran")
    }

    @Test("negative sizes, durations and counts are InvalidArgument about the value (not a 'missing value')")
    func negativeValuesAreRefused() throws {
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("x", size: 10), "x")
        let refused: [([String], String)] = [
            (["share", "x", "--expires", "-5"], "'-5'"),
            (["presign", "get", "x", "--expires", "-5"], "not -5"),
            (["presign", "put", "x", "--size", "-5"], "'-5'"),
            (["wait", "--timeout", "-1"], "not -1"),
            (["check", "--timeout", "-1"], "not -1"),
            (["users", "add", "u", "--quota", "-5"], "'-5'"),
            (["users", "add", "u", "--keep", "-5d"], "'-5d'"),
            (["purge", "--older-than", "-5"], "'-5'"),
            (["executions", "--limit", "-5"], "not -5"),
            (["ls", "--delay", "-5"], "'-5'"),
        ]
        for (arguments, value) in refused {
            let message = try pail.failure("InvalidArgument", arguments)
            #expect(message.contains(value) && !message.contains("Missing value"), "pail \(arguments.joined(separator: " ")): \(message)")
        }
        #expect(try pail.json([UserEntry].self, ["users", "list"]).map(\.name) == ["alice"])
        #expect(try pail.ls().map(\.path) == ["x"])
    }
}
