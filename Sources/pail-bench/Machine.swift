import Foundation

/// The machine a run measured, in one line: cores, memory, kernel, the file system of the work folder, and
/// the load average when the run started (other work on the machine moves the figures, and not all alike).
enum Machine {
    static func describe(workFolder: String) -> String {
        var system = utsname()
        uname(&system)
        let kernel = withUnsafeBytes(of: &system.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let memory = ProcessInfo.processInfo.physicalMemory >> 30
        return
            "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(memory) GiB, Linux \(kernel), \(fileSystem(of: workFolder)) at \(workFolder)"
            + ", load average \(loadAverage())"
    }

    /// The load average of the last minute, from /proc/loadavg.
    private static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").first.map(String.init) ?? "?"
    }

    /// The type of the file system holding `path`: the longest mount point that contains it, from /proc/mounts.
    private static func fileSystem(of path: String) -> String {
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let mounts = (try? String(contentsOfFile: "/proc/mounts", encoding: .utf8)) ?? ""
        let entries = mounts.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.filter { $0.count > 2 }
        let containing = entries.filter { real == $0[1] || real.hasPrefix($0[1] == "/" ? "/" : $0[1] + "/") }
        return containing.max { $0[1].count < $1[1].count }?[2] ?? "?"
    }
}
