import Foundation

/// One measured figure: Pail's number, the baseline measured in the same run, their ratio, and the target.
struct Figure: Encodable {
    let name: String
    /// Pail's result, as people read it.
    let pail: String
    /// The baseline's result (same machine, same run), if the figure has one.
    let baseline: String?
    /// Pail against the baseline (how the target is stated: time ratio, or rate ratio).
    let ratio: Double?
    let target: String
    /// Whether the target is met; nil when the figure has no target.
    let met: Bool?
    /// The raw numbers, for scripts (`--json`).
    let numbers: [String: Double]
    /// The part that measured it (`--only`), set as the run collects the figures.
    var part: String? = nil
}

/// How numbers are written in the table.
enum Show {
    static func seconds(_ value: Double) -> String { value < 1 ? String(format: "%.0f ms", value * 1000) : String(format: "%.2f s", value) }
    static func milliseconds(_ value: Double) -> String { String(format: value < 10 ? "%.2f ms" : "%.1f ms", value * 1000) }
    static func mebibytes(_ bytes: Int64) -> String { "\(bytes >> 20) MiB" }
    static func rate(_ perSecond: Double, _ unit: String) -> String { "\(Int(perSecond.rounded())) \(unit)/s" }
    static func count(_ value: Int) -> String { value.formatted(.number.grouping(.automatic)) }
}
