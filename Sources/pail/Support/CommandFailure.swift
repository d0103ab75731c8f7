import Foundation
import PailCore

/// How a failed command reports: `error: <Code>: <message>` (or its JSON) on stderr.
enum CommandFailure {
    static let exitCode: Int32 = 1

    static func report(_ error: PailError, json: Bool) {
        let line =
            json
            ? JSONValue.object(["error": ["code": .string(error.code.rawValue), "message": .string(error.message)]]).jsonString()
            : "error: \(error.code.rawValue): \(error.message)"
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
