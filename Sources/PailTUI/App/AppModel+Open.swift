import PailCore

/// Opening a file with the user's programs: Enter views it with `$PAGER`, `e` edits it with `$EDITOR`. The
/// file is fetched to a private temporary copy first; after an edit, changes are uploaded back if the user says so.
extension AppModel {
    /// Fetches the row's file to open it for `purpose`; says why not for a folder or a file still arriving.
    mutating func open(_ row: TreeRow?, for purpose: OpenedFile.Purpose) {
        guard let row else { return say("Nothing to open", .info) }
        switch row.kind {
        case .file:
            let verb = purpose == .view ? "view" : "edit"
            startTask("Fetching \(row.path) to \(verb) it", .fetchToOpen(path: row.path, purpose: purpose))
        case .arriving: say("\(row.name) is still arriving; open it once it is listed", .info)
        case .folder: say("Select a file to edit", .info)
        }
    }

    /// After the pager or editor: a viewed copy is removed; an edited one is compared with what was fetched.
    mutating func programExited(_ file: OpenedFile, program: String, _ result: Result<Int32, PailError>) {
        let ended: String
        switch result {
        case .success(0): ended = ""
        case .success(let status) where status == 126 || status == 127:
            ended = " (`\(program)` could not be run: set $\(file.purpose == .view ? "PAGER" : "EDITOR"))"
        case .success(let status): ended = " (\(program) exited with status \(status))"
        case .failure(let error): ended = " (\(program) could not be started: \(error.message))"
        }
        switch file.purpose {
        case .view:
            startTask("Removing the copy of \(file.remote)", .discardOpened(file, message: "Closed \(file.remote)" + ended))
        case .edit:
            // Whatever the editor's status, what it saved is the user's work: look, and ask before uploading.
            if case .success(let status) = result, status != 126, status != 127 {
                return startTask("Looking for changes to \(file.remote)", .lookForChanges(file))
            }
            // The editor did not run: nothing was edited.
            startTask("Removing the copy of \(file.remote)", .discardOpened(file, message: "Nothing edited" + ended))
        }
    }

    mutating func askToUploadEdited(_ file: OpenedFile, size: Int64) {
        state.dialog = .confirm(
            title: "Upload changes",
            lines: [
                "Upload changes to \(file.remote)?", "It was \(ByteSize.format(file.size)); your copy is \(ByteSize.format(size)).", "",
                "The vault keeps the old one as an old version.", "y: upload    n/esc: discard the changes",
            ], action: .uploadEdited(file))
    }
}
