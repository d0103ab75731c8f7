import ArgumentParser
import PailCore

struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Add, list and remove users and their quota limits.",
        subcommands: [Add.self, List.self, Remove.self, SetQuota.self, SetRetention.self, RotateKey.self], defaultSubcommand: List.self)

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user name (letters, digits, . _ -).") var name: String
        @Option(parsing: .unconditional, help: "The quota limit, e.g. 100MB or 2GiB.") var quota = "10GB"
        @Option(
            parsing: .unconditional,
            help: "How long old versions and deleted files are kept, e.g. 7d, or 0 for none (default: the vault's).")
        var keep: String?

        func run() throws {
            let user = try global.openEngine().api.addUser(
                name, quota: try ByteSize.parse(quota), retention: try keep.map { try Duration.seconds($0, allowZero: true) })
            if global.json { return Output.json(user) }
            print("added \(user.name) with a quota of \(ByteSize.format(user.quotaLimit))")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a user and their key pair; a user who still stores files is refused (UserNotEmpty) unless --delete-files.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user.") var name: String
        @Flag(help: "Delete the user's files first (through the Delete flow), and their old versions for good.")
        var deleteFiles = false

        func run() throws {
            let removed = try global.openEngine().removeUser(name, deletingFiles: deleteFiles)
            if global.json { return Output.json(removed) }
            guard deleteFiles else { return print("removed \(removed.user.name) and their key pair") }
            print(
                "removed \(removed.user.name), their \(Plural.count(removed.files, "file")) (\(ByteSize.format(removed.bytes))) and their key pair"
            )
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let users = try global.openEngine().api.listUsers()
            if global.json { return Output.json(users) }
            guard !users.isEmpty else { return Output.note("no users yet") }
            Output.table(
                ["USER", "QUOTA", "KEEPS OLD VERSIONS", "CREATED"],
                users.map {
                    [
                        $0.name, ByteSize.format($0.quotaLimit), $0.retention.map(Duration.describe) ?? "vault default",
                        Output.date($0.created),
                    ]
                })
        }
    }

    struct SetRetention: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-retention",
            abstract: "Change how long a user's old versions and deleted files are kept (or the vault's default, with --default).")
        @OptionGroup var global: GlobalOptions
        @Argument(
            help:
                "The user and how long: 30d, 12h, 3600, 0 to keep none, or `default` to follow the vault's (with --default: only how long)."
        )
        var values: [String]
        @Flag(name: .customLong("default"), help: "Set the vault's default, for users who did not choose.") var vaultDefault = false

        func validate() throws {
            guard values.count == (vaultDefault ? 1 : 2) else {
                throw ValidationError(
                    vaultDefault ? "Give one duration with --default" : "Give a user and a duration (or --default DURATION)")
            }
        }

        private var duration: String { values[values.count - 1] }
        private var name: String { values[0] }

        func run() throws {
            let api = try global.openEngine().api
            if vaultDefault {
                let seconds = try Duration.seconds(duration, allowZero: true)
                try api.setDefaultRetention(seconds: seconds)
                if global.json { return Output.json(["retention_seconds": seconds]) }
                return print(
                    seconds == 0
                        ? "users who did not choose keep no old versions"
                        : "old versions are kept \(Duration.describe(seconds)) for users who did not choose")
            }
            let seconds = duration == "default" ? nil : try Duration.seconds(duration, allowZero: true)
            let user = try api.setRetention(user: name, seconds: seconds)
            if global.json { return Output.json(user) }
            switch user.retention {
            case 0: print("\(user.name) keeps no old versions: overwrites and deletes are final")
            case let seconds?: print("\(user.name)'s old versions and deleted files are kept \(Duration.describe(seconds))")
            case nil: print("\(user.name)'s old versions are kept as long as the vault's default says")
            }
        }
    }

    struct SetQuota: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-quota", abstract: "Change a user's quota limit.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user.") var name: String
        @Argument(help: "The new limit, e.g. 100MB.") var quota: String

        func run() throws {
            let user = try global.openEngine().api.setQuota(user: name, quota: try ByteSize.parse(quota))
            if global.json { return Output.json(user) }
            print("\(user.name) may now store \(ByteSize.format(user.quotaLimit))")
        }
    }

    struct RotateKey: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-key",
            abstract: "Give a user a new key pair; requests and URLs signed with the old one stop working.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user.") var name: String

        func run() throws {
            let credentials = try global.openEngine().rotateKey(user: name)
            if global.json { return Output.json(credentials) }
            print("\(name) has a new key \(credentials.accessKeyId); what the old one signed is refused from now on")
        }
    }
}
