import PailCore
import Testing

@Suite("Plural")
struct PluralTests {
    @Test func zeroAndManyArePluralOneIsSingular() {
        #expect(Plural.count(0, "file") == "0 files")
        #expect(Plural.count(1, "file") == "1 file")
        #expect(Plural.count(Int64(3), "file") == "3 files")
        #expect(Plural.count(1, "entry", "entries") == "1 entry")
        #expect(Plural.count(2, "entry", "entries") == "2 entries")
        #expect(Plural.noun(1_000, "item") == "items")
    }
}
