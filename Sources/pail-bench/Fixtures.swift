import Foundation
import GRDB
import PailCore

/// What the figures measure on: files and folders made quickly, and the raw SQLite baseline.
enum Fixtures {
    /// A file of `bytes` random bytes (from the system's generator, so nothing can compress or dedupe it).
    static func randomFile(at path: String, bytes: Int) throws {
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var generator = SystemRandomNumberGenerator()
        var left = bytes
        while left > 0 {
            try Background.checkInterrupted()
            let count = min(left, 8 << 20)
            var chunk = [UInt8](repeating: 0, count: count)
            for index in stride(from: 0, to: count, by: 8) {
                withUnsafeBytes(of: generator.next()) { word in
                    for offset in 0..<min(8, count - index) { chunk[index + offset] = word[offset] }
                }
            }
            try handle.write(contentsOf: chunk)
            left -= count
        }
    }

    /// A folder of `files` files of `bytes` bytes: in 100 sub-folders when `random`, otherwise all in one
    /// folder named `f000000…` (the shape of the UI figures).
    static func folder(at path: String, files: Int, bytes: Int, random: Bool) throws {
        try remove(path)
        var generator = SystemRandomNumberGenerator()
        for index in 0..<files {
            if index % 1_000 == 0 { try Background.checkInterrupted() }
            let folder = random ? path + String(format: "/d%02d", index % 100) : path
            if index < 100 || !random { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            let content =
                random ? Data((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) }) : Data(repeating: 120, count: bytes)
            let name = folder + String(format: "/f%06d", index) + (random ? "" : ".txt")
            guard FileManager.default.createFile(atPath: name, contents: content) else { throw BenchError("cannot write \(name)") }
        }
    }

    static func remove(_ path: String) throws {
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
    }

    /// The baseline of the event figures: `rows` inventory rows inserted through GRDB into the `inventory`
    /// table of a database opened exactly as Pail opens a root's (WAL, synchronous FULL, memory-mapped
    /// reads), one transaction a row. Returns the seconds taken.
    static func rawInserts(rows: Int, at path: String) throws -> Double {
        for suffix in ["", "-wal", "-shm", ".lock"] { try remove(path + suffix) }
        defer { for suffix in ["", "-wal", "-shm", ".lock"] { try? remove(path + suffix) } }
        let database = try PailDatabase.open(at: path)
        return try Measure.seconds {
            for index in 0..<rows {
                let key = String(format: "bench/small/f%06d", index)
                let item =
                    #"{"ETag":{"S":"9dd4e461268c8034f5c8564e155c67a6"},"Modified":{"S":"2026-11-23T20:36:01Z"},"PK":{"S":"bench"},"Path":{"S":"\#(key)"},"SK":{"S":"\#(key)"},"Size":{"N":"4096"}}"#
                try database.write { db in
                    try db.execute(sql: "INSERT INTO inventory(pk, sk, item) VALUES (?, ?, ?)", arguments: ["bench", key, item])
                }
            }
        }
    }
}

extension Fixtures {
    /// A data root holding `items` one-byte files of user `bench`, in folders of `folderSize` (`d0000/f000` …
    /// for folders of 1,000, `d0000/f000000` … for one folder of 1,000,000: `vaultFile`), so it is a root like
    /// any other (`pail check` agrees): the first file goes through a presigned PUT, the others are
    /// server-side copies of it (`CopyObject`, sharing its blob, so a million files do not cost a million
    /// fsyncs), 10,000 to a transaction, and the workflows deliver their Object Created events as they go.
    static func vault(items: Int, root: String, folderSize: Int = 1_000) throws {
        guard folderSize > 0 else { throw BenchError("a folder holds at least one file") }
        let engine = try Engine.open(root: root, options: EngineOptions(delay: 0, deliverInBackground: false))
        defer { engine.close() }
        func path(_ index: Int) -> String { vaultFolder(index / folderSize) + vaultFile(index % folderSize, folderSize: folderSize) }
        let seed = try RemotePath(path(0))
        let put = PutRequest(
            url: try engine.api.createUpload(user: "bench", path: seed, size: 1).url, body: DataSource(Data([120])), contentLength: 1)
        let source = try engine.store.put(batch: [put])[0].key
        for start in stride(from: 1, to: items, by: 10_000) {
            try Background.checkInterrupted()
            try engine.write { db in
                for index in start..<min(start + 10_000, items) {
                    try engine.store.copyObject(db, from: source, to: "bench/" + path(index))
                }
            }
            _ = try engine.waitUntilIdle(timeout: 3_600)
        }
        _ = try engine.waitUntilIdle(timeout: 3_600)
    }

    /// The name of a vault's folder `index`, with its slash: `d0000/`.
    static func vaultFolder(_ index: Int) -> String { String(format: "d%04d/", index) }

    /// The name of file `index` in a vault's folder of `folderSize` files: `f` and as many digits as the
    /// folder's last file needs (`f000` to `f999` in folders of 1,000).
    static func vaultFile(_ index: Int, folderSize: Int) -> String {
        String(format: "f%0\(String(max(folderSize - 1, 0)).count)d", index)
    }
}
