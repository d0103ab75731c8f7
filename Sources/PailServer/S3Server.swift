import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import PailCore

/// `pail serve`: the data root as an S3-compatible HTTP endpoint, path style, beside any other Pail
/// process on the same root. It binds loopback unless told otherwise, records where it answers (so every
/// process prints URLs that work), and drains in-flight requests on `SIGTERM`/`SIGINT`.
///
/// ```swift
/// let server = try S3Server(engine: engine, listen: "127.0.0.1:9480", publicURL: nil, logger: logger)
/// try await server.run { url in print("listening on \(url)") }
/// ```
public struct S3Server: Sendable {
    /// Where `pail serve` listens unless told otherwise: loopback only.
    public static let defaultListen = "127.0.0.1:9480"
    /// A connection that sends nothing for this long is closed (slow clients cannot hold the server).
    public static let idleTimeout: TimeAmount = .seconds(30)
    /// How long a client has to send a request's head (`--header-timeout`).
    public static let defaultHeaderTimeout = 10.0
    /// Connections served at once; more wait in the listen queue.
    public static let maximumConnections = 1024

    let engine: Engine
    let host: String
    let port: Int
    let publicURL: Endpoint?
    let headerTimeout: TimeAmount
    let logger: Logger

    public init(
        engine: Engine, listen: String, publicURL: String?, headerTimeout: Double = defaultHeaderTimeout, logger: Logger
    ) throws {
        guard headerTimeout > 0, headerTimeout <= 3600 else {
            throw PailError(.invalidArgument, "The header timeout must be between 0 and 3600 seconds, not \(headerTimeout)")
        }
        self.headerTimeout = .nanoseconds(Int64(headerTimeout * 1e9))
        self.engine = engine
        (host, port) = try Self.parse(listen: listen)
        self.publicURL = try publicURL.map(Endpoint.init)
        self.logger = logger
    }

    /// Serves until `SIGTERM` or `SIGINT`; `ready` gets the endpoint URL once the socket is bound.
    public func run(ready: @escaping @Sendable (String) -> Void) async throws {
        let created =
            (try? FileManager.default.attributesOfItem(atPath: engine.root + "/credentials.json")[.creationDate] as? Date)
            .flatMap { $0 } ?? Date()
        let responder = try S3Responder(engine: engine, bucketCreated: created, logger: logger)
        let engine = self.engine, host = self.host, publicURL = self.publicURL, logger = self.logger, headerTimeout = self.headerTimeout
        let app = Application(
            responder: responder,
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [ReceiveBufferSize(), RequestHeadTimeout(limit: headerTimeout), ContinueHandler()],
                    idleTimeout: Self.idleTimeout)),
            configuration: .init(
                address: .hostname(host, port: port), serverName: "Pail",
                availableConnectionsDelegate: MaximumAvailableConnections(Self.maximumConnections)),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? 0
                let shownHost = ["0.0.0.0", "::"].contains(host) ? "localhost" : (host.contains(":") ? "[\(host)]" : host)
                let endpoint = publicURL ?? (try? Endpoint("http://\(shownHost):\(bound)"))
                do {
                    if let endpoint { try engine.recordEndpoint(endpoint) }
                } catch {
                    logger.error("could not record the endpoint in the root: \(error)")
                }
                ready(endpoint?.description ?? "http://\(shownHost):\(bound)")
            },
            logger: logger)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    /// `HOST:PORT`, `[IPv6]:PORT` or `:PORT` (loopback); port 0 takes a free one.
    static func parse(listen: String) throws -> (host: String, port: Int) {
        let invalid = PailError(
            .invalidArgument, "Not an address to listen on: '\(RemotePath.printable(listen))' (expected HOST:PORT, e.g. \(defaultListen))")
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port)
        else {
            throw invalid
        }
        var host = String(listen[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.isEmpty { host = "127.0.0.1" }
        guard !host.contains(where: { $0.isWhitespace || "/[]".contains($0) }) else { throw invalid }
        return (host, port)
    }
}
