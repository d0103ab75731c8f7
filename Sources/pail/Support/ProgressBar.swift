import Foundation
import PailCore

/// A one-line progress bar on stderr, drawn only on a terminal and only for large or many files.
final class ProgressBar {
    private static let minimumBytes: Int64 = 8 << 20
    private static let minimumFiles = 20
    private let enabled: Bool
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(quiet: Bool) { enabled = !quiet && isatty(STDERR_FILENO) == 1 }

    func update(_ progress: TransferProgress) {
        guard enabled, progress.bytesTotal >= Self.minimumBytes || progress.filesTotal >= Self.minimumFiles else { return }
        let now = Date()
        let finished = progress.bytesDone == progress.bytesTotal && progress.filesDone == progress.filesTotal
        guard finished || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        // A file that grew while it was read can take the count past the total; the bar stops at full.
        let fraction = progress.bytesTotal > 0 ? min(Double(progress.bytesDone) / Double(progress.bytesTotal), 1) : 1
        let width = 30
        let filled = Int(fraction * Double(width))
        let rate = Double(progress.bytesDone) / max(now.timeIntervalSince(started), 0.001)
        var line = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
        line += String(format: " %3d%%  ", Int(fraction * 100))
        line += "\(ByteSize.format(progress.bytesDone)) / \(ByteSize.format(progress.bytesTotal))  \(ByteSize.format(Int64(rate)))/s"
        if progress.filesTotal > 1 { line += "  \(progress.filesDone)/\(progress.filesTotal) files" }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        drawn = true
    }

    /// Ends the bar's line, if one was drawn.
    func finish() {
        if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
