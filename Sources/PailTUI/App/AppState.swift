import Foundation
import PailCore

/// Everything the screen shows, as plain values; views draw it, `AppModel.update` changes it.
struct AppState: Sendable {
    /// What fills the screen.
    enum Screen: Sendable, Equatable {
        case browser
        case help
        case executions(selected: Int, showingSteps: Bool)
        /// The task list (`T`), its cursor on a row of `taskRows`.
        case tasks(selected: Int)
    }

    /// The last thing said to the user.
    struct Status: Sendable, Equatable {
        enum Kind: Sendable { case info, success, error }
        var text: String
        var kind: Kind
    }

    /// A transfer or command of this session, running in the background or ended (for the task list).
    struct RunningTask: Sendable {
        let title: String
        var progress: TransferProgress?
        /// When it was asked for, then (if it was queued) when it started.
        var started: Date
        var id = 0
        /// What started it, for `r` to start it again.
        var request: TaskRequest? = nil
        var phase = TaskPhase.running
        var ended: Date? = nil
    }

    var user: String
    let root: String
    let delay: TimeInterval
    var tree = TreeModel()
    var visible = VisibleRows(all: [], filter: "")
    var selection = 0
    var scrollTop = 0
    /// The entries chosen for a bulk operation (`selection` is the cursor's row).
    var chosen = Selection()
    /// Where the range `v` opened starts, while it is open.
    var rangeAnchor: String?
    /// What `y` or `Y` put aside for `p`.
    var clipboard: Clipboard?
    /// The filter text; `editingFilter` while the user types it.
    var filter = TextField()
    var editingFilter = false
    /// The search screen, while it is open (`f`).
    var search: SearchState?
    /// Where the tree goes once it has read the folders leading there (after a search).
    var jump: Jump?
    /// Where the cursor was before the last jump: where `-` goes back to.
    var previousPlace: String?
    /// A path being looked up that opens on arrival if it is a folder (the start path of `pail tui PATH`).
    var opensOnArrival: String?
    /// The marks `b` set and `'` goes to.
    var bookmarks = Bookmarks()
    var quota: QuotaReport?
    var deliveries: [Delivery] = []
    var executions: [Execution] = []
    var loaded = false
    var status = Status(text: "", kind: .info)
    var dialog: Dialog?
    var screen = Screen.browser
    /// How far the help screen is scrolled down.
    var helpScroll = 0
    /// The tasks running now (a cancelled one until it stops) or queued.
    var tasks: [Int: RunningTask] = [:]
    /// The tasks that ended in this session, newest first (at most `TaskPhase.kept`).
    var endedTasks: [RunningTask] = []
    /// What `z` can undo, made in this run of the UI.
    var history = UndoHistory()
    /// The theme last asked for, where `t` goes on from (even if it could not be loaded, so a broken theme
    /// does not stop the cycle).
    var themeName: String
    /// The tree's order chosen in each vault (user) of the root, as remembered (`TreeSortFile`).
    var sorts: [String: TreeSort] = [:]
    /// The preview pane (`P`): shown or not, and what it shows.
    var preview = PreviewState()
    var now = Date()

    /// The selected row, if there is one and it is at hand (a big folder's row may still be on its way).
    var selected: TreeRow? { visible[selection] }

    /// The folder an upload or a new folder goes into: the selected folder, or the selected file's folder.
    var targetFolder: String {
        guard let selected else { return "" }
        return selected.isFolder ? selected.path : selected.parent
    }

    /// Recomputes the rows after the tree or the filter changed, keeping the selection on the same path.
    mutating func refreshRows() {
        let selectedPath = selected?.path
        visible = VisibleRows(all: tree.rows(), filter: filter.text)
        if let selectedPath, let index = visible.index(of: selectedPath) {
            selection = index
        }
        selection = max(0, min(selection, visible.count - 1))
    }

    /// The rows of the open range (`v`): from its anchor to the cursor.
    var rangeRows: ClosedRange<Int>? {
        guard let anchor = rangeAnchor.flatMap({ visible.index(of: $0) }) else { return nil }
        return min(anchor, selection)...max(anchor, selection)
    }

    /// Events not yet delivered, dead letters not counted (they wait for a redrive, not for delivery).
    var liveDeliveries: Int { deliveries.filter { !$0.isDead }.count }
}
