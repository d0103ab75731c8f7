import Foundation
import Testing

/// `pail serve` on a free loopback port of its own, started by a test and stopped when it goes away.
///
/// ```swift
/// let pail = try PailRunner()
/// let server = try PailServe(pail)
/// let credentials = try server.credentials()          // alice's key, endpoint = server.endpoint
/// try Python.run(script, environment: server.clientEnvironment(credentials))
/// ```
final class PailServe: @unchecked Sendable {
    let pail: PailRunner
    let process: RunningPail
    /// `http://127.0.0.1:PORT`, as the server printed it.
    let endpoint: String

    init(_ pail: PailRunner, arguments: [String] = [], environment: [String: String] = [:]) throws {
        self.pail = pail
        process = try pail.start(["serve", "--listen", "127.0.0.1:0"] + arguments, env: environment)
        let deadline = Date().addingTimeInterval(30)
        while true {
            if let line = process.stdoutSoFar.split(separator: "\n").first(where: { $0.contains("listening on ") }),
                let url = line.split(separator: " ").first(where: { $0.hasPrefix("http") })
            {
                endpoint = String(url)
                break
            }
            guard process.isRunning, Date() < deadline else {
                process.kill()
                throw TestFailure("pail serve did not start: \(try process.waitForExit(timeout: 5))")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    deinit { if process.isRunning { process.kill() } }

    /// A user's credentials (`pail credentials`, or `--admin`), naming this server's endpoint.
    func credentials(user: String? = nil, admin: Bool = false) throws -> PailCredentials {
        let credentials = try pail.success(admin ? ["credentials", "--admin"] : ["credentials"], user: user).decode(PailCredentials.self)
        #expect(credentials.endpoint == endpoint, "the root records where pail serve listens")
        return credentials
    }

    /// Stops the server with SIGTERM (it finishes requests in flight) and returns what it printed.
    @discardableResult
    func stop() throws -> PailResult {
        process.kill(SIGTERM)
        return try process.waitForExit(timeout: 20)
    }
}
