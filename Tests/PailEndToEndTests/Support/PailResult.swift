import Foundation

/// What one run of `pail` did: its arguments, exit status and output.
struct PailResult: CustomStringConvertible, Sendable {
    let arguments: [String]
    /// The exit status, or the signal number when `killedBySignal`.
    let status: Int32
    let killedBySignal: Bool
    let stdoutData: Data
    let stderr: String
    let seconds: Double

    var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    var succeeded: Bool { status == 0 && !killedBySignal }
    var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }

    /// Decodes standard output as JSON (dates are ISO 8601, as `pail --json` prints them).
    func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(T.self, from: stdoutData)
        } catch {
            throw TestFailure("cannot decode \(T.self) from the output of \(self): \(error)")
        }
    }

    var description: String {
        let shown = arguments.map { $0.count > 120 ? String($0.prefix(117)) + "..." : $0 }.joined(separator: " ")
        let how = killedBySignal ? "killed by signal \(status)" : "exit \(status)"
        return "`pail \(shown)` (\(how), \(String(format: "%.2f", seconds)) s)\n--- stdout:\n\(stdout)--- stderr:\n\(stderr)"
    }
}
