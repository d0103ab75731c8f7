import Foundation
import PailCore

/// The go-to prompt's work on the engine: completing a vault path with folder names, and finding where a
/// path is. Both run on the reload queue, after any reload asked before them.
extension EngineWorker {
    /// Completes `text` (a vault path from the top) with the names of the folders the inventory holds in
    /// the folder it names; answered by `.vaultPathCompleted`.
    func completeVaultPath(_ text: String, user: String) {
        reloads.async { [engine, mailbox] in
            let bytes = Array(text.utf8)
            let cut = (bytes.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
            let folder = String(decoding: bytes[..<cut], as: UTF8.self)
            let namePart = String(decoding: bytes[cut...], as: UTF8.self)
            let names =
                (try? engine.api.listFolder(
                    user: user, folder: folder.isEmpty ? nil : try RemotePath(folder), window: FileWindow(start: 0, limit: 0)))?
                .folders.filter { $0.hasKeyPrefix(namePart) } ?? []
            mailbox.post(.vaultPathCompleted(LocalPathCompletion.completing(text, namePart: namePart, with: names) { _ in true }))
        }
    }

    /// Finds where `path` is in `user`'s vault, its place counted in `order`; answered by `.located`.
    func locate(_ path: String, user: String, order: ListingOrder) {
        reloads.async { [engine, mailbox] in
            let result = Result { try engine.api.locate(user: user, path: try RemotePath(path), order: order) }.mapError(PailError.wrapping)
            mailbox.post(.located(path, result))
        }
    }
}

extension EngineWorker {
    /// Waits for the settings asked to be written (they queue after the reloads), before the UI ends.
    func finishWritingSettings() { reloads.sync {} }

    /// Writes a setting into the user's config.toml (nil: removes it); answered by `.settingWritten`.
    func remember(_ keyPath: [String], _ value: String?, in config: ConfigFile) {
        reloads.async { [mailbox] in
            do {
                if let value { try config.set(keyPath, to: value) } else { try config.remove(keyPath) }
                mailbox.post(.settingWritten(nil))
            } catch {
                mailbox.post(.settingWritten(PailError.wrapping(error)))
            }
        }
    }

    /// Removes the private copies (`OpenedFile`) of pail processes that are gone, after the reloads asked
    /// so far (the UI ends only after it is done).
    func removeLeftoverCopies(in temporaryDirectory: String) {
        reloads.async { OpenedFile.removeLeftovers(in: temporaryDirectory) }
    }
}
