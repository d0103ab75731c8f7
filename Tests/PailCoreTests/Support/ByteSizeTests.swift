import Foundation
import Testing

@testable import PailCore

@Suite("ByteSize")
struct ByteSizeTests {
    /// `format` as it was written with `String(format: "%.1f")`, which rounds the exact binary value, ties to even.
    func reference(_ bytes: Int64) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        let names = ["kB", "MB", "GB", "TB", "PB"]
        var value = Double(bytes) / 1000
        var index = 0
        while value >= 1000, index < names.count - 1 {
            value /= 1000
            index += 1
        }
        return "\(value >= 100 ? String(Int(value.rounded())) : String(format: "%.1f", value)) \(names[index])"
    }

    @Test("formats as printf's %.1f does: every size up to 200 kB, ties, and sizes drawn from every range")
    func agreesWithPrintf() {
        #expect(ByteSize.format(1_250) == "1.2 kB" && ByteSize.format(1_350) == "1.4 kB" && ByteSize.format(99_960) == "100.0 kB")
        var generator = SplitMix64(seed: 11)
        let drawn = (0..<100_000).map { _ in
            Int64.random(in: 0...(Int64.max >> Int64.random(in: 0...60, using: &generator)), using: &generator)
        }
        // Halfway between two tenths of a unit: 1.25 kB and the like.
        let units: [Int64] = [1_000, 1_000_000, 1_000_000_000]
        let ties: [Int64] = (1...9_999).flatMap { (tenths: Int64) in units.map { unit in tenths * unit / 10 + unit / 20 } }
        let sizes: [Int64] = Array(0...200_000) + ties + drawn + [Int64.max]
        let wrong = sizes.filter { ByteSize.format($0) != reference($0) }
        #expect(wrong.isEmpty, "\(wrong.prefix(10).map { ($0, ByteSize.format($0), reference($0)) })")
    }
}
