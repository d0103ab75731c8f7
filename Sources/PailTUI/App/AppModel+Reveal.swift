import PailCore

/// Going to a path of the vault, for the search's results, the go-to prompt, `-` and bookmarks alike: the
/// folders leading there are opened and the row is selected once the tree has read them.
extension AppModel {
    /// Opens the folders leading to `path` (a file, or a folder ending in `/`) and selects it once the tree
    /// has read them (`resolveJump`); a file's `position` among its folder's files places a big folder's
    /// window around it. Where the cursor was becomes the place `-` goes back to.
    mutating func reveal(path: String, position: Int) {
        notePreviousPlace()
        state.filter = TextField()
        var ancestor = ""
        for segment in path.parentFolder.keySegments where !segment.isEmpty {
            ancestor += segment + "/"
            state.tree.expanded.insert(ancestor)
        }
        state.jump = Jump(path: path, position: position)
        state.refreshRows()
        say("Going to \(path)…", .info)
        requestReload()
        resolveJump()
    }

    /// Remembers the row under the cursor as the place `-` goes back to, before a jump elsewhere.
    mutating func notePreviousPlace() {
        if let here = state.selected?.path { state.previousPlace = here }
    }

    /// Selects the row a jump goes to once it is at hand; gives up, saying so, if the listing that should
    /// hold it does not (it was deleted or moved since it was found).
    mutating func resolveJump() {
        guard let jump = state.jump else { return }
        if let index = state.visible.index(of: jump.path) {
            state.selection = index
            state.jump = nil
            return say(jump.path, .info)
        }
        guard let listing = state.tree.listings[jump.folder] else { return }
        let read = listing.firstFileIndex..<(listing.firstFileIndex + listing.files.count)
        let covers = jump.path.endsWithSlash || listing.isWhole || (listing.matching.isEmpty && read.contains(jump.position))
        guard covers, state.tree.visibleFolders.allSatisfy({ state.tree.listings[$0] != nil }) else { return }
        state.jump = nil
        say("\(jump.path) is no longer in the inventory", .error)
    }
}
