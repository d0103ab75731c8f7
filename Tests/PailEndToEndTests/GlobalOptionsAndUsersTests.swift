import Foundation
import Testing

/// `pail [--root DIR] [--user NAME] <command>`: the global options work before and after the command,
/// and each user sees only their own partition.
@Suite("Global options and users")
struct GlobalOptionsAndUsersTests {
    @Test("--root, --user, --delay and --json before or after the command")
    func globalOptionsBeforeAndAfterTheCommand() throws {
        let pail = try PailRunner()
        let root = pail.sandbox + "/given-root"
        // No PAIL_ROOT or PAIL_USER, and $USER names someone else: only the options can lead to alice at `root`.
        let env = ["USER": "fallback"]
        let a = try pail.makeFile("a.txt", size: 11, seed: 1)
        let b = try pail.makeFile("b.txt", size: 22, seed: 2)
        let c = try pail.makeFile("c.txt", size: 33, seed: 3)
        let d = try pail.makeFile("d.txt", size: 44, seed: 4)

        try pail.success(["--root", root, "--user", "alice", "upload", a, "a.txt"], env: env, clean: true)
        try pail.success(["upload", b, "b.txt", "--root", root, "--user", "alice"], env: env, clean: true)
        let json = try pail.success(["--root=\(root)", "--json", "--user=alice", "upload", c, "c.txt"], env: env, clean: true)
        #expect(try json.decode([UploadedFile].self).map(\.path) == ["c.txt"])
        // --delay before the command holds the event: not listed until `wait`.
        try pail.success(["--root", root, "--delay", "5000", "--user", "alice", "upload", d, "d.txt"], env: env, clean: true)
        let early = try pail.success(["--root", root, "--user", "alice", "ls", "--json"], env: env, clean: true)
        #expect(try !early.decode([ListedFile].self).map(\.path).contains("d.txt"))
        try pail.success(["--root", root, "wait"], env: env, clean: true)

        let listed = try pail.success(["--root", root, "--user", "alice", "--json", "ls"], env: env, clean: true)
        #expect(try listed.decode([ListedFile].self).map(\.path) == ["a.txt", "b.txt", "c.txt", "d.txt"])
        let quota = try pail.success(["quota", "--json", "--user", "alice", "--root", root], env: env, clean: true)
        #expect(try quota.decode(QuotaReport.self) == QuotaReport(user: "alice", used: 11 + 22 + 33 + 44, limit: 10_000_000_000))
        // $USER is the user when nothing else says: the fallback user sees nothing of alice's.
        let fallback = try pail.success(["--root", root, "ls", "--json"], env: env, clean: true)
        #expect(try fallback.decode([ListedFile].self) == [])
        // Nothing went to the default root ($XDG_DATA_HOME/pail) or to PAIL_ROOT's.
        #expect(!FileManager.default.fileExists(atPath: pail.sandbox + "/xdg/pail"))
        #expect(!FileManager.default.fileExists(atPath: pail.root))

        // Without --root, $PAIL_ROOT is the root; --user wins over $PAIL_USER.
        try pail.success(["--user", "carol", "upload", a, "mine.txt"])
        try pail.wait()
        #expect(try pail.ls(user: "carol").map(\.path) == ["mine.txt"])
        #expect(try pail.ls() == [])
        let carol = try pail.success(["ls", "--user", "carol"]).stdout
        #expect(carol.contains("mine.txt"))
    }

    @Test("the default root is $XDG_DATA_HOME/pail, else $HOME/.local/share/pail")
    func defaultRoot() throws {
        let pail = try PailRunner()
        let file = try pail.makeFile("a.txt", size: 10)
        try pail.success(["upload", file, "a.txt"], clean: true)
        #expect(FileManager.default.fileExists(atPath: pail.sandbox + "/xdg/pail/pail.sqlite"))
        let home = pail.sandbox + "/home"
        try pail.success(["upload", file, "b.txt"], env: ["XDG_DATA_HOME": "", "HOME": home], clean: true)
        #expect(FileManager.default.fileExists(atPath: home + "/.local/share/pail/pail.sqlite"))
        let listed = try pail.success(["ls", "--json"], env: ["XDG_DATA_HOME": "", "HOME": home], clean: true).decode([ListedFile].self)
        #expect(listed.map(\.path) == ["b.txt"])
    }

    @Test("alice cannot see, fetch, delete or move bob's files")
    func usersAreIsolated() throws {
        let pail = try PailRunner()
        let bobs = try pail.makeFile("bob-secret.txt", size: 4_000, seed: 7)
        let alices = try pail.makeFile("alice-secret.txt", size: 1_000, seed: 8)
        try pail.success(["upload", bobs, "secret.txt"], user: "bob")
        try pail.success(["upload", bobs, "shared/plan.txt"], user: "bob")
        try pail.wait()

        #expect(try pail.ls() == [])
        #expect(try pail.ls("shared") == [])
        let out = pail.local("stolen.txt")
        try pail.failure("NoSuchKey", ["fetch", "secret.txt", out])
        try pail.failure("NoSuchKey", ["presign", "get", "secret.txt"])
        try pail.failure("NoSuchKey", ["share", "secret.txt"])
        try pail.failure("InvalidArgument", ["fetch", "../bob/secret.txt", out])
        try pail.failure("NoSuchKey", ["rm", "secret.txt"])
        try pail.failure("NoSuchKey", ["rm", "-r", "shared"])
        try pail.failure("NoSuchKey", ["mv", "secret.txt", "mine.txt"])
        #expect(!FileManager.default.fileExists(atPath: out))

        // alice's own file of the same name is another file; a URL for hers cannot be edited into bob's.
        try pail.success("upload", alices, "secret.txt")
        try pail.wait()
        let url = try pail.success("presign", "get", "secret.txt").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let edited = url.replacingOccurrences(of: "/alice/secret.txt?", with: "/bob/secret.txt?")
        #expect(edited != url)
        try pail.failure("SignatureDoesNotMatch", ["get-url", edited, out])
        #expect(!FileManager.default.fileExists(atPath: out))

        let mine = pail.local("mine.txt")
        let theirs = pail.local("theirs.txt")
        try pail.success("fetch", "secret.txt", mine)
        try pail.success(["fetch", "secret.txt", theirs], user: "bob")
        #expect(FileManager.default.contents(atPath: mine) == FileManager.default.contents(atPath: alices))
        #expect(FileManager.default.contents(atPath: theirs) == FileManager.default.contents(atPath: bobs))
        #expect(try pail.quota().used == 1_000)
        #expect(try pail.quota(user: "bob").used == 8_000)
        #expect(try pail.ls(user: "bob").map(\.path) == ["secret.txt", "shared/plan.txt"])
        try pail.check()
    }
}
