import ArgumentParser
import PailCore

struct PresignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presign", abstract: "Print a presigned URL to upload (put) or download (get) a file.")

    enum Method: String, ExpressibleByArgument, CaseIterable { case put, get }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "put or get.") var method: Method
    @Argument(help: "The file in your vault.") var remote: String
    @Option(parsing: .unconditional, help: "Seconds the URL stays valid (1 to 604800).") var expires = FileAPI.defaultExpiry
    @Option(parsing: .unconditional, help: "For put: the size to grant (default: what is left of your quota).") var size: String?

    func run() throws {
        let engine = try global.openEngine()
        let path = try RemotePath(remote)
        let url =
            switch method {
            case .put: try engine.api.createUpload(user: global.userName, path: path, size: try size.map(ByteSize.parse), expires: expires)
            case .get: try engine.api.createDownload(user: global.userName, path: path, expires: expires)
            }
        if global.json { return Output.json(url) }
        print(url.url)
    }
}
