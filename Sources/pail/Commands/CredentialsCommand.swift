import ArgumentParser
import PailCore

struct CredentialsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credentials",
        abstract: "Print the key pair a SigV4 client (boto3, aws-cli, rclone) uses as you (keep it secret).",
        discussion: """
            Your key may act only on your own files (the store keys under NAME/). With --admin: the root's \
            key, which may act on every user's files.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(help: "The root's key pair (the administrator's) instead of yours.") var admin = false

    func run() throws {
        let engine = try global.openEngine()
        if admin { return Output.json(try engine.adminCredentials()) }
        try engine.api.ensureUser(global.userName)
        Output.json(try engine.credentials(user: global.userName))
    }
}
