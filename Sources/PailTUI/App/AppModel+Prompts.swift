import PailCore

/// What Enter in a prompt does with the text, by what the prompt is for.
extension AppModel {
    mutating func submit(_ prompt: Prompt) {
        let text = prompt.field.text
        switch prompt.purpose {
        case .upload(let folder):
            let local = expandLocal(text)
            let title = "Uploading \(TransferClient.localName(of: local)) to \(Format.folder(folder))"
            startTask(title, .upload(local: local, intoFolder: folder))
        case .rename(let from):
            // A plain name stays in the item's folder; a path with `/` is from the top of the vault.
            let to = text.contains("/") ? text : from.parentFolder + text
            guard !text.isEmpty, to != from else { return say("The name is unchanged", .info) }
            startMove(from: from, to: to)
        case .fetch(let remote):
            startTask("Fetching \(remote)", .fetch(remote: remote, local: expandLocal(text)))
        case .newFolder(let parent):
            makeFolder(named: text, in: parent)
        case .switchUser:
            do {
                try UserDirectory.validate(name: text)
            } catch {
                return say(PailError.wrapping(error).message, .error, code: .invalidArgument)
            }
            startTask("Looking up \(text)", .lookUpUser(text))
        case .moveChosen(let selection):
            moveChosen(selection, into: text)
        case .goTo:
            goTo(text)
        case .fetchChosen(let selection):
            let local = expandLocal(text)
            startTask(
                "Fetching \(Plural.count(selection.count, "entry", "entries")) to \(local)",
                .fetchChosen(selection, local: local.endsWithSlash ? local : local + "/"))
        }
    }

    /// Shows a new folder in the tree; it exists in the vault once something is uploaded into it.
    private mutating func makeFolder(named name: String, in parent: String) {
        do {
            let path = try RemotePath(parent + name).asFolder.value
            guard path.keySegments.filter({ !$0.isEmpty }).count == parent.keySegments.filter({ !$0.isEmpty }).count + 1 else {
                return say("A folder name cannot contain '/'", .error, code: .invalidArgument)
            }
            state.tree.newFolders.insert(path)
            // A closed folder opens, with its other entries read as `l` reads them.
            if !parent.isEmpty, state.tree.expanded.insert(parent).inserted { requestReload() }
            state.refreshRows()
            if let index = state.visible.index(of: path) { state.selection = index }
            say("Folder \(path) made; upload into it with u to keep it", .success)
        } catch {
            say(PailError.wrapping(error).message, .error, code: .invalidArgument)
        }
    }

    /// Switches to `name` if they are one of `users`; else asks before creating them (a typo must not).
    mutating func switchUser(to name: String, among users: [String]) {
        guard users.contains(name) else {
            let others = users.isEmpty ? "There are no users yet." : "Users: \(users.joined(separator: ", "))."
            state.dialog = .confirm(
                title: "New user",
                lines: ["No user \"\(name)\" — create it? (y/n)", others, "", "y: create \(name) and switch    n/esc: stay"],
                action: .createUser(name))
            return
        }
        switchUser(to: name)
    }

    /// Shows `user`'s vault (reading it creates the user if they are new).
    mutating func switchUser(to user: String) {
        opening = nil
        keysAhead = []
        state.user = user
        state.tree = TreeModel()
        state.tree.sort = state.sorts[user] ?? TreeSort()
        state.selection = 0
        state.scrollTop = 0
        state.filter = TextField()
        state.chosen.clear()
        state.rangeAnchor = nil
        state.clipboard = nil
        state.loaded = false
        state.refreshRows()
        requestReload()
        say("Now showing \(user)'s vault", .success)
    }
}
