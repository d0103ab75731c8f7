import PailCore

/// How `pail ls` prints files while they stream from the inventory, one line (or JSON object) each, so a
/// listing holds no more than the file being printed: the text table has fixed columns (sizes in 7, ETags
/// in 32), and the JSON is what `Output.json` writes for an array of `FileEntry`.
struct FileListing {
    private let json: Bool
    private(set) var count = 0

    init(json: Bool) { self.json = json }

    mutating func print(_ entry: FileEntry) {
        if count == 0 && !json { Output.write(Self.row("SIZE", "MODIFIED", "ETAG", "PATH")) }
        if json {
            Output.write((count == 0 ? "[\n" : ",\n") + Self.object(entry))
        } else {
            Output.write(Self.row(ByteSize.format(entry.size), Output.date(entry.modified), entry.etag, entry.path))
        }
        count += 1
    }

    /// Ends the listing: closes the JSON array, or says on stderr that there was nothing to list.
    func finish() {
        if json {
            Output.write(count == 0 ? "[\n\n]\n" : "\n]\n")
        } else if count == 0 {
            Output.note("no files")
        }
    }

    private static func row(_ size: String, _ modified: String, _ etag: String, _ path: String) -> String {
        pad(size, 7, right: true) + "  " + pad(modified, 19) + "  " + pad(etag, 32) + "  " + path + "\n"
    }

    /// ASCII `text` padded with spaces to `width` columns.
    private static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let spaces = String(repeating: " ", count: max(0, width - text.utf8.count))
        return right ? spaces + text : text + spaces
    }

    /// The entry as a pretty-printed JSON object with sorted keys, indented as an array element.
    private static func object(_ entry: FileEntry) -> String {
        func quoted(_ text: String) -> String {
            var bytes: [UInt8] = []
            JSONWriter.string(text, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        return "  {\n    \"etag\" : \(quoted(entry.etag)),\n    \"modified\" : \"\(Timestamps.iso8601(entry.modified))\",\n"
            + "    \"path\" : \(quoted(entry.path)),\n    \"size\" : \(entry.size)\n  }"
    }
}
