import PailCore

/// The search screen: typing searches every path of the vault (on the engine worker, results streaming
/// in), the arrows move through the results, `Enter` jumps there in the tree and `Esc` gives up.
extension AppModel {
    mutating func openSearch() {
        state.search = SearchState()
        say("", .info)
    }

    mutating func handleSearch(_ key: Key) {
        guard var search = state.search else { return }
        let last = max(0, search.hits.count - 1)
        let page = max(1, treeArea.height - 4)
        switch KeyBinding.action(for: key, in: .search) {
        case .cancel?:
            if search.running { emit(.cancelSearch) }
            state.search = nil
            return
        case .submit?:
            guard let hit = search.selected else { return }
            if search.running { emit(.cancelSearch) }
            state.search = nil
            // The engine finds it (it may have moved since) and counts its place in the tree's order, as for `g`.
            return goTo(hit.path)
        case .moveDown?: search.selection = min(last, search.selection + 1)
        case .moveUp?: search.selection = max(0, search.selection - 1)
        case .pageDown?: search.selection = min(last, search.selection + page)
        case .pageUp?: search.selection = max(0, search.selection - page)
        case .toggleFuzzy?:
            search.fuzzy.toggle()
            state.search = search
            return restartSearch()
        default:
            let before = search.field.text
            _ = search.field.handle(key)
            state.search = search
            if search.field.text != before { restartSearch() }
            return
        }
        state.search = search
    }

    /// Drops what was found and searches for the pattern as it is now (nothing for an empty one).
    private mutating func restartSearch() {
        guard var search = state.search else { return }
        if search.running { emit(.cancelSearch) }
        search.hits = []
        search.count = 0
        search.selection = 0
        search.error = nil
        search.running = false
        if !search.field.text.isEmpty {
            do {
                let pattern = try SearchPattern(search.field.text, fuzzy: search.fuzzy)
                lastSearchID += 1
                search.id = lastSearchID
                search.running = true
                emit(.search(id: search.id, user: state.user, pattern: pattern))
            } catch {
                search.error = PailError.wrapping(error)
            }
        }
        state.search = search
    }

    /// Results of the search `id` came in; those of a search given up are dropped.
    mutating func found(id: Int, hits: [SearchHit], finished: Bool) {
        guard var search = state.search, search.id == id, search.running else { return }
        search.hits += hits.prefix(max(0, SearchState.kept - search.hits.count))
        search.count += hits.count
        search.running = !finished
        state.search = search
    }

    mutating func searchFailed(id: Int, _ error: PailError) {
        guard var search = state.search, search.id == id else { return }
        search.running = false
        search.error = error
        state.search = search
    }
}
