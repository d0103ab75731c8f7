import Foundation
import Testing

@testable import PailCore

@Suite("Timestamps")
struct TimestampsTests {
    @Test("writes and reads what Foundation's ISO-8601 style writes, from 1900 to 2200")
    func agreesWithFoundation() throws {
        var generator = SplitMix64(seed: 7)
        let fixed = [-2_208_988_800.0, -1, 0, 951_782_400, 951_868_799, 1_795_000_000, 4_102_444_800, 7_258_118_399]
        for seconds in fixed + (0..<2_000).map({ _ in Double(Int64.random(in: -2_208_988_800...7_258_118_399, using: &generator)) }) {
            let date = Date(timeIntervalSince1970: seconds)
            let text = Timestamps.iso8601(date)
            #expect(text == date.formatted(.iso8601), "\(seconds)")
            #expect(Timestamps.parse(text) == date, "\(text)")
        }
    }

    @Test("drops fractions of a second as Foundation does")
    func dropsFractions() {
        let date = Date(timeIntervalSince1970: 1_795_000_000.75)
        #expect(Timestamps.iso8601(date) == date.formatted(.iso8601))
        #expect(Timestamps.iso8601(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
    }

    @Test(
        "refuses impossible dates and other text",
        arguments: [
            "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-23T24:00:00Z",
            "2026-11-23T23:60:00Z", "2026-11-23 23:00:00Z", "2026-11-23T23:00:00", "yesterday", "",
        ])
    func refusesBadText(_ text: String) {
        #expect(Timestamps.parse(text) == nil)
    }

    @Test("reads a leap day")
    func readsLeapDay() {
        #expect(Timestamps.parse("2024-02-29T12:00:00Z") == Date(timeIntervalSince1970: 1_709_208_000))
    }
}
