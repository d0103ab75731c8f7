import Foundation
import PailCore
import PailTestSupport
import Testing

@testable import PailTUI

/// The tree's order remembered in the root's tree-sort.json: UIs saving at once each keep their vault's
/// order, no temporary file is left, and a damaged file is reported and then written anew.
@Suite("Tree sort file")
final class TreeSortFileTests {
    let root: TemporaryFolder

    init() throws { root = try TemporaryFolder("pail-tree-sort") }

    deinit { root.remove() }

    @Test func uisSavingAtOnceEachKeepTheirVaultsOrder() throws {
        let users = (0..<12).map { "user\($0)" }
        let failures = Failures()
        let root = root.path
        DispatchQueue.concurrentPerform(iterations: users.count) { index in
            for round in 0..<8 {
                do {
                    try TreeSortFile.save(TreeSort(key: .size, reversed: round % 2 == 1), user: users[index], root: root)
                } catch {
                    failures.add("\(error)")
                }
            }
        }
        #expect(failures.all.isEmpty)
        let sorts = try TreeSortFile.load(root: root)
        #expect(sorts.keys.sorted() == users.sorted(), "no vault's order is lost to another's save")
        #expect(sorts.values.allSatisfy { $0 == TreeSort(key: .size, reversed: true) }, "each vault has its last order")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["tree-sort.json"], "no temporary file is left")
    }

    @Test func aDamagedFileIsReportedThenWrittenAnew() throws {
        let path = TreeSortFile.path(root: root.path)
        try Data("{\"alice\":{\"key\":\"si".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            try TreeSortFile.load(root: root.path)
        } throws: { error in
            let message = (error as? PailError)?.message ?? ""
            return message.hasPrefix("\(path) is damaged, the tree is sorted by name (S then a key writes it anew)")
        }
        try TreeSortFile.save(TreeSort(key: .modified), user: "bob", root: root.path)
        #expect(try TreeSortFile.load(root: root.path) == ["bob": TreeSort(key: .modified)])
    }
}

/// Errors gathered from several threads.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []

    func add(_ failure: String) { lock.withLock { list.append(failure) } }

    var all: [String] { lock.withLock { list } }
}
