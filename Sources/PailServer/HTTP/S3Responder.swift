import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PailCore

/// Answers each HTTP request as S3 would: authenticates it, finds the operation from the method, the path
/// and the query, runs it against the engine, and turns every failure into S3's XML error. Each request
/// is logged with its method, key, status, bytes and time.
package struct S3Responder: HTTPResponder {
    package typealias Context = BasicRequestContext

    let engine: Engine
    let authenticator: RequestAuthenticator
    let bucketCreated: Date
    let logger: Logger

    package init(engine: Engine, bucketCreated: Date, logger: Logger) throws {
        self.engine = engine
        let keys = try engine.store.accessKeyCache()
        authenticator = RequestAuthenticator(presigner: engine.store.presigner, keys: keys.key(id:))
        self.bucketCreated = bucketCreated
        self.logger = logger
    }

    package func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let requestId = Self.newRequestId()
        let target = request.head.path ?? "/"
        let question = target.firstIndex(of: "?")
        var headers = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
        if let authority = request.head.authority { headers.append((name: "host", value: authority)) }
        let incoming = IncomingRequest(
            method: request.method.rawValue, path: String(target[..<(question ?? target.endIndex)]),
            query: question.map { String(target[target.index(after: $0)...]) } ?? "", headers: headers)
        let response: Response
        do {
            let caller = try authenticator.authenticate(incoming, now: engine.clock.now())
            let call = S3Call(
                engine: engine, bucketCreated: bucketCreated, request: request, incoming: incoming, route: try S3Route(incoming),
                caller: caller, requestId: requestId)
            response = try await S3Operations.run(call)
        } catch let error as PailError {
            response = S3ErrorResponse.make(error, method: incoming.method, resource: incoming.path, requestId: requestId)
        } catch {
            let failure = PailError(.internalError, "We encountered an internal error. Please try again. (\(error))")
            response = S3ErrorResponse.make(failure, method: incoming.method, resource: incoming.path, requestId: requestId)
        }
        let elapsed = started.duration(to: .now)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let tenths = Int((milliseconds * 10).rounded())  // "%.1f" without String(format:), which takes a locale's path
        logger.info(
            "\(incoming.method) \(RemotePath.printable(incoming.path)) \(response.status.code) \(response.body.contentLength.map { "\($0) B" } ?? "streamed") \(tenths / 10).\(tenths % 10) ms",
            metadata: ["request-id": "\(requestId)"])
        return response
    }

    /// 16 upper-case hex digits, as S3's request ids look.
    private static func newRequestId() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(generator.next() as UInt64, radix: 16, uppercase: true).leftPadded(to: 16)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
