import Foundation

/// `pail serve` against nginx (Debian's, `sendfile on`) and against the local `pail upload`, each started
/// on a free loopback port by the bench and stopped by it, whatever happens.
extension Figures {
    /// Seconds of each wrk run.
    var loadSeconds: Int { quick ? 1 : 10 }
    /// wrk's connections (and threads: one per core of the 2-core machines the targets are stated for).
    static let loadConnections = 64
    static let loadThreads = 2

    /// Four figures: a large GET with curl against nginx, a large PUT with curl against the local upload,
    /// 4 KiB GETs a second under wrk against nginx, and the server's peak memory under that load.
    func serve() throws -> [Figure] {
        let tools = try ServeTools.find()
        let folder = work + "/serve"
        let www = folder + "/www"
        try FileManager.default.createDirectory(atPath: www, withIntermediateDirectories: true)
        defer { try? Fixtures.remove(folder) }
        let (big, small) = (www + "/big.bin", www + "/small.bin")
        try Fixtures.randomFile(at: big, bytes: largeFileBytes)
        try Fixtures.randomFile(at: small, bytes: 4096)
        // The user keeps no old versions (each PUT replaces the last) and has room for every run.
        let environment = ["PAIL_ROOT": folder + "/root", "PAIL_USER": "bench"]
        try Measure.succeeding([pail, "users", "add", "bench", "--quota", "1TB", "--keep", "0"], environment: environment)
        try Measure.succeeding([pail, "upload", "-q", big, "big.bin"], environment: environment)
        try Measure.succeeding([pail, "upload", "-q", small, "small.bin"], environment: environment)
        let nginx = try NginxServer(binary: tools.nginx, serving: www, in: folder)
        defer { nginx.process.stop() }
        var figures: [Figure] = []
        do {
            let server = try PailServer(pail: pail, environment: environment, name: "pail-serve-large", in: folder)
            defer { server.process.stop() }
            figures.append(try largeGet(curl: tools.curl, server: server, nginx: nginx, environment: environment))
            figures.append(try largePut(curl: tools.curl, file: big, environment: environment))
        }
        // A server of its own for the load, so its peak memory is the load's alone.
        let server = try PailServer(pail: pail, environment: environment, name: "pail-serve-load", in: folder)
        defer { server.process.stop() }
        figures += try smallGets(tools: tools, server: server, nginx: nginx, environment: environment)
        return figures
    }

    /// `curl -s -o /dev/null` of the large object: a presigned URL of `pail serve` against nginx's URL of
    /// the same bytes, alternating, after one untimed download of each (both then read the page cache).
    private func largeGet(curl: String, server: PailServer, nginx: NginxServer, environment: [String: String]) throws -> Figure {
        let url = try server.presign("get", "big.bin", environment: environment)
        let plain = nginx.url("big.bin")
        func download(_ url: String) throws -> Double {
            let run = try Measure.succeeding([curl, "-sf", "-o", "/dev/null", "-w", "%{http_code} %{size_download}", url])
            guard run.stdout == "200 \(largeFileBytes)" else {
                throw BenchError("GET \(url): \(run.stdout), expected 200 \(largeFileBytes)")
            }
            return run.seconds
        }
        _ = try (download(url), download(plain))
        var (mine, base) = ([Double](), [Double]())
        for _ in 0..<runs {
            base.append(try download(plain))
            mine.append(try download(url))
        }
        let (m, b) = (Measure.median(mine), Measure.median(base))
        let rate = { (seconds: Double) in "\(Int(Double(self.largeFileBytes) / seconds / 1_048_576)) MiB/s" }
        return Figure(
            name: "GET of a \(Show.mebibytes(Int64(largeFileBytes))) object from pail serve, curl of a presigned URL",
            pail: "\(Show.seconds(m)) (\(rate(m)))", baseline: "nginx, sendfile: \(Show.seconds(b)) (\(rate(b)))",
            ratio: b / m, target: "≥ 0.8× nginx's throughput", met: b / m >= 0.8,
            numbers: ["pail_seconds": m, "baseline_seconds": b])
    }

    /// `curl -T` of the large file to a presigned PUT URL (the answer comes once the object is durable and
    /// committed) against the local `pail upload` of the same file, alternating, the disk synced before each.
    private func largePut(curl: String, file: String, environment: [String: String]) throws -> Figure {
        var (mine, base) = ([Double](), [Double]())
        for _ in 0..<runs {
            base.append(try timedLocalUpload(file, as: "big.bin", root: work + "/serve/root-local").seconds)
            let url = try PailServer.presign(pail: pail, "put", "put.bin", environment: environment)
            sync()
            let run = try Measure.succeeding([curl, "-sf", "-o", "/dev/null", "-w", "%{http_code} %{size_upload}", "-T", file, url])
            guard run.stdout == "200 \(largeFileBytes)" else {
                throw BenchError("PUT \(url): \(run.stdout), expected 200 \(largeFileBytes)")
            }
            mine.append(run.seconds)
        }
        try Fixtures.remove(work + "/serve/root-local")
        let (m, b) = (Measure.median(mine), Measure.median(base))
        let rate = { (seconds: Double) in "\(Int(Double(self.largeFileBytes) / seconds / 1_048_576)) MiB/s" }
        return Figure(
            name: "PUT of a \(Show.mebibytes(Int64(largeFileBytes))) object to pail serve, curl -T to a presigned URL",
            pail: "\(Show.seconds(m)) (\(rate(m)))", baseline: "local pail upload: \(Show.seconds(b)) (\(rate(b)))",
            ratio: b / m, target: "≥ 0.8× the local upload's throughput", met: b / m >= 0.8,
            numbers: ["pail_seconds": m, "baseline_seconds": b])
    }

    /// wrk on one presigned URL of a 4 KiB object against nginx serving a 4 KiB file, alternating; then the
    /// server's peak resident memory (VmHWM), which the load raised.
    private func smallGets(tools: ServeTools, server: PailServer, nginx: NginxServer, environment: [String: String]) throws -> [Figure] {
        let url = try server.presign("get", "small.bin", environment: environment)
        let plain = nginx.url("small.bin")
        for target in [url, plain] {
            let run = try Measure.succeeding([tools.curl, "-sf", "-o", "/dev/null", "-w", "%{http_code} %{size_download}", target])
            guard run.stdout == "200 4096" else { throw BenchError("GET \(target): \(run.stdout), expected 200 4096") }
        }
        func load(_ url: String) throws -> Double {
            let run = try Measure.succeeding([
                tools.wrk, "-t\(Self.loadThreads)", "-c\(Self.loadConnections)", "-d\(loadSeconds)s", "--timeout", "10s", url,
            ])
            return try Wrk.requestsPerSecond(run.stdout, url: url)
        }
        var (mine, base) = ([Double](), [Double]())
        for _ in 0..<runs {
            base.append(try load(plain))
            mine.append(try load(url))
        }
        let peak = try server.process.peakResidentBytes()
        let (m, b) = (Measure.median(mine), Measure.median(base))
        let load = "wrk, \(Self.loadConnections) connections, \(loadSeconds) s"
        return [
            Figure(
                name: "GETs of a 4 KiB object from pail serve, one presigned URL (\(load))", pail: Show.rate(m, "requests"),
                baseline: "nginx: \(Show.rate(b, "requests"))", ratio: m / b, target: "≥ 0.5× nginx's rate", met: m / b >= 0.5,
                numbers: ["pail_per_second": m, "baseline_per_second": b]),
            Figure(
                name: "peak memory of pail serve under that load", pail: "\(Show.mebibytes(peak)) RSS (VmHWM)", baseline: nil, ratio: nil,
                target: "< 100 MiB", met: peak < 100 << 20, numbers: ["peak_bytes": Double(peak)]),
        ]
    }
}

/// The programs the serve part needs besides pail.
struct ServeTools {
    let curl: String
    let nginx: String
    let wrk: String

    /// Finds curl, nginx and wrk on `PATH` (and in the sbin folders, where Debian puts nginx), or says
    /// what to install.
    static func find() throws -> ServeTools {
        let found = ["curl", "nginx", "wrk"].map { ($0, Executable.find($0)) }
        let missing = found.filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty else {
            throw BenchError(
                "the serve part measures pail serve against nginx with curl and wrk, and \(missing.joined(separator: " and ")) "
                    + "\(missing.count == 1 ? "is" : "are") not installed: apt-get install nginx-light wrk curl (or nginx for nginx-light)")
        }
        return ServeTools(curl: found[0].1!, nginx: found[1].1!, wrk: found[2].1!)
    }
}

/// `pail serve` on a free loopback port, started by the bench.
struct PailServer {
    let process: Background
    /// `http://127.0.0.1:PORT`, as it printed it.
    let endpoint: String

    init(pail: String, environment: [String: String], name: String, in folder: String) throws {
        let process = try Background.start([pail, "serve", "--listen", "127.0.0.1:0"], name: name, in: folder, environment: environment)
        do {
            endpoint = try process.wait(timeout: 60, for: "its 'listening on' line") {
                process.stdout.split(separator: "\n").first { $0.contains("listening on ") }
                    .flatMap { $0.split(separator: " ").first { $0.hasPrefix("http://") } }.map(String.init)
            }
        } catch {
            process.stop()
            throw error
        }
        self.process = process
        self.pail = pail
    }

    private let pail: String

    /// `pail presign METHOD REMOTE`, checked to name this server.
    func presign(_ method: String, _ remote: String, environment: [String: String]) throws -> String {
        let url = try Self.presign(pail: pail, method, remote, environment: environment)
        guard url.hasPrefix(endpoint + "/") else { throw BenchError("pail presign printed \(url), not a URL of \(endpoint)") }
        return url
    }

    static func presign(pail: String, _ method: String, _ remote: String, environment: [String: String]) throws -> String {
        try Measure.succeeding([pail, "presign", method, remote, "--expires", "3600"], environment: environment)
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Debian's nginx on a free loopback port with a minimal configuration written into the scratch folder:
/// static files from one folder, `sendfile on`, a worker per core, an access log (pail serve logs every
/// request too), and keep-alive connections never closed after a number of requests.
struct NginxServer {
    let process: Background
    let port: Int

    init(binary: String, serving root: String, in folder: String) throws {
        var attempt = 0
        while true {
            attempt += 1
            let port = try Loopback.freePort()
            let configuration = folder + "/nginx.conf"
            try Self.configuration(port: port, root: root, folder: folder).write(toFile: configuration, atomically: true, encoding: .utf8)
            let process = try Background.start(
                [binary, "-c", configuration, "-p", folder, "-e", folder + "/nginx-error.log"], name: "nginx", in: folder)
            do {
                try process.wait(timeout: 20, for: "a listening socket on port \(port)") { Loopback.accepts(port: port) ? () : nil }
                (self.process, self.port) = (process, port)
                return
            } catch {
                process.stop()
                let log = (try? String(contentsOfFile: folder + "/nginx-error.log", encoding: .utf8)) ?? ""
                // Another program may have taken the port in between: try another.
                if attempt < 3, log.contains("Address already in use") { continue }
                throw BenchError("nginx did not start: \(error); its error log: \(log.suffix(2_000))")
            }
        }
    }

    func url(_ name: String) -> String { "http://127.0.0.1:\(port)/\(name)" }

    static func configuration(port: Int, root: String, folder: String) -> String {
        func quoted(_ path: String) -> String {
            "\"" + path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        // Run as root, nginx would hand its workers to `nobody`, who may not read the scratch folder.
        let user = geteuid() == 0 ? "user root root;\n" : ""
        let temporary = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map {
            "    \($0)_temp_path \(quoted(folder + "/nginx-" + $0));"
        }
        return """
            daemon off;
            master_process on;
            worker_processes auto;
            \(user)pid \(quoted(folder + "/nginx.pid"));
            error_log \(quoted(folder + "/nginx-error.log")) warn;
            events { worker_connections 1024; }
            http {
                access_log \(quoted(folder + "/nginx-access.log"));
                sendfile on;
                tcp_nopush on;
                keepalive_requests 1000000;
                default_type application/octet-stream;
            \(temporary.joined(separator: "\n"))
                server {
                    listen 127.0.0.1:\(port);
                    root \(quoted(root));
                    location / { }
                }
            }

            """
    }
}

/// wrk's report.
enum Wrk {
    /// The `Requests/sec:` line; a run with answers other than 2xx/3xx (a refused signature answers fast)
    /// or without a single request is an error.
    static func requestsPerSecond(_ output: String, url: String) throws -> Double {
        if let bad = output.split(separator: "\n").first(where: { $0.contains("Non-2xx or 3xx responses") }) {
            throw BenchError("wrk on \(url): \(bad.trimmingCharacters(in: .whitespaces))")
        }
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("Requests/sec:") }),
            let rate = Double(line.dropFirst("Requests/sec:".count).trimmingCharacters(in: .whitespaces)), rate > 0
        else { throw BenchError("wrk on \(url) reported no rate: \(output)") }
        return rate
    }
}
