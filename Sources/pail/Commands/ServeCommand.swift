import ArgumentParser
import CLinux
import Foundation
import Logging
import PailCore
import PailServer

/// `pail serve`: the S3-compatible HTTP endpoint.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the vault over HTTP as an S3-compatible endpoint (boto3, aws-cli, rclone, browsers).",
        discussion: """
            Listens on loopback (127.0.0.1:9480) unless --listen or $PAIL_LISTEN says otherwise; port 0 takes a \
            free port. Prints the endpoint once it listens, and records it in the root, so the URLs `share`, \
            `presign` and the UI print from then on point here (or at --public-url, behind a proxy). Each \
            request is logged on stderr. SIGTERM or Ctrl-C finishes the requests in flight, then stops.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The address to listen on, HOST:PORT.", valueName: "addr")) var listen: String?
    @Option(help: ArgumentHelp("The URL clients reach this server at, when it is not the listen address.", valueName: "url"))
    var publicURL: String?
    @Option(help: ArgumentHelp("Seconds a client has to send a request's headers before it is cut off.", valueName: "seconds"))
    var headerTimeout = S3Server.defaultHeaderTimeout

    func run() throws {
        let engine = try Engine.open(root: global.rootPath, options: try global.engineOptions(deliverInBackground: true))
        var logger = Logger(label: "pail.serve")
        logger.logLevel = ProcessInfo.processInfo.environment["PAIL_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let address = listen ?? ProcessInfo.processInfo.environment["PAIL_LISTEN"] ?? S3Server.defaultListen
        let server = try S3Server(engine: engine, listen: address, publicURL: publicURL, headerTimeout: headerTimeout, logger: logger)
        let outcome = Outcome()
        let finished = DispatchSemaphore(value: 0)
        Task {
            defer { finished.signal() }
            do {
                try await server.run { url in
                    print("pail serve: listening on \(url) (bucket \(engine.credentials.bucket)); stop with Ctrl-C")
                    _ = pail_flush_stdout()
                }
            } catch {
                outcome.failure = error
            }
        }
        finished.wait()
        engine.close()
        if let failure = outcome.failure {
            if let failure = failure as? PailError { throw failure }
            let inUse = "\(failure)".contains("Address already in use")
            throw PailError(
                .invalidArgument,
                inUse
                    ? "Cannot serve on \(address): the address is in use (another pail serve?); pick another with --listen"
                    : "Cannot serve on \(address): \(failure)")
        }
    }
}

/// How the server ended, handed from its task to the command.
private final class Outcome: @unchecked Sendable {
    var failure: (any Error)?
}
