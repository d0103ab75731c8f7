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

        let crowd = ProcessCrowd()
        let uploadsDone = Atomic<Int>(0)
        for worker in 0..<Self.uploaders {
            crowd.spawn {
                defer { uploadsDone.add(1, ordering: .sequentiallyConsistent) }
                for index in 0..<Self.filesEach {
                    let name = "w\(worker)/f\(index).bin"
                    crowd.record(try pail.run(["upload", pail.local(name), name]))
                }
            }
        }
        crowd.spawn {  // delivers while the uploads go on
            repeat {
                crowd.record(try pail.run(["wait", "--timeout", "60"]))
            } while uploadsDone.load(ordering: .sequentiallyConsistent) < Self.uploaders
        }
        crowd.spawn {  // reads while the uploads go on
            repeat {
                let result = try pail.run(["ls", "--json"])
                crowd.record(result)
                _ = try result.decode([ListedFile].self)
            } while uploadsDone.load(ordering: .sequentiallyConsistent) < Self.uploaders
        }
        let all = crowd.finish()
        #expect(all.count >= Self.uploaders * Self.filesEach + 2)

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

    @Test("uploads, moves, deletes, wait loops and a headless UI at once, 3 rounds: every invariant holds after each")
    func mixedCrowdsRepeated() throws {
        let pail = try PailRunner()
        var expected: [String: Int64] = [:]
        for round in 0..<3 {
            // Files the movers and deleters work on, stored before the crowd starts.
            for index in 0..<10 {
                try pail.success(["upload", try pail.makeFile("m\(round)/f\(index)", size: 500 + index), "m\(round)/f\(index)"])
                if index.isMultiple(of: 2) { expected["moved\(round)/f\(index)"] = Int64(500 + index) }
            }
            let crowd = ProcessCrowd()
            let done = Atomic<Int>(0)
            for worker in 0..<3 {
                crowd.spawn {
                    defer { done.add(1, ordering: .sequentiallyConsistent) }
                    for index in 0..<8 {
                        let name = "u\(round)/w\(worker)/f\(index).bin"
                        crowd.record(try pail.run(["upload", try pail.makeFile(name, size: 2_000 + index), name]))
                    }
                }
                for index in 0..<8 { expected["u\(round)/w\(worker)/f\(index).bin"] = Int64(2_000 + index) }
            }
            crowd.spawn {  // moves the even files, deletes the odd ones
                defer { done.add(1, ordering: .sequentiallyConsistent) }
                for index in 0..<10 {
                    let arguments =
                        index.isMultiple(of: 2) ? ["mv", "m\(round)/f\(index)", "moved\(round)/"] : ["rm", "m\(round)/f\(index)"]
                    crowd.record(try pail.run(arguments))
                }
            }
            crowd.spawn {
                repeat { crowd.record(try pail.run(["wait", "--timeout", "60"])) } while done.load(ordering: .sequentiallyConsistent) < 4
            }
            crowd.spawn {  // a UI watching it all, refreshing
                crowd.record(try pail.headless("wait-idle 60\nkey j\nkey R\nsleep 200\nkey g\nexpect Quota\nwait-idle 60\nexpect Quota\n"))
            }
            _ = crowd.finish()
            try pail.wait()
            try pail.check()
            let listed = Dictionary(uniqueKeysWithValues: try pail.ls().map { ($0.path, $0.size) })
            #expect(listed == expected, "round \(round)")
            #expect(try pail.quota().used == expected.values.reduce(0, +), "round \(round)")
        }
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

/// Threads that each run `pail` processes; every result is kept and checked: all succeeded, none
/// reported a locked or busy database.
final class ProcessCrowd: Sendable {
    private let results = Mutex<[PailResult]>([])
    private let failures = Mutex<[String]>([])
    private let group = DispatchGroup()

    /// Runs `body` on a thread of its own.
    func spawn(_ body: @escaping @Sendable () throws -> Void) {
        group.enter()
        Thread.detachNewThread { [self] in
            defer { group.leave() }
            do { try body() } catch { failures.withLock { $0.append("\(error)") } }
        }
    }

    func record(_ result: PailResult) { results.withLock { $0.append(result) } }

    /// Waits for every thread, checks every result, and returns them.
    func finish(sourceLocation: SourceLocation = #_sourceLocation) -> [PailResult] {
        group.wait()
        #expect(failures.withLock { $0 } == [], sourceLocation: sourceLocation)
        let all = results.withLock { $0 }
        for result in all {
            #expect(result.succeeded, "\(result)", sourceLocation: sourceLocation)
            #expect(!result.stderr.localizedCaseInsensitiveContains("locked"), "\(result)", sourceLocation: sourceLocation)
            #expect(!result.stderr.localizedCaseInsensitiveContains("busy"), "\(result)", sourceLocation: sourceLocation)
        }
        return all
    }
}
