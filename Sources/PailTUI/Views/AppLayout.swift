/// Where each pane goes for a terminal size: a title row, the tree, a side column (quota, events,
/// details) behind a divider on wide terminals or a bottom band on narrow ones, and the status row.
///
/// With the preview pane (`P`), a wide terminal's side column takes half the width and shows quota, the
/// preview and a few events; a narrow one splits the tree's rows with the preview, from 60 columns (below
/// that the preview is not shown).
struct AppLayout: Sendable, Equatable {
    struct Rect: Sendable, Equatable {
        var x: Int, y: Int, width: Int, height: Int
        var isEmpty: Bool { width <= 0 || height <= 0 }
    }

    /// The smallest terminal Pail draws in; below it a notice says so.
    static let minimumWidth = 40
    static let minimumHeight = 10

    let width: Int
    let height: Int
    let title: Rect
    let tree: Rect

    /// Everything between the title bar and the status line: where the help and the workflow runs go.
    var screenBelowTitle: Rect { Rect(x: 0, y: 1, width: width, height: height - 2) }
    let quota: Rect
    let events: Rect
    let details: Rect
    /// The preview pane (empty when it is off or has no room).
    let preview: Rect
    /// The column between the tree and the side column (empty on narrow terminals).
    let divider: Rect
    let status: Rect

    var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// The narrowest terminal that shows the preview pane.
    static let previewMinimumWidth = 60

    init(width: Int, height: Int, preview showsPreview: Bool = false) {
        self.width = width
        self.height = height
        title = Rect(x: 0, y: 0, width: width, height: 1)
        status = Rect(x: 0, y: height - 1, width: width, height: 1)
        let bodyTop = 1
        let bodyHeight = max(0, height - 2)
        if width >= 90 {
            let side = showsPreview ? min(width / 2, 100) : max(36, min(56, width * 2 / 5))
            let treeWidth = width - side
            tree = Rect(x: 0, y: bodyTop, width: treeWidth, height: bodyHeight)
            divider = Rect(x: treeWidth, y: bodyTop, width: 1, height: bodyHeight)
            let (sideX, sideWidth) = (treeWidth + 1, side - 1)
            quota = Rect(x: sideX, y: bodyTop, width: sideWidth, height: 3)
            if showsPreview {
                let eventsHeight = bodyHeight >= 24 ? 6 : 0
                preview = Rect(x: sideX, y: bodyTop + 3, width: sideWidth, height: max(0, bodyHeight - 3 - eventsHeight))
                events = Rect(x: sideX, y: bodyTop + bodyHeight - eventsHeight, width: sideWidth, height: eventsHeight)
                details = Rect(x: 0, y: 0, width: 0, height: 0)
            } else {
                let detailsHeight = bodyHeight >= 20 ? 7 : 0
                events = Rect(x: sideX, y: bodyTop + 3, width: sideWidth, height: max(0, bodyHeight - 3 - detailsHeight))
                details = Rect(x: sideX, y: bodyTop + bodyHeight - detailsHeight, width: sideWidth, height: detailsHeight)
                preview = Rect(x: 0, y: 0, width: 0, height: 0)
            }
        } else {
            let bandHeight = min(max(4, bodyHeight / 3), 9)
            let treeHeight = bodyHeight - bandHeight
            let previewWidth = showsPreview && width >= Self.previewMinimumWidth ? (width - 1) / 2 : 0
            let treeWidth = previewWidth > 0 ? width - previewWidth - 1 : width
            tree = Rect(x: 0, y: bodyTop, width: treeWidth, height: treeHeight)
            preview = Rect(x: treeWidth + 1, y: bodyTop, width: previewWidth, height: previewWidth > 0 ? treeHeight : 0)
            divider = Rect(x: treeWidth, y: bodyTop, width: previewWidth > 0 ? 1 : 0, height: previewWidth > 0 ? treeHeight : 0)
            quota = Rect(x: 0, y: bodyTop + bodyHeight - bandHeight, width: width, height: 2)
            events = Rect(x: 0, y: quota.y + 2, width: width, height: bandHeight - 2)
            details = Rect(x: 0, y: 0, width: 0, height: 0)
        }
    }
}
