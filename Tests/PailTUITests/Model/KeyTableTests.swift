import Testing

@testable import PailTUI

/// The key table: every place has keys, none is bound twice in one place, and the help lists them all.
@Suite("Key table")
struct KeyTableTests {
    @Test(arguments: KeyContext.allCases)
    func everyPlaceHasKeysAndNoKeyIsBoundTwice(context: KeyContext) {
        let keys = (KeyBinding.table[context] ?? []).flatMap(\.keys)
        #expect(!keys.isEmpty)
        #expect(Set(keys).count == keys.count, "\(context): \(keys)")
    }

    @Test func theHelpListsTheKeysOfEveryPlace() {
        var grid = Grid(width: 120, height: 50)
        HelpView.draw(theme: .builtIn, in: AppLayout.Rect(x: 0, y: 1, width: 120, height: 48), into: &grid)
        let text = grid.text.replacingOccurrences(of: "\n  ", with: " ")
        for context in KeyContext.allCases where context != .browser {
            #expect(text.contains(context.rawValue + ": "), "\(context.rawValue)")
            for binding in KeyBinding.table[context] ?? [] {
                #expect(text.contains(binding.keys.map(\.label).joined(separator: "/") + " " + binding.summary), "\(binding.summary)")
            }
        }
    }
}
