import Foundation
import PailCore
import Testing

/// The real binary killed with SIGKILL at random moments of folder uploads, folder moves, event
/// deliveries, restores of deleted folders and purges. After each kill `pail check` reopens the root
/// (cleaning what the crash left, draining the buses) and must find it consistent; then no committed file
/// is lost or changed, nothing partial is listed, and a folder move or restore has happened wholly or not
/// at all.
///
/// `PAIL_KILL_ITERATIONS` (default 50) sets the kills, `PAIL_KILL_SEED` the seed (random and printed otherwise).
@Suite("Random kills")
struct RandomKillTests {
    static let environment = ProcessInfo.processInfo.environment
    static let iterations = Int(environment["PAIL_KILL_ITERATIONS"] ?? "") ?? 50

    enum Action: CaseIterable {
        case uploadFolder, moveFolder, deliver, restoreFolder, purge
    }

    @Test("SIGKILL at random moments: nothing committed lost, nothing partial, moves all or nothing")
    func randomKills() throws {
        let seed = UInt64(Self.environment["PAIL_KILL_SEED"] ?? "") ?? UInt64.random(in: 0...UInt64(UInt32.max))
        var random = SplitMix64(seed: seed)
        let pail = try PailRunner()
        // The local folder every upload sends: small files of assorted sizes and one of 3 MiB.
        var sources: [String: String] = [:]  // relative path → MD5
        for index in 0..<24 {
            let relative = index % 3 == 0 ? "sub/f\(index).bin" : "f\(index).bin"
            let path = try pail.makeFile("src/" + relative, size: 1_000 + index * 613, seed: UInt64(index + 1))
            sources[relative] = try LocalFiles.md5(ofFile: path)
        }
        sources["big.bin"] = try LocalFiles.md5(ofFile: try pail.makeFile("src/big.bin", size: 3 << 20, seed: 99))
        let source = pail.files + "/src"

        var kills = 0
        var listed: [String: String] = [:]  // what the vault holds: path → ETag
        for iteration in 0..<Self.iterations {
            let action = Action.allCases.randomElement(using: &random)!
            let folders = Set(listed.keys.compactMap { $0.split(separator: "/").first.map(String.init) }).sorted()
            var arguments: [String]
            var environment = ["PAIL_DELAY_MS": "0"]
            var window = 0.3
            var moved: (from: String, to: String)?
            var restoring: [String: String]?  // what the restored folder held
            switch action {
            case .uploadFolder:
                arguments = ["upload", source, "up\(iteration)", "--quiet"]
            case .moveFolder where !folders.isEmpty:
                let folder = folders.randomElement(using: &random)!
                moved = (folder + "/", "mv\(iteration)/")
                arguments = ["mv", folder, "mv\(iteration)"]
                window = 0.08
            case .restoreFolder where !folders.isEmpty:
                let folder = folders.randomElement(using: &random)!
                try pail.success(["rm", "-r", folder], env: environment)
                try pail.wait()
                restoring = listed.filter { $0.key.hasPrefix(folder + "/") }
                listed = listed.filter { !$0.key.hasPrefix(folder + "/") }
                arguments = ["restore", folder + "/"]
                window = 0.08
            case .purge:
                arguments = ["purge"]
                window = 0.08
            case .moveFolder, .deliver, .restoreFolder:
                // Events held on the bus, then a delivery run that is killed.
                try pail.success(["upload", source, "held\(iteration)", "--quiet"], env: ["PAIL_DELAY_MS": "600000"])
                arguments = ["wait"]
                environment = [:]
                window = 0.15
            }
            let running = try pail.start(arguments, env: environment)
            Thread.sleep(forTimeInterval: Double.random(in: 0...window, using: &random))
            running.kill(SIGKILL)
            let result = try running.waitForExit(timeout: 30)
            if result.killedBySignal { kills += 1 }
            let context = "seed \(seed), iteration \(iteration): \(arguments.joined(separator: " ")) killed \(result.killedBySignal)"

            try pail.check()
            let now = Dictionary(uniqueKeysWithValues: try pail.ls().map { ($0.path, $0.etag) })
            #expect(LocalFiles.regularFiles(under: pail.root + "/tmp") == [], "\(context)")
            if let moved {
                let inside = listed.filter { $0.key.hasPrefix(moved.from) }
                let movedAll = Dictionary(uniqueKeysWithValues: inside.map { (moved.to + $0.key.dropFirst(moved.from.count), $0.value) })
                let untouched = listed.filter { !$0.key.hasPrefix(moved.from) }
                #expect(now == listed || now == untouched.merging(movedAll) { $1 }, "the move is all or nothing: \(context)")
            } else if let restoring {
                #expect(now == listed || now == listed.merging(restoring) { $1 }, "the restore is all or nothing: \(context)")
            } else {
                // What was there stays as it was; what is new is whole files of the source folder.
                #expect(listed.allSatisfy { now[$0.key] == $0.value }, "a committed file lost or changed: \(context)")
                for (path, etag) in now where listed[path] == nil {
                    let relative = path.split(separator: "/", maxSplits: 1).last.map(String.init) ?? ""
                    #expect(sources[relative] == etag, "\(path) is not a whole file of the source: \(context)")
                }
                if arguments == ["wait"] {
                    let held = "held\(iteration)/"
                    #expect(now.keys.filter { $0.hasPrefix(held) }.count == sources.count, "uploaded before the kill: \(context)")
                }
            }
            listed = now
        }
        print(
            "random kills: seed \(seed), \(Self.iterations) iterations, \(kills) processes killed mid-run, \(listed.count) files at the end; check consistent after each"
        )
        #expect(kills >= Self.iterations / 3, "most runs should be killed before they end (seed \(seed))")
    }
}
