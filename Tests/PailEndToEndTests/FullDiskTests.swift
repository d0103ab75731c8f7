import Foundation
import Testing

/// A data root on a real, small file system (an 8 MiB tmpfs, where the machine lets the tests mount one):
/// uploads that run out of space fail with `InsufficientStorage` and leave the root consistent, and reading
/// commands on a full disk work or say so with `InsufficientStorage`.
@Suite("Full disk", .enabled(if: TinyFileSystem.canMount, "mounting a tmpfs needs root (CAP_SYS_ADMIN)"))
struct FullDiskTests {
    @Test("a full disk refuses the upload with InsufficientStorage; nothing partial, nothing lost, space comes back")
    func uploadsOnAFullDisk() throws {
        let pail = try PailRunner()
        let disk = try TinyFileSystem(at: pail.root, megabytes: 8)
        defer { disk.unmount() }
        let small = try pail.makeFile("small.txt", size: 1_000)
        try pail.success("upload", small, "small.txt")

        // Larger than the whole disk: refused part-way through the write.
        let huge = try pail.makeFile("huge.bin", size: 12 << 20, seed: 3)
        let message = try pail.failure("InsufficientStorage", ["upload", huge, "huge.bin"])
        #expect(message.contains("space") || message.contains("full"), "\(message)")
        #expect(try pail.ls().map(\.path) == ["small.txt"])
        #expect(try pail.quota().used == 1_000)
        try pail.check()
        #expect(LocalFiles.regularFiles(under: pail.root + "/tmp") == [])
        #expect(LocalFiles.regularFiles(under: pail.root + "/blobs").count == 1)

        // Fill the disk with 1 MiB files until it refuses; what was stored before stays whole.
        var stored = ["small.txt"]
        for index in 0..<16 {
            let file = try pail.makeFile("fill-\(index).bin", size: 1 << 20, seed: UInt64(10 + index))
            let result = try pail.run(["upload", file, "fill-\(index).bin"])
            if !result.succeeded {
                #expect(result.stderr.contains("error: InsufficientStorage:"), "\(result)")
                break
            }
            stored.append("fill-\(index).bin")
        }
        #expect(stored.count > 2 && stored.count < 17, "the disk filled after \(stored.count) files")
        try pail.check()
        #expect(try pail.ls().map(\.path).sorted() == stored.sorted())

        // Another program takes the last byte: reading commands work, or say the disk is full; never a
        // StorageError about disk I/O.
        let filler = pail.root + "/filler"
        let filled = try pail.shell("dd if=/dev/zero of='\(filler)' bs=4k; df -k '\(pail.root)'")
        #expect(filled.stdout.contains(" 100% "), "the disk is not full: \(filled)")
        for arguments in [["ls"], ["quota"], ["versions", "small.txt"], ["events"], ["executions"], ["users", "list"]] {
            let result = try pail.run(arguments)
            let error = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
            #expect(
                result.succeeded || error.hasPrefix("error: InsufficientStorage: The disk holding"),
                "pail \(arguments.joined(separator: " ")): \(result)")
            #expect(!result.stderr.contains("StorageError"), "\(result)")
        }
        try FileManager.default.removeItem(atPath: filler)
        #expect(try pail.ls().map(\.path).sorted() == stored.sorted())

        // Deleting keeps the files in the trash; purging it frees the space for the next upload.
        for name in stored.dropFirst().prefix(3) { try pail.success("rm", name) }
        try pail.wait()
        try pail.success("purge")
        let again = try pail.makeFile("again.bin", size: 1 << 20, seed: 77)
        try pail.success("upload", again, "again.bin")
        #expect(try pail.ls().contains { $0.path == "again.bin" && $0.size == 1 << 20 })
        try pail.check()
    }
}

/// Write errors injected by the kernel, on any machine: a file size limit (`ulimit -f`, with SIGXFSZ ignored)
/// makes the store's writes fail with EFBIG part-way through an upload.
@Suite("Write errors")
struct WriteErrorTests {
    @Test("a write error in the store fails the upload with StorageError and changes nothing")
    func writeErrorInTheStore() throws {
        let pail = try PailRunner()
        try pail.success("upload", try pail.makeFile("small.txt", size: 1_000), "small.txt")
        try pail.makeFile("big.bin", size: 3 << 20, seed: 5)
        let result = try pail.shell("trap '' XFSZ; ulimit -f 2048; \"$PAIL\" upload big.bin big.bin")
        #expect(
            result.stderr.contains("error: StorageError: The store cannot write") && result.stderr.contains("File too large"), "\(result)")
        #expect(!result.succeeded)
        try pail.check()
        #expect(try pail.ls().map(\.path) == ["small.txt"])
        #expect(try pail.quota().used == 1_000)
        #expect(LocalFiles.regularFiles(under: pail.root + "/tmp") == [])
        #expect(LocalFiles.regularFiles(under: pail.root + "/blobs").count == 1)
        // Without the limit the same upload works.
        try pail.success("upload", "big.bin", "big.bin")
        #expect(try pail.ls().map(\.path) == ["big.bin", "small.txt"])
    }
}

/// A tmpfs of a few megabytes mounted over a folder for one test.
struct TinyFileSystem {
    let path: String

    /// Whether this machine lets the tests mount one (root in a container that allows mounts).
    static let canMount: Bool = {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("pail-mount-probe-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard (try? TinyFileSystem(at: probe, megabytes: 1)).map({ $0.unmount() }) != nil else { return false }
        return true
    }()

    init(at path: String, megabytes: Int) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard Self.run(["mount", "-t", "tmpfs", "-o", "size=\(megabytes)m,mode=0700", "tmpfs", path]) else {
            throw TestFailure("cannot mount a tmpfs at \(path)")
        }
    }

    func unmount() { _ = Self.run(["umount", path]) }

    private static func run(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
