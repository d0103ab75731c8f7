import PailCore

/// The search screen (`f`): the pattern typed, what the search running for it found so far, and the
/// result under the cursor. Each change of the pattern starts a new search; results of older ones are dropped.
struct SearchState: Sendable {
    var field = TextField()
    /// Subsequence matching (`SearchPattern.fuzzy`) rather than a substring.
    var fuzzy = false
    /// The search the results are for; 0 before the first.
    var id = 0
    /// The first `kept` results, in path order.
    var hits: [SearchHit] = []
    /// How many results the search found so far (`hits` keeps the first `kept`).
    var count = 0
    /// True while the search reads on.
    var running = false
    /// Why the pattern cannot be searched for, or the search failed.
    var error: PailError?
    var selection = 0

    /// How many results the screen keeps: more are counted, not shown.
    static let kept = 10_000

    var selected: SearchHit? { hits.indices.contains(selection) ? hits[selection] : nil }
}

/// Where the tree goes after a jump (a search result, go-to, a bookmark, `-`): `path` selected, its folders opened; a file's `position` among its
/// folder's files places the window of a big folder around it.
struct Jump: Sendable, Equatable {
    let path: String
    let position: Int

    /// The folder the row is in ("" at the top).
    var folder: String { path.parentFolder }

    /// The window a big folder is read through, in `order` (the one `position` was counted in), to show the
    /// file: centred on it.
    func window(order: ListingOrder) -> FileWindow {
        FileWindow(start: max(0, position - TreeModel.page / 2), limit: TreeModel.page, order: order)
    }
}
