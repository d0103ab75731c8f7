import Foundation

/// Where the `pail` executable under test is: next to the test bundle (SwiftPM builds it there, since
/// this target depends on it), else `$PAIL_BINARY`.
enum PailBinary {
    static let path: String? = {
        let fileManager = FileManager.default
        var starts = [URL(fileURLWithPath: CommandLine.arguments[0])]
        if let executable = Bundle.main.executableURL { starts.append(executable) }
        starts.append(Bundle.main.bundleURL)
        // Linux: .build/<triple>/debug/PailPackageTests.xctest; macOS: …/debug/PailPackageTests.xctest/Contents/MacOS/….
        for start in starts {
            var folder = start.resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = folder.appendingPathComponent("pail").path
                var isDirectory: ObjCBool = false
                if fileManager.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                    fileManager.isExecutableFile(atPath: candidate)
                {
                    return candidate
                }
                folder = folder.deletingLastPathComponent()
            }
        }
        if let path = ProcessInfo.processInfo.environment["PAIL_BINARY"], fileManager.isExecutableFile(atPath: path) {
            return path
        }
        return nil
    }()
}
