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
    /// While true, reloads wait in `heldReloads` until `answerHeldReloads` (a slow engine: keys typed ahead).
    var holdsReloads = false
    private(set) var heldReloads: [Effect] = []

    /// A model for `alice` whose vault holds `files` (path: size) and the empty `folders`, loaded (in the orders
    /// `sorts` remembers by user).
    init(files: [String: Int64] = [:], folders: [String] = [], themeNames: [String] = ["default", "mono"], sorts: [String: TreeSort] = [:])
    {
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
        for folder in listings.keys {
            let entries = files.filter { $0.key.parentFolder == folder }.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            listings[folder] = FolderListing(
                folder: folder, folders: Array(Set(listings[folder]!.folders)).sorted(),
                files: entries.map { FileEntry(path: $0.key, size: $0.value, etag: "etag-\($0.value)", modified: Self.modified) })
        }
        self.listings = listings
        model = AppModel(
            user: "alice", root: "/vault", delay: 0, themeName: "default", themeNames: themeNames, places: Self.places, sorts: sorts)
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
        if holdsReloads {
            heldReloads += produced.filter { if case .reload = $0 { true } else { false } }
            return produced
        }
        answer(produced)
        return produced
    }

    /// Answers the reloads held so far, in order, from the fixture.
    mutating func answerHeldReloads() {
        holdsReloads = false
        let held = heldReloads
        heldReloads = []
        answer(held)
    }

    private mutating func answer(_ produced: [Effect]) {
        for case .reload(let user, let folders, let windows, let order) in produced {
            let shown = folders.reduce(into: [String: FolderListing]()) { shown, folder in
                shown[folder] = listings[folder].map { Self.read($0, through: windows[folder] ?? TreeModel.firstPage(order)) }
            }
            send(.message(.loaded(Snapshot(user: user, listings: shown, quota: quota, deliveries: deliveries))))
        }
    }

    /// Changes the files the inventory lists in `folder`, as deliveries would.
    mutating func changeFiles(in folder: String, _ change: (inout [FileEntry]) -> Void) {
        let listing = listings[folder]!
        var files = listing.files
        change(&files)
        listings[folder] = FolderListing(folder: folder, folders: listing.folders, files: files)
    }

    /// What the inventory answers for `listing` read through `window` (in the window's order).
    static func read(_ listing: FolderListing, through window: FileWindow) -> FolderListing {
        let files = listing.files.filter { NameFilter.matches($0.path.lastKeySegment ?? "", window.matching) }
            .sorted { precedes($0, $1, in: window.order) }
        let positions = window.positions(among: files.count)
        return FolderListing(
            folder: listing.folder, folders: listing.folders.sorted(by: window.order.precedes), files: Array(files[positions]),
            firstFileIndex: positions.lowerBound, fileCount: files.count, matching: window.matching, folderTotals: listing.folderTotals,
            order: window.order)
    }

    /// Whether the inventory lists `a` before `b` in `order`: by name, or by a key with ties by name.
    static func precedes(_ a: FileEntry, _ b: FileEntry, in order: ListingOrder) -> Bool {
        guard case .by(let key, let descending) = order else { return order.precedes(a.path, b.path) }
        let (first, second) = descending ? (b, a) : (a, b)
        func value(_ file: FileEntry) -> [UInt8] {
            switch key {
            case .size: return withUnsafeBytes(of: UInt64(FileSortKey.size(file.size)).bigEndian) { Array($0) }
            case .modified: return withUnsafeBytes(of: UInt64(FileSortKey.milliseconds(of: file.modified)).bigEndian) { Array($0) }
            case .extension: return FileSortKey.extensionKey(of: file.path.lastKeySegment ?? "")
            }
        }
        let (x, y) = (value(first), value(second))
        return x != y ? x.lexicographicallyPrecedes(y) : NaturalKey.precedes(first.path, second.path)
    }

    /// Finishes the last task started with `outcome`, as the engine worker would report it.
    @discardableResult
    mutating func finishLastTask(_ outcome: TaskOutcome) -> [Effect] {
        send(.message(.finished(taskID: model.lastTaskID, outcome: outcome)))
    }

    /// Selects the row of `path`.
    mutating func select(_ path: String) {
        model.state.selection = model.state.visible.index(of: path)!
    }

    /// The screen as `PailApp` would draw it, at a fixed time.
    mutating func render(width: Int, height: Int, theme: Theme = .builtIn) -> Grid {
        model.render(width: width, height: height, theme: theme, now: Self.modified.addingTimeInterval(60))
    }
}

extension VisibleRows {
    /// Every row at hand, in order (all of them while no big folder is open).
    var rows: [TreeRow] { (0..<count).compactMap { self[$0] } }
}
