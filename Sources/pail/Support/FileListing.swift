import PailCore

/// How `pail ls` and `pail find` print files while they stream from the inventory, one line (or JSON object)
/// each, so a listing holds no more than the file being printed and a buffer: the text table has fixed columns
/// (sizes in 7, ETags in 32), or is the paths alone (`pathsOnly`), and the JSON is what `Output.json` writes
/// for an array of `FileEntry`. Rows are written into the buffer as bytes and reach standard output 64 KiB at
/// a time.
struct FileListing {
    private let json: Bool
    private let pathsOnly: Bool
    private(set) var count = 0
    private var buffer: [UInt8] = []
    private static let chunk = 64 << 10

    init(json: Bool, pathsOnly: Bool = false) {
        self.json = json
        self.pathsOnly = pathsOnly
        buffer.reserveCapacity(Self.chunk + 4096)
    }

    mutating func print(_ entry: FileEntry) {
        if json {
            buffer += (count == 0 ? "[\n" : ",\n").utf8
            object(entry)
        } else if pathsOnly {
            buffer += entry.path.utf8
            buffer.append(UInt8(ascii: "\n"))
        } else {
            if count == 0 { row("SIZE", { $0 += "MODIFIED".utf8 }, "ETAG", "PATH") }
            row(ByteSize.format(entry.size), { Output.date(entry.modified, to: &$0) }, entry.etag, entry.path)
        }
        count += 1
        if buffer.count >= Self.chunk { flush() }
    }

    /// Ends the listing: closes the JSON array, or says on stderr that there was nothing to list (a table only:
    /// paths alone, like `find`'s, end silently).
    mutating func finish() {
        if json { buffer += (count == 0 ? "[\n\n]\n" : "\n]\n").utf8 }
        flush()
        if !json && !pathsOnly && count == 0 { Output.note("no files") }
    }

    /// Hands what is buffered to standard output (also what was listed before an error stopped the listing).
    mutating func flush() {
        Output.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func row(_ size: String, _ modified: (inout [UInt8]) -> Void, _ etag: String, _ path: String) {
        column(7, right: true) { $0 += size.utf8 }
        buffer += "  ".utf8
        column(19, modified)
        buffer += "  ".utf8
        column(32) { $0 += etag.utf8 }
        buffer += "  ".utf8
        buffer += path.utf8
        buffer.append(UInt8(ascii: "\n"))
    }

    /// Appends what `write` appends (ASCII), padded with spaces to `width` columns, on the left if `right`.
    private mutating func column(_ width: Int, right: Bool = false, _ write: (inout [UInt8]) -> Void) {
        let start = buffer.count
        write(&buffer)
        let spaces = repeatElement(UInt8(ascii: " "), count: max(0, width - (buffer.count - start)))
        if right { buffer.insert(contentsOf: spaces, at: start) } else { buffer += spaces }
    }

    /// The entry as a pretty-printed JSON object with sorted keys, indented as an array element.
    private mutating func object(_ entry: FileEntry) {
        buffer += "  {\n    \"etag\" : ".utf8
        JSONWriter.string(entry.etag, to: &buffer)
        buffer += ",\n    \"modified\" : \"".utf8
        Timestamps.iso8601(entry.modified, to: &buffer)
        buffer += "\",\n    \"path\" : ".utf8
        JSONWriter.string(entry.path, to: &buffer)
        buffer += ",\n    \"size\" : ".utf8
        buffer += String(entry.size).utf8
        buffer += "\n  }".utf8
    }
}
