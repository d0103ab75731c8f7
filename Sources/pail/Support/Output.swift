import CLinux
import Foundation
import PailCore
import PailTUI
import Synchronization

/// Printing results: JSON for scripts, aligned text for people.
enum Output {
    static func json<T: Encodable>(_ value: T) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        // Encoding our own result types cannot fail.
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        print(String(decoding: data, as: UTF8.self))
    }

    /// Prints rows as columns; `rightAligned` columns are padded on the left (numbers).
    static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = []) {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        for row in all {
            let cells = row.enumerated().map { column, text in
                let padding = String(repeating: " ", count: widths[column] - DisplayWidth.of(text))
                if column == row.count - 1 { return rightAligned.contains(column) ? padding + text : text }
                return rightAligned.contains(column) ? padding + text : text + padding
            }
            print(cells.joined(separator: "  "))
        }
    }

    /// A time as `2026-12-01 04:45:40` (UTC, whole seconds).
    static func date(_ date: Date) -> String {
        var text: [UInt8] = []
        self.date(date, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Appends `date(date)`'s UTF-8 bytes to `out`.
    static func date(_ date: Date, to out: inout [UInt8]) {
        let start = out.count
        Timestamps.iso8601(date, to: &out)
        out.removeLast()
        if let separator = out[start...].firstIndex(of: UInt8(ascii: "T")) { out[separator] = UInt8(ascii: " ") }
    }

    /// The errno of the first write to standard output that failed, if any.
    private static let writeFailure = Mutex<Int32>(0)

    /// Writes bytes to standard output's buffer (`flushStandardOutput` reports a write that failed).
    static func write(_ bytes: [UInt8]) {
        let code = bytes.withUnsafeBufferPointer { pail_write_stdout($0.baseAddress, $0.count) }
        if code != 0 { writeFailure.withLock { $0 = $0 == 0 ? code : $0 } }
    }

    /// Writes out what is buffered for standard output; a write that failed (a full disk, `/dev/full`,
    /// a closed pipe) is an error, so a truncated listing never exits 0.
    static func flushStandardOutput() throws {
        let flushed = pail_flush_stdout()
        let failed = writeFailure.withLock { $0 }
        let code = failed != 0 ? failed : flushed
        guard code != 0 else { return }
        if code == ENOSPC || code == EDQUOT {
            throw PailError(.insufficientStorage, "No space left on the device for standard output: the output is incomplete")
        }
        throw PailError(.localFileError, "Cannot write standard output (\(String(cString: strerror(code)))): the output is incomplete")
    }

    /// Writes a line to stderr (messages for people that scripts can ignore).
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
