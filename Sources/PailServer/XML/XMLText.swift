import PailCore

/// Text in XML bodies: escaped for XML, or URL-encoded as S3 encodes keys for `encoding-type=url`.
enum XMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Each byte but `A-Za-z0-9-._~` and `/` as `%XX`.
    static func urlEncode(_ text: String) -> String {
        text.split(separator: "/", omittingEmptySubsequences: false).map { SigV4.uriEncode(String($0)) }.joined(separator: "/")
    }
}
