import Foundation

/// Sends bytes to a server over a plain TCP socket and reads what comes back: for requests no HTTP client
/// would send (lying lengths, broken escapes, huge headers).
enum RawHTTP {
    struct Answer {
        let status: Int
        let head: String
        let body: String
    }

    /// Connects to `127.0.0.1:port`, writes `request`, optionally half-closes, and reads until the server
    /// closes or `timeout` passes. The answer is the first response in what was read (status 0 if none).
    static func send(_ request: [UInt8], port: Int, halfClose: Bool = true, timeout: TimeInterval = 10) throws -> Answer {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TestFailure("connect: \(errno)") }
        var seconds = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &seconds, socklen_t(MemoryLayout<timeval>.size))
        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }  // the server may close early (a refused request): read what it said
            sent += count
        }
        if halfClose { shutdown(fd, Int32(SHUT_WR)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count <= 0 { break }
            received += buffer[..<count]
            if let answer = parse(received), answer.complete { break }
        }
        return parse(received)?.answer ?? Answer(status: 0, head: "", body: String(decoding: received, as: UTF8.self))
    }

    /// The first complete response (skipping `100 Continue`), and whether its body is all there.
    private static func parse(_ bytes: [UInt8]) -> (answer: Answer, complete: Bool)? {
        var text = String(decoding: bytes, as: UTF8.self)
        while text.hasPrefix("HTTP/1.1 100"), let end = text.range(of: "\r\n\r\n") { text = String(text[end.upperBound...]) }
        guard let end = text.range(of: "\r\n\r\n") else { return nil }
        let head = String(text[..<end.lowerBound])
        let body = String(text[end.upperBound...])
        let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }
        return (Answer(status: status, head: head, body: body), length.map { body.utf8.count >= $0 } ?? false)
    }
}

/// A connection a test drives by hand: writes now, more later, then reads or drops it.
final class RawConnection {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw TestFailure("connect: \(errno)")
        }
    }

    deinit { close(fd) }

    /// Writes all of `bytes`; false if the server closed the connection.
    @discardableResult
    func write(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return false }
            sent += count
        }
        return true
    }

    /// Reads until the server closes or `timeout` passes; returns what came.
    func readAll(timeout: TimeInterval) -> String {
        var seconds = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &seconds, socklen_t(MemoryLayout<timeval>.size))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count <= 0 { break }
            received += buffer[..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Whether the server has closed its side (a read returns end of file within `timeout`).
    func isClosedByServer(within timeout: TimeInterval) -> Bool {
        var seconds = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &seconds, socklen_t(MemoryLayout<timeval>.size))
        var byte: UInt8 = 0
        return read(fd, &byte, 1) == 0
    }

    /// Drops the connection at once (a reset, as a killed client's kernel sends).
    func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        shutdown(fd, Int32(SHUT_RDWR))
    }
}
