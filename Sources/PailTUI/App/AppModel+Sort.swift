import PailCore

/// The tree's order (`S`): the menu's keys change it, the rows are sorted again at once (big folders are
/// read again from the inventory's index in the new order, their rows loading meanwhile), and it is
/// remembered for the vault.
extension AppModel {
    mutating func chooseSort(_ action: Action?) {
        var sort = state.tree.sort
        switch action {
        case .sortBy(let key)?: sort.key = key
        case .reverseSort?: sort.reversed.toggle()
        case .toggleFoldersFirst?: sort.foldersFirst.toggle()
        case .close?:
            state.dialog = nil
            return
        default: return
        }
        state.dialog = nil
        apply(sort)
    }

    private mutating func apply(_ sort: TreeSort) {
        let readAgain = sort.listingOrder != state.tree.sort.listingOrder
        state.tree.sort = sort
        state.sorts[state.user] = sort
        state.refreshRows()
        if readAgain { requestReload() }
        let message = "Sorted by \(sort.label)" + (sort.foldersFirst ? ", folders first" : "")
        startTask("Remembering the order", .saveSort(sort, message: message))
    }
}
