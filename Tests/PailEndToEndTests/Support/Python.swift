import Foundation
import PailTestSupport

extension Python {
    /// Runs a script of `Tests/PailEndToEndTests/Serve/clients/`; throws with its output unless it exits 0.
    @discardableResult
    static func client(_ name: String, _ arguments: [String] = [], environment: [String: String] = [:]) throws -> String {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Serve/clients/\(name)").path
        let result = try run([script] + arguments, environment: environment)
        guard result.status == 0 else {
            throw TestFailure("\(name) exited with status \(result.status)\n--- stdout:\n\(result.stdout)\n--- stderr:\n\(result.stderr)")
        }
        return result.stdout
    }
}
