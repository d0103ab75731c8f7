import PailCore

/// Which window of each big folder the screen needs: the one it has while it covers the rows around the
/// selection, else one centred on them; after the filter changed, the first window read with it; and, for a
/// jump from the search, the window around the file it goes to.
extension AppState {
    /// The window of each open folder read through one, where it is not the first page unfiltered.
    func wantedWindows(margin: Int) -> [String: FileWindow] {
        var windows: [String: FileWindow] = [:]
        var shown = Set<String>()
        for (start, run) in visible.fileRuns {
            let listing = run.listing
            shown.insert(listing.folder)
            let loaded = listing.firstFileIndex..<(listing.firstFileIndex + listing.files.count)
            let needed = ((selection - margin)..<(selection + margin + 1)).clamped(to: start..<(start + run.count))
            let local = (needed.lowerBound - start)..<(needed.upperBound - start)
            let order = tree.sort.listingOrder
            var window = FileWindow(start: listing.firstFileIndex, limit: TreeModel.page, matching: listing.matching, order: order)
            if listing.order != order {
                // Read in another order: the positions mean other files, so the window starts again at the top.
                window.start = 0
            } else if !local.isEmpty, !(loaded.contains(local.lowerBound) && loaded.contains(local.upperBound - 1)) {
                let centred = (local.lowerBound + local.upperBound) / 2 - TreeModel.page / 2
                window.start = max(0, min(centred, run.count - TreeModel.page))
            }
            windows[listing.folder] = window
        }
        // Big folders listed with another filter than the one typed: read again with this one.
        for (folder, listing) in tree.listings where !listing.isWhole && !shown.contains(folder) && listing.matching != filter.text {
            windows[folder] = FileWindow(start: 0, limit: TreeModel.page, matching: filter.text, order: tree.sort.listingOrder)
        }
        // A jump to a file deep in a big folder: the window around it.
        if let jump, !jump.path.endsWithSlash { windows[jump.folder] = jump.window(order: tree.sort.listingOrder) }
        return windows.filter { $0.value != TreeModel.firstPage(tree.sort.listingOrder) }
    }
}
