import Foundation
import Synchronization
import Testing

/// Several `pail` processes on one root at once: uploads, deliveries and reads interleave safely.
@Suite("Concurrent processes")
struct ConcurrentProcessesTests {
    static let uploaders = 4
    static let filesEach = 10

    @Test("4 uploaders, a wait loop and a reader on one root: all files, exact quota, no lock errors")
    func severalProcessesOnOneRoot() throws {
        let pail = try PailRunner()
        var sizes: [String: Int64] = [:]
        var etags: [String: String] = [:]
        for worker in 0..<Self.uploaders {
            for index in 0..<Self.filesEach {
                let name = "w\(worker)/f\(index).bin"
                let size = 1_000 + worker * 997 + index * 131
                let local = try pail.makeFile(name, size: size, seed: UInt64(worker * 100 + index + 1))
                sizes[name] = Int64(size)
                etags[name] = try LocalFiles.md5(ofFile: local)
            }
        }

        let results = Mutex<[PailResult]>([])
        let failures = Mutex<[String]>([])
        let uploadsDone = Atomic<Int>(0)
        let group = DispatchGroup()
        func spawn(_ body: @escaping @Sendable () throws -> Void) {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do { try body() } catch { failures.withLock { $0.append("\(error)") } }
            }
        }
        for worker in 0..<Self.uploaders {
            spawn {
                defer { uploadsDone.add(1, ordering: .sequentiallyConsistent) }
                for index in 0..<Self.filesEach {
                    let name = "w\(worker)/f\(index).bin"
                    let result = try pail.run(["upload", pail.local(name), name])
                    results.withLock { $0.append(result) }
                }
            }
        }
        spawn {  // delivers while the uploads go on
            repeat {
                let result = try pail.run(["wait", "--timeout", "60"])
                results.withLock { $0.append(result) }
            } while uploadsDone.load(ordering: .sequentiallyConsistent) < Self.uploaders
        }
        spawn {  // reads while the uploads go on
            repeat {
                let result = try pail.run(["ls", "--json"])
                results.withLock { $0.append(result) }
                _ = try result.decode([ListedFile].self)
            } while uploadsDone.load(ordering: .sequentiallyConsistent) < Self.uploaders
        }
        group.wait()

        #expect(failures.withLock { $0 } == [])
        let all = results.withLock { $0 }
        #expect(all.count >= Self.uploaders * Self.filesEach + 2)
        for result in all {
            #expect(result.succeeded, "\(result)")
            #expect(!result.stderr.localizedCaseInsensitiveContains("locked"), "\(result)")
            #expect(!result.stderr.localizedCaseInsensitiveContains("busy"), "\(result)")
        }

        try pail.wait()
        try pail.check()
        let listed = try pail.ls()
        #expect(listed.count == Self.uploaders * Self.filesEach)
        for entry in listed {
            #expect(entry.size == sizes[entry.path], "\(entry.path)")
            #expect(entry.etag == etags[entry.path], "\(entry.path)")
        }
        #expect(Set(listed.map(\.path)) == Set(sizes.keys))
        #expect(try pail.quota().used == sizes.values.reduce(0, +))
    }

    @Test("processes that open a new root at the same moment all succeed")
    func concurrentFirstOpens() throws {
        let pail = try PailRunner()
        for round in 0..<10 {
            let root = "\(pail.sandbox)/fresh-\(round)"
            let running = try (0..<8).map { index in
                try pail.start(["ls", "--json"], user: "user\(index)", env: ["PAIL_ROOT": root])
            }
            for process in running {
                let result = try process.waitForExit(timeout: 60)
                #expect(result.succeeded, "round \(round): \(result)")
            }
            let users = try pail.success(["users", "list", "--json"], env: ["PAIL_ROOT": root]).decode([UserEntry].self)
            #expect(users.map(\.name) == (0..<8).map { "user\($0)" }, "round \(round)")
        }
    }
}
