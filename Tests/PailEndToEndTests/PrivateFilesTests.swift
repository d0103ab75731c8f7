import Foundation
import Testing

/// What Pail writes in a data root is its owner's alone, whoever could list the root.
@Suite("Private files")
struct PrivateFilesTests {
    @Test("every file Pail makes in a root is private (0600 files, 0700 folders), in a root of mode 0777 under umask 000")
    func filesArePrivate() throws {
        let pail = try PailRunner()
        try FileManager.default.createDirectory(atPath: pail.root, withIntermediateDirectories: true)
        try #require(chmod(pail.root, 0o777) == 0)
        try pail.makeFile("a.txt", size: 100)
        try "sleep 1500\n".write(toFile: pail.local("hold.txt"), atomically: true, encoding: .utf8)
        // A UI stays open while the root is listed, so the database's -wal and -shm files are there too.
        let result = try pail.shell(
            """
            umask 000
            "$PAIL" upload a.txt docs/a.txt >/dev/null && "$PAIL" rm docs/a.txt >/dev/null || exit 1
            "$PAIL" headless --script hold.txt >/dev/null & sleep 1
            find "$PAIL_ROOT" -mindepth 1 -exec stat -c '%a|%F|%n' {} +
            wait
            """)
        try #require(result.succeeded, "\(result)")
        // mode|type|path, e.g. 600|regular file|…/pail.sqlite
        let entries = result.stdout.split(separator: "\n").map { $0.split(separator: "|", maxSplits: 2).map(String.init) }
        let names = Set(entries.compactMap { $0.last?.split(separator: "/").last.map(String.init) })
        for name in ["pail.sqlite", "pail.sqlite-wal", "pail.sqlite-shm", "pail.sqlite.lock", "credentials.json", "blobs", "tmp"] {
            #expect(names.contains(name), "\(name) is not in the root: \(result.stdout)")
        }
        #expect(entries.filter { $0.count == 3 && $0[1].hasPrefix("regular") }.count >= 6, "\(result.stdout)")
        for entry in entries where entry.count == 3 {
            let expected = entry[1] == "directory" ? "700" : "600"
            #expect(entry[0] == expected, "\(entry[2]) is a \(entry[1]) of mode \(entry[0]), not \(expected)")
        }
    }
}
