import PailCore

/// The flows a key starts: ask what is needed (a dialog), then start the job.
extension AppModel {
    mutating func askForUpload() {
        let folder = state.targetFolder
        prompt(
            "Upload into \(Format.folder(folder))", hint: "a local file or folder; Tab completes",
            text: places.workingDirectory + "/", purpose: .upload(intoFolder: folder))
    }

    /// Asks before a delete; for a folder, first counts what it holds (in the background).
    mutating func askToDelete() {
        guard let row = state.selected else { return say("Nothing to delete", .info) }
        if case .arriving = row.kind { return say("\(row.name) is still arriving; delete it once it is listed", .info) }
        guard row.isFolder else {
            state.dialog = Self.deleteQuestion(["Delete \(row.path)?", sizeLine(row)], action: .delete(path: row.path, isFolder: false))
            return
        }
        startTask("Counting what \(row.path) holds", .countFolder(path: row.path))
    }

    /// The question before a delete: `lines` say what goes, then where it goes and the keys.
    static func deleteQuestion(_ lines: [String], action: ConfirmedAction) -> Dialog {
        let keys = ["", "It goes to the trash: z undoes, `pail restore` brings it back.", "y: delete    n/esc: keep"]
        return .confirm(title: "Delete", lines: lines + keys, action: action)
    }

    private func sizeLine(_ row: TreeRow) -> String {
        if case .file(let entry) = row.kind { return "\(ByteSize.format(entry.size)), modified \(Format.dateTime(entry.modified))" }
        return ""
    }

    mutating func askToQuit() {
        guard !state.tasks.isEmpty else { return wantsQuit = true }
        let running = state.tasks.values.sorted { $0.id < $1.id }.map(\.title)
        let queued = state.tasks.values.filter { $0.phase == .queued }.count
        let counts = "\(Plural.count(running.count - queued, "task")) still running" + (queued > 0 ? ", \(queued) queued" : "")
        state.dialog = .confirm(
            title: "Quit",
            lines: ["\(counts): quit and cancel \(running.count == 1 ? "it" : "them")?"]
                + running.prefix(4).map { "  " + $0 }
                + ["", "What was not stored is not in the vault; files already stored stay.", "y: quit    n/esc: stay"],
            action: .quit)
    }

    mutating func askForRename() {
        guard let row = state.selected else { return say("Nothing to rename", .info) }
        let current = row.isFolder ? String(row.path.dropLast()) : row.path
        prompt(
            "Rename \(row.path)", hint: "a new name keeps it in its folder; a path with / moves it (from the top of the vault)",
            text: row.name, purpose: .rename(from: current))
    }

    mutating func askForFetch() {
        guard let row = state.selected else { return say("Nothing to fetch", .info) }
        prompt(
            "Fetch \(row.path) to", hint: "a local folder or file name; Tab completes",
            text: places.workingDirectory + "/", purpose: .fetch(remote: row.path))
    }

    mutating func askForNewFolder() {
        prompt(
            "New folder in \(Format.folder(state.targetFolder))", hint: "a name; it stays here until you upload into it",
            text: "", purpose: .newFolder(parent: state.targetFolder))
    }

    /// Asks for a user name; the names there are come in the background, for Tab to complete.
    mutating func askForUser() {
        prompt(
            "Switch user (now \(state.user))", hint: "a user name; Tab completes; a new name asks before creating the user",
            text: "", purpose: .switchUser)
        emit(.task(nextTask("Listing users", .listUsers)))
    }

    mutating func share() {
        guard let row = state.selected, !row.isFolder else { return say("Select a file to share", .info) }
        startTask("Sharing \(row.path)", .share(path: row.path))
    }

    mutating func cycleTheme() {
        let names = themeNames
        let next = names.isEmpty ? "default" : names[((names.firstIndex(of: state.themeName) ?? -1) + 1) % names.count]
        state.themeName = next
        emit(.loadTheme(next))
        emit(.remember(["theme"], value: next))
    }

    /// Undoes the operation at `index` of the history (in the background).
    mutating func undo(at index: Int) {
        guard let operation = state.history.take(at: index) else { return say("Nothing to undo yet in this session", .info) }
        startTask("Undoing the \(operation.title)", .undo(operation))
    }

    /// Starts a move; a conflict comes back as a question rather than an error.
    mutating func startMove(from: String, to: String, onConflict: ConflictChoice = .refuse, merge: Bool = false) {
        startTask("Moving \(from) to \(to)", .move(from: from, to: to, onConflict: onConflict, merge: merge))
    }
}
