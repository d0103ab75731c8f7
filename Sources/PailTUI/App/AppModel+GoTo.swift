import Foundation
import PailCore

/// The go-to prompt (`g`, with `gg` for the first entry) and `-`, back to where the cursor was before the
/// last jump: the path is looked up on the engine worker, then revealed in the tree.
extension AppModel {
    mutating func askForGoTo() {
        prompt(
            "Go to", hint: "a vault path from the top; Tab completes folders; g (nothing typed): first entry", text: "",
            purpose: .goTo)
    }

    /// `g` pressed again in the empty go-to prompt: the first entry, as `gg` does in vim and lf.
    mutating func goToFirstEntry() {
        state.dialog = nil
        notePreviousPlace()
        state.selection = 0
        say("", .info)
    }

    /// Looks for `text` (a vault path; a leading `/` is the top) to go there, opening it if it is a folder and
    /// `opening` says so; a path that cannot be one is refused at once, and nothing moves.
    mutating func goTo(_ text: String, opening: Bool = false) {
        let path = String(text.trimmingCharacters(in: .whitespaces).drop { $0 == "/" })
        guard !path.isEmpty else { return goToFirstEntry() }
        do {
            _ = try RemotePath(path)
        } catch {
            return say(PailError.wrapping(error).message, .error, code: .invalidArgument)
        }
        state.opensOnArrival = opening ? path : nil
        say("Looking for \(path)…", .info)
        emit(.locate(user: state.user, path, order: state.tree.sort.listingOrder))
    }

    /// Where a path asked for is: it is revealed (and opened, if asked and a folder); a path not in the vault
    /// is an error and nothing moves.
    mutating func located(_ path: String, _ result: Result<PathLocation?, PailError>) {
        let opens = state.opensOnArrival == path
        if opens { state.opensOnArrival = nil }
        switch result {
        case .success(let location?):
            if opens, location.path.endsWithSlash { state.tree.expanded.insert(location.path) }
            reveal(path: location.path, position: location.position)
        case .success(nil): say("\(path) is not in \(state.user)'s vault", .error, code: .noSuchKey)
        case .failure(let error): say(error.message, .error, code: error.code)
        }
    }

    /// `-`: back to where the cursor was before the last jump; pressed again, forward to where it came from.
    mutating func goToPreviousPlace() {
        guard let previous = state.previousPlace else { return say("No earlier place yet: g, f and ' jump to one", .info) }
        goTo(previous)
    }
}
