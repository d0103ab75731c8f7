import Foundation

/// A new, empty folder under the system's temporary folder, named `<prefix>-<random>`.
///
/// ```swift
/// let folder = try TemporaryFolder("pail-test")
/// defer { folder.remove() }
/// ```
public struct TemporaryFolder: Sendable {
    public let path: String

    public init(_ prefix: String) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Removes the folder and all it holds.
    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}
