import Dispatch
import PailCore
import Synchronization

/// Runs the search screen's searches off the UI thread, one at a time: each reads the inventory a chunk of
/// rows at a time (`FileAPI.continueSearch`) and posts what the chunk found, so the first results show
/// while the rest is read; a newer search or `cancel` ends it between two chunks.
final class PathSearcher: Sendable {
    private let engine: Engine
    private let mailbox: Mailbox
    private let queue = DispatchQueue(label: "pail.ui.search", qos: .userInitiated)
    /// The search that may go on; any other stops at its next chunk.
    private let current = Atomic<Int>(0)
    /// How many rows a chunk reads: a few milliseconds of work, so a keystroke stops a search at once.
    static let chunkRows = 4000

    init(engine: Engine, mailbox: Mailbox) {
        self.engine = engine
        self.mailbox = mailbox
    }

    func start(id: Int, user: String, pattern: SearchPattern) {
        current.store(id, ordering: .relaxed)
        queue.async { [self] in
            var search = PathSearch(pattern: pattern)
            do {
                while !search.isFinished, current.load(ordering: .relaxed) == id {
                    var hits: [SearchHit] = []
                    try engine.api.continueSearch(&search, user: user, rows: Self.chunkRows) {
                        hits.append($0)
                        return true
                    }
                    if !hits.isEmpty || search.isFinished { mailbox.post(.searchFound(id: id, hits: hits, finished: search.isFinished)) }
                }
            } catch {
                mailbox.post(.searchFailed(id: id, PailError.wrapping(error)))
            }
        }
    }

    func cancel() { current.store(0, ordering: .relaxed) }
}
