import ArgumentParser
import PailCore

struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Add and list users and their quota limits.",
        subcommands: [Add.self, List.self, SetQuota.self], defaultSubcommand: List.self)

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The user name (letters, digits, . _ -).") var name: String
        @Option(help: "The quota limit, e.g. 100MB or 2GiB.") var quota = "10GB"

        func run() throws {
            let user = try global.openEngine().api.addUser(name, quota: try ByteSize.parse(quota))
            if global.json { return Output.json(user) }
            print("added \(user.name) with a quota of \(ByteSize.format(user.quotaLimit))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the users.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let users = try global.openEngine().api.listUsers()
            if global.json { return Output.json(users) }
            guard !users.isEmpty else { return Output.note("no users yet") }
            Output.table(["USER", "QUOTA", "CREATED"], users.map { [$0.name, ByteSize.format($0.quotaLimit), Output.date($0.created)] })
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
}
