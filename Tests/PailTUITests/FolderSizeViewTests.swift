import Foundation
import PailCore
import Testing

@testable import PailTUI

/// Folder rows and the details pane show the folder totals that come with the parent's listing.
@Suite("Folder size views")
struct FolderSizeViewTests {
    static func state(totals: [String: FolderTotal]) -> AppState {
        var state = ViewTests.state(files: ["top.txt": 5], folders: ["": ["big", "docs", "new"]])
        state.tree.listings[""]?.folderTotals = totals
        state.refreshRows()
        return state
    }

    @Test func folderRowsShowTheirSizeAndFileCountEveryFileUnderThemCounted() {
        let state = Self.state(
            totals: ["docs": FolderTotal(files: 56, bytes: 12_400_000), "big": FolderTotal(files: 123_456, bytes: 7_000_000_000)])
        let lines = ViewTests.render(state, width: 120, height: 30).text.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("▸ docs/") && $0.contains("12.4 MB  56 files") }, "\(lines)")
        #expect(lines.contains { $0.contains("▸ big/") && $0.contains("7.0 GB  123k files") }, "\(lines)")
        let new = lines.first { $0.contains("▸ new/") }
        #expect(new != nil && !new!.contains("files") && !new!.contains(" B"), "a folder without a total shows none: \(lines)")
        // Narrow: no Modified column, so the size alone.
        let narrow = ViewTests.render(state, width: 50, height: 20).text
        #expect(narrow.contains("12.4 MB") && !narrow.contains("56 files"), "\(narrow)")
    }

    @Test func theDetailsPaneGivesAFoldersExactBytesAndFiles() {
        var state = Self.state(totals: ["docs": FolderTotal(files: 1, bytes: 1_500)])
        state.selection = state.visible.index(of: "docs/")!
        let text = ViewTests.render(state, width: 120, height: 30).text
        #expect(text.contains("Size     1.5 kB (1500 bytes)"), "\(text)")
        #expect(text.contains("Files    1 (sub-folders included)"), "\(text)")
        #expect(text.contains("Holds    open it to list"), "\(text)")
    }
}
