import Foundation
@_exported import PailTestSupport

@testable import PailCore

/// A fresh data root with an open engine, for one test; removed when the vault is released.
final class TestVault: Sendable {
    let root: String
    let engine: Engine
    let clock: ManualClock?

    init(delay: TimeInterval = 0, clock: ManualClock? = nil, root: String? = nil, chaos: Chaos? = nil) throws {
        let made = try root == nil ? TemporaryFolder("pail-test") : nil
        self.root = root ?? made!.path
        self.clock = clock
        do {
            engine = try Engine.open(
                root: self.root,
                options: EngineOptions(delay: delay, clock: clock ?? SystemClock(), deliverInBackground: false, chaos: chaos))
        } catch {
            made?.remove()  // deinit does not run for a vault that never opened
            throw error
        }
    }

    /// A fresh vault where `user`, with a quota of `quota` bytes, holds `path` (`size` bytes), already in the inventory.
    static func holding(_ path: String, size: Int, user: String, quota: Int64) throws -> TestVault {
        let vault = try TestVault()
        _ = try vault.engine.api.addUser(user, quota: quota)
        try vault.upload(path, bytes(size), user: user)
        try vault.engine.waitUntilIdle()
        return vault
    }

    /// Opens a second engine on the same root, as a second process would.
    func reopen(delay: TimeInterval = 0) throws -> Engine {
        try Engine.open(root: root, options: EngineOptions(delay: delay, clock: clock ?? SystemClock(), deliverInBackground: false))
    }

    deinit {
        engine.close()
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Uploads `bytes` to `path` for `user` the way a client does: presign, then PUT.
    @discardableResult
    func upload(_ path: String, _ bytes: Data, user: String = "alice", engine: Engine? = nil) throws -> ObjectMetadata {
        let engine = engine ?? self.engine
        let url = try engine.api.createUpload(user: user, path: RemotePath(path), size: Int64(bytes.count))
        return try engine.store.put(url: url.url, body: DataSource(bytes), contentLength: Int64(bytes.count))
    }

    func list(_ user: String = "alice") throws -> [String: Int64] {
        Dictionary(uniqueKeysWithValues: try engine.api.list(user: user).map { ($0.path, $0.size) })
    }

    func used(_ user: String = "alice") throws -> Int64 { try engine.api.quota(user: user).used }

    func pending() throws -> [Delivery] { try engine.pendingEvents() }

    func check() throws -> [String] { try ConsistencyCheck(engine: engine).run() }

    /// The files under a folder of the root (e.g. `blobs`, `tmp`), recursively.
    func files(in folder: String) -> [String] {
        let path = "\(root)/\(folder)"
        let enumerator = FileManager.default.enumerator(atPath: path)
        var files: [String] = []
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(path)/\(name)", isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(name)
            }
        }
        return files
    }
}
