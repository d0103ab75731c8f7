import Testing

@testable import PailCore

@Suite("Condition")
struct ConditionTests {
    let item: Item = ["PK": .s("alice"), "SK": .s("alice/a.txt"), "Size": .n(12), "Sequencer": .s("0A")]

    @Test("on a missing item only attribute_not_exists holds")
    func missingItem() {
        #expect(Condition.attributeNotExists("PK").evaluate(nil))
        #expect(!Condition.attributeExists("PK").evaluate(nil))
        #expect(!Condition.equals("Size", .n(12)).evaluate(nil))
        #expect(!Condition.lessThan("Size", .n(12)).evaluate(nil))
        #expect(!Condition.greaterThan("Size", .n(12)).evaluate(nil))
        #expect(Condition.not(.equals("Size", .n(12))).evaluate(nil))
    }

    @Test("existence and equality")
    func existenceAndEquality() {
        #expect(Condition.attributeExists("Size").evaluate(item))
        #expect(!Condition.attributeNotExists("Size").evaluate(item))
        #expect(Condition.attributeNotExists("Etag").evaluate(item))
        #expect(Condition.equals("Size", .n(12)).evaluate(item))
        #expect(!Condition.equals("Size", .s("12")).evaluate(item))
        #expect(!Condition.equals("Etag", .null).evaluate(item))
    }

    @Test("comparisons: numbers numerically, strings by UTF-8 bytes, other types never")
    func comparisons() {
        #expect(Condition.lessThan("Size", .n(13)).evaluate(item))
        #expect(!Condition.lessThan("Size", .n(12)).evaluate(item))
        #expect(Condition.greaterThan("Size", .n(-1)).evaluate(item))
        #expect(!Condition.greaterThan("Size", .s("1")).evaluate(item))
        #expect(Condition.lessThan("Sequencer", .s("0B")).evaluate(item))
        #expect(Condition.greaterThan("Sequencer", .s("09")).evaluate(item))
        let path: Item = ["P": .s("a/z")]
        #expect(Condition.lessThan("P", .s("a/é")).evaluate(path))
        #expect(Condition.greaterThan("P", .s("a/Z")).evaluate(path))
        #expect(!Condition.lessThan("P", .bool(true)).evaluate(path))
    }

    @Test("and, or, not")
    func combinators() {
        let newer = Condition.or([.attributeNotExists("Sequencer"), .lessThan("Sequencer", .s("0B"))])
        #expect(newer.evaluate(item))
        #expect(newer.evaluate(nil))
        #expect(!Condition.or([.attributeNotExists("Sequencer"), .lessThan("Sequencer", .s("0A"))]).evaluate(item))
        #expect(Condition.and([.attributeExists("PK"), .equals("Size", .n(12))]).evaluate(item))
        #expect(!Condition.and([.attributeExists("PK"), .equals("Size", .n(13))]).evaluate(item))
        #expect(Condition.not(.attributeExists("Etag")).evaluate(item))
    }
}
