import Foundation

/// The machine a run measured, in one line: cores, memory, kernel, and the file system of the work folder.
enum Machine {
    static func describe(workFolder: String) -> String {
        var system = utsname()
        uname(&system)
        let kernel = withUnsafeBytes(of: &system.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let memory = ProcessInfo.processInfo.physicalMemory >> 30
        return
            "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(memory) GiB, Linux \(kernel), \(fileSystem(of: workFolder)) at \(workFolder)"
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
