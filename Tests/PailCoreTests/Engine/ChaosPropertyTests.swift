import Foundation
import Testing

@testable import PailCore

/// Seeded random sequences of uploads, overwrites, deletes, moves and copies (refusing, overwriting, keeping
/// both, merging), restores and purges across three users, while chaos duplicates, reorders and fails
/// deliveries and workflow steps; then the buses are drained (dead letters redriven) and the store, the
/// inventory, the versions and the quotas must agree, with nothing uploaded lost: every upload is listed
/// or kept as a version, unless a move took it elsewhere or a purge removed it.
///
/// `PAIL_PROPERTY_OPS` (default 2000) sets the operations a run, `PAIL_PROPERTY_SEEDS` (default `1,2`) the seeds.
@Suite("Chaos: random operations under faults")
struct ChaosPropertyTests {
    static let environment = ProcessInfo.processInfo.environment
    static let operations = Int(environment["PAIL_PROPERTY_OPS"] ?? "") ?? 2_000
    static let seeds = (environment["PAIL_PROPERTY_SEEDS"] ?? "1,2").split(separator: ",").compactMap { UInt64($0) }

    @Test(arguments: seeds)
    func randomOperationsUnderChaosLoseNothing(seed: UInt64) throws {
        try Self.runAndShrink(seed: seed, operations: Self.operations, chaos: ChaosRun.standardChaos)
    }

    /// So many failures that deliveries run out of attempts: the dead letters are redriven, and still nothing is lost.
    @Test func heavyChaosDeadLettersAndRedrivesWithoutLoss() throws {
        let run = try Self.runAndShrink(seed: 11, operations: 300, chaos: "dup=0.3,reorder=0.5,fail=0.6,step=0.2")
        #expect(run.faults.deadLettersRedriven > 0, "\(run.summary)")
    }

    /// Runs a sequence; when the checks fail, records the seed and the shortest failing prefix of the
    /// same sequence (a function of the seed).
    @discardableResult
    static func runAndShrink(seed: UInt64, operations: Int, chaos: String) throws -> ChaosRun {
        let run = try ChaosRun(seed: seed, operations: operations, chaos: chaos)
        guard !run.problems.isEmpty else {
            print("chaos \(chaos),seed=\(seed): \(run.summary)")
            return run
        }
        var (passing, failing) = (0, operations)
        while failing - passing > 1 {
            let middle = (passing + failing) / 2
            if try ChaosRun(seed: seed, operations: middle, chaos: chaos).problems.isEmpty { passing = middle } else { failing = middle }
        }
        let shortest = try ChaosRun(seed: seed, operations: failing, chaos: chaos)
        Issue.record(
            """
            chaos \(chaos),seed=\(seed) fails after \(failing) operations: \(shortest.problems.joined(separator: "; "))
            the operations:
            \(shortest.log.joined(separator: "\n"))
            """)
        return run
    }

    @Test func chaosSettingsParseAndBadOnesSayWhy() throws {
        let chaos = try Chaos(parsing: "dup=0.2, reorder=0.3,fail=0.1,step=0,seed=42")
        #expect(chaos.rates == [.duplicate: 0.2, .reorder: 0.3, .failDelivery: 0.1, .failStep: 0])
        #expect(chaos.seed == 42)
        #expect(chaos.description == "dup=0.2,reorder=0.3,fail=0.1,step=0.0,seed=42")
        for bad in ["dup", "dup=2", "drop=0.1", "seed=x", "fail=-0.1"] {
            #expect(throws: PailError.self, "\(bad)") { try Chaos(parsing: bad) }
        }
    }

    @Test func theSameSeedStrikesTheSameWay() throws {
        let strikes = { (chaos: Chaos) in (0..<200).map { _ in chaos.strikes(.failDelivery) } }
        #expect(strikes(try Chaos(parsing: "fail=0.3,seed=9")) == strikes(try Chaos(parsing: "fail=0.3,seed=9")))
        let rate = Double(strikes(try Chaos(parsing: "fail=0.3,seed=10")).filter { $0 }.count) / 200
        #expect((0.2...0.4).contains(rate), "\(rate)")
        #expect(strikes(try Chaos(parsing: "fail=0,seed=9")).allSatisfy { !$0 })
    }
}

/// One seeded run: the operations, the drain, and what the checks found.
struct ChaosRun {
    struct Faults {
        var rejected = 0
        var deliveriesRun = 0
        var deadLettersRedriven = 0
    }

    static let standardChaos = "dup=0.2,reorder=0.3,fail=0.1,step=0.1"
    static let users = ["alice", "bob", "carol"]
    static let folders = ["", "a/", "a/b/", "c/"]
    static let names = ["x.txt", "y.bin", "z", "日本.txt"]
    static var paths: [String] { folders.flatMap { folder in names.map { folder + $0 } } }

    private(set) var log: [String] = []
    private(set) var faults = Faults()
    private(set) var problems: [String] = []
    private(set) var uploads = 0

    init(seed: UInt64, operations: Int, chaos rates: String) throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        let chaos = try Chaos(parsing: "\(rates),seed=\(seed)")
        let vault = try TestVault(clock: clock, chaos: chaos)
        let engine = vault.engine
        var random = SplitMix64(seed: seed ^ 0x5eed)
        // The last size uploaded to each user's path, and the prefixes a delete or move has named.
        var lastUpload: [String: [String: Int64]] = [:]
        var touched: [String: Set<String>] = [:]
        // Every ETag uploaded to each user's path, and the prefixes a move took files from or a purge emptied.
        var uploadedETags: [String: [String: Set<String>]] = [:]
        var movedOrPurged: [String: Set<String>] = [:]

        for index in 0..<operations {
            let user = Self.users.randomElement(using: &random)!
            let roll = random.nextUnit()
            let description: String
            do {
                switch roll {
                case ..<0.42:
                    let path = Self.paths.randomElement(using: &random)!
                    let size = Int64.random(in: 0...3_000, using: &random)
                    let stored = try vault.upload(path, bytes(Int(size), seed: UInt8(truncatingIfNeeded: index)), user: user)
                    lastUpload[user, default: [:]][path] = size
                    uploadedETags[user, default: [:]][path, default: []].insert(stored.etag)
                    uploads += 1
                    description = "upload \(user) \(path) \(size)"
                case ..<0.47:
                    let path = Self.paths.randomElement(using: &random)!
                    touched[user, default: []].insert(path)
                    description = "restore \(user) \(path)"
                    _ = try engine.api.restore(user: user, path: RemotePath(path))
                case ..<0.49:
                    let prefix = Self.folders.randomElement(using: &random)!
                    movedOrPurged[user, default: []].insert(prefix)
                    description = "purge \(user) \(prefix.isEmpty ? "(all)" : prefix)"
                    _ = try engine.api.purge(user: user, prefix: prefix.isEmpty ? nil : RemotePath(prefix))
                case ..<0.60:
                    let path = try Self.pick(user: user, engine: engine, random: &random)
                    touched[user, default: []].insert(path)
                    description = "delete \(user) \(path)"
                    _ = try engine.api.delete(user: user, path: RemotePath(path))
                case ..<0.65:
                    let folder = Self.folders.dropFirst().randomElement(using: &random)!
                    touched[user, default: []].insert(folder)
                    description = "delete -r \(user) \(folder)"
                    _ = try engine.api.delete(user: user, path: RemotePath(String(folder.dropLast())), recursive: true)
                case ..<0.76:
                    let source = try Self.pick(user: user, engine: engine, random: &random)
                    let destination = Self.paths.randomElement(using: &random)!
                    let choice = [ConflictChoice.refuse, .overwrite, .keepBoth].randomElement(using: &random)!
                    touched[user, default: []].formUnion([source, destination])
                    movedOrPurged[user, default: []].insert(source)
                    description = "mv \(user) \(source) \(destination) \(choice)"
                    _ = try engine.api.move(user: user, from: RemotePath(source), to: RemotePath(destination), onConflict: choice)
                case ..<0.81:
                    // A copy leaves its source; what it writes over is kept as an old version.
                    let source = try Self.pick(user: user, engine: engine, random: &random)
                    let destination = Self.paths.randomElement(using: &random)!
                    let choice = [ConflictChoice.refuse, .overwrite, .keepBoth].randomElement(using: &random)!
                    touched[user, default: []].insert(destination)
                    description = "cp \(user) \(source) \(destination) \(choice)"
                    _ = try engine.api.copy(user: user, from: RemotePath(source), to: RemotePath(destination), onConflict: choice)
                case ..<0.84:
                    let source = Self.folders.dropFirst().randomElement(using: &random)!
                    let destination = ["d/", "c/", "a/", "e"].randomElement(using: &random)!
                    let choice = [ConflictChoice.refuse, .overwrite, .keepBoth].randomElement(using: &random)!
                    let merge = random.nextUnit() < 0.5
                    touched[user, default: []].formUnion([source, destination])
                    movedOrPurged[user, default: []].insert(source)
                    description = "mv \(user) \(source) \(destination) \(choice)\(merge ? " merge" : "")"
                    _ = try engine.api.move(
                        user: user, from: RemotePath(String(source.dropLast())), to: RemotePath(destination), onConflict: choice,
                        merge: merge)
                case ..<0.87:
                    let source = Self.folders.dropFirst().randomElement(using: &random)!
                    let destination = ["d/", "c/", "a/", "e", String(source.dropLast())].randomElement(using: &random)!
                    let choice = [ConflictChoice.refuse, .overwrite, .keepBoth].randomElement(using: &random)!
                    let merge = random.nextUnit() < 0.5
                    touched[user, default: []].insert(destination)
                    description = "cp -r \(user) \(source) \(destination) \(choice)\(merge ? " merge" : "")"
                    _ = try engine.api.copy(
                        user: user, from: RemotePath(String(source.dropLast())), to: RemotePath(destination), recursive: true,
                        onConflict: choice, merge: merge)
                default:
                    clock.advance(by: 0.5)
                    let count = try engine.deliverer.deliverBatch()
                    faults.deliveriesRun += count
                    description = "deliver (\(count))"
                }
                log.append("\(index): \(description)")
            } catch let error as PailError {
                // A refused operation (no such key, a move onto itself) must change nothing; the drain checks that.
                faults.rejected += 1
                log.append("\(index): \(error.code.rawValue)")
            }
        }
        try drain(engine, clock: clock)
        problems = try vault.check()
        let pending = try engine.pendingEvents()
        if !pending.isEmpty { problems.append("\(pending.count) deliveries still pending after the drain") }
        for user in Self.users {
            let listed = try vault.list(user)
            for (path, size) in lastUpload[user] ?? [:] where !(touched[user] ?? []).contains(where: { path.hasKeyPrefix($0) }) {
                if listed[path] != size {
                    problems.append(
                        "\(user)/\(path): uploaded \(size) B, never deleted or moved, listed \(listed[path].map(String.init) ?? "nothing")")
                }
            }
            let spared = (uploadedETags[user] ?? [:]).filter { path, _ in !(movedOrPurged[user] ?? []).contains { path.hasKeyPrefix($0) } }
            for (path, etags) in spared {
                let kept = Set(try engine.read { try engine.store.versions($0, key: "\(user)/\(path)") }.map(\.etag))
                for etag in etags.subtracting(kept) {
                    problems.append("\(user)/\(path): the upload with ETag \(etag) is neither current nor kept")
                }
            }
            let trash = try engine.api.trash(user: user).compactMap { RemotePath.path(ofKey: $0.key, user: user) }
            for path in trash where listed[path] != nil { problems.append("\(user)/\(path): listed and in the trash") }
        }
    }

    var summary: String {
        "\(log.count) operations (\(uploads) uploads, \(faults.rejected) refused), \(faults.deliveriesRun) deliveries, \(faults.deadLettersRedriven) dead letters redriven; problems: \(problems.isEmpty ? "none" : problems.joined(separator: "; "))"
    }

    /// A path of the user's vault as the inventory lists it now, or (half the time, or when empty) one from the pool.
    private static func pick(user: String, engine: Engine, random: inout SplitMix64) throws -> String {
        let listed = try engine.api.list(user: user).map(\.path)
        if listed.isEmpty || random.nextUnit() < 0.5 { return paths.randomElement(using: &random)! }
        return listed.randomElement(using: &random)!
    }

    /// Delivers until nothing is pending: time moves past every backoff, dead letters are redriven.
    private mutating func drain(_ engine: Engine, clock: ManualClock) throws {
        for _ in 0..<10_000 {
            clock.advance(by: 31)
            faults.deliveriesRun += try engine.deliverer.deliverBatch(ignoringDelay: true)
            let pending = try engine.pendingEvents()
            if pending.isEmpty { return }
            if pending.allSatisfy(\.isDead) { faults.deadLettersRedriven += try engine.redrive() }
        }
    }
}
