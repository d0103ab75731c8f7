import Foundation
import PailCore

@testable import PailTUI

/// Drives an `AppModel` as a user would, without an engine or a terminal: keys in, effects out. Reloads
/// are answered from the fixture's listings, so a test reads like the key sequence it checks.
///
/// ```swift
/// var ui = ModelHarness(files: ["a.txt": 5])
/// ui.press("d", "y")
/// #expect(ui.jobs == [.delete(path: "a.txt", isFolder: false)])
/// ```
struct ModelHarness {
    static let modified = Date(timeIntervalSince1970: 1_795_000_000)
    static let places = AppModel.LocalPlaces(workingDirectory: "/work", home: "/home/alice")

    var model: AppModel
    /// The listings a reload answers with.
    var listings: [String: FolderListing]
    var deliveries: [Delivery] = []
    var quota = QuotaReport(user: "alice", used: 250, limit: 1000)
    /// Every effect since the harness was made (reloads answered included).
    private(set) var effects: [Effect] = []

    /// A model for `alice` whose vault holds `files` (path: size) and the empty `folders`, loaded.
    init(files: [String: Int64] = [:], folders: [String] = [], themeNames: [String] = ["default", "mono"]) {
        let empty = { (folder: String) in FolderListing(folder: folder, folders: [], files: []) }
        var listings = ["": empty("")]
        for folder in folders + files.keys.map(\.parentFolder) {
            var parent = ""
            for segment in folder.keySegments where !segment.isEmpty {
                let child = parent + segment + "/"
                listings[parent, default: empty(parent)].folders.append(segment)
                listings[child] = listings[child] ?? empty(child)
                parent = child
            }
        }
        for (path, size) in files.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            listings[path.parentFolder]!.files.append(FileEntry(path: path, size: size, etag: "etag-\(size)", modified: Self.modified))
        }
        for folder in listings.keys { listings[folder]!.folders = Array(Set(listings[folder]!.folders)).sorted() }
        self.listings = listings
        model = AppModel(user: "alice", root: "/vault", delay: 0, themeName: "default", themeNames: themeNames, places: Self.places)
        send(.reloadRequested)
    }

    var state: AppState { model.state }
    var status: String { model.state.status.text }

    /// The jobs of the tasks started since the harness was made, in order.
    var jobs: [Job] { effects.compactMap { if case .task(let request) = $0 { return request.job } else { return nil } } }

    /// Forgets the effects so far, so the next assertion sees only what follows.
    mutating func clearEffects() { effects = [] }

    /// Presses keys by their headless-script names (`j`, `enter`, `esc`, `ctrl-d`); returns their effects.
    @discardableResult
    mutating func press(_ names: String...) -> [Effect] {
        names.flatMap { name in send(.input(.key(Key(name: name)!))) }
    }

    /// Types text character by character.
    @discardableResult
    mutating func type(_ text: String) -> [Effect] {
        text.flatMap { send(.input(.key(.character($0)))) }
    }

    /// Sends an event; a reload it asks for is answered at once from the fixture.
    @discardableResult
    mutating func send(_ event: AppEvent) -> [Effect] {
        let produced = model.update(event)
        effects += produced
        for case .reload(let user, let folders) in produced {
            let shown = folders.reduce(into: [String: FolderListing]()) { $0[$1] = listings[$1] }
            send(.message(.loaded(Snapshot(user: user, listings: shown, quota: quota, deliveries: deliveries))))
        }
        return produced
    }

    /// Finishes the last task started with `outcome`, as the engine worker would report it.
    @discardableResult
    mutating func finishLastTask(_ outcome: TaskOutcome) -> [Effect] {
        send(.message(.finished(taskID: model.lastTaskID, outcome: outcome)))
    }

    /// Selects the row of `path`.
    mutating func select(_ path: String) {
        model.state.selection = model.state.visible.rows.firstIndex { $0.path == path }!
    }

    /// The screen as `PailApp` would draw it, at a fixed time.
    mutating func render(width: Int, height: Int, theme: Theme = .builtIn) -> Grid {
        model.render(width: width, height: height, theme: theme, now: Self.modified.addingTimeInterval(60))
    }
}
