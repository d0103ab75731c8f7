import PailCore

/// What a file's first (and, for archives, last) bytes say it is, where that is cheap to tell: picture
/// dimensions (PNG, GIF, JPEG), a ZIP archive's entry count, a gzip file's original name, a PDF's version.
enum FileSignatures {
    /// How many of a file's last bytes hold a ZIP archive's end records (the 22-byte record after a
    /// comment of up to 65,535 bytes, and the ZIP64 records before it).
    static let tailBytes = 22 + 65_535 + 76

    /// Whether the tail is worth reading for a file that starts with `head`.
    static func wantsTail(_ head: [UInt8]) -> Bool { head.starts(with: [0x50, 0x4B]) }

    /// A short description ("PNG image, 640×480"), or nil if the head says nothing Pail knows.
    static func describe(head: [UInt8], tail: [UInt8], size: Int64) -> String? {
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            guard head.count >= 24, head[12..<16].elementsEqual(Array("IHDR".utf8)) else { return "PNG image" }
            return "PNG image, \(bigEndian(head, at: 16, count: 4))×\(bigEndian(head, at: 20, count: 4))"
        }
        if head.starts(with: Array("GIF87a".utf8)) || head.starts(with: Array("GIF89a".utf8)) {
            guard head.count >= 10 else { return "GIF image" }
            return "GIF image, \(littleEndian(head, at: 6, count: 2))×\(littleEndian(head, at: 8, count: 2))"
        }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) {
            return "JPEG image" + (jpegSize(head).map { ", \($0.width)×\($0.height)" } ?? "")
        }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return "ZIP archive" + (zipEntries(tail).map { ", " + Plural.count($0, "entry", "entries") } ?? "")
        }
        if head.starts(with: [0x1F, 0x8B]) {
            return "gzip compressed" + (gzipName(head).map { ", original name \($0)" } ?? "")
        }
        if head.starts(with: Array("%PDF-".utf8)) {
            let version = head.dropFirst(5).prefix { (0x2E...0x39).contains($0) }
            return "PDF document" + (version.isEmpty ? "" : ", version " + String(decoding: version, as: UTF8.self))
        }
        return nil
    }

    /// Width and height from a JPEG's start-of-frame segment, if it lies in `head`.
    static func jpegSize(_ head: [UInt8]) -> (width: Int, height: Int)? {
        var offset = 2
        while offset + 9 < head.count {
            guard head[offset] == 0xFF else { return nil }
            let marker = head[offset + 1]
            if marker == 0xFF {  // fill byte
                offset += 1
                continue
            }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) {
                offset += 2
                continue
            }
            let length = bigEndian(head, at: offset + 2, count: 2)
            // Start-of-frame markers C0–CF, except DHT (C4), JPG (C8) and DAC (CC).
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                return (bigEndian(head, at: offset + 7, count: 2), bigEndian(head, at: offset + 5, count: 2))
            }
            if marker == 0xDA || length < 2 { return nil }  // the image data starts: no frame header before it
            offset += 2 + length
        }
        return nil
    }

    /// The entry count of the ZIP archive whose last bytes are `tail` (from its end-of-central-directory
    /// record, or the ZIP64 one when the count does not fit 16 bits).
    static func zipEntries(_ tail: [UInt8]) -> Int? {
        guard tail.count >= 22 else { return nil }
        var index = tail.count - 22
        while index >= 0 {
            if tail[index..<index + 4].elementsEqual([0x50, 0x4B, 0x05, 0x06]) { break }
            index -= 1
        }
        guard index >= 0 else { return nil }
        let count = littleEndian(tail, at: index + 10, count: 2)
        guard count == 0xFFFF else { return count }
        // ZIP64: the locator (20 bytes) sits just before, and the ZIP64 record (56 bytes) usually just before that.
        let record = index - 20 - 56
        guard record >= 0, tail[record..<record + 4].elementsEqual([0x50, 0x4B, 0x06, 0x06]) else { return nil }
        return littleEndian(tail, at: record + 32, count: 8)
    }

    /// The original file name a gzip header carries (flag FNAME), if it does.
    static func gzipName(_ head: [UInt8]) -> String? {
        guard head.count > 10, head[2] == 8, head[3] & 0x08 != 0 else { return nil }
        var offset = 10
        if head[3] & 0x04 != 0 {  // FEXTRA: two bytes of length, then that many bytes
            guard offset + 2 <= head.count else { return nil }
            offset += 2 + littleEndian(head, at: offset, count: 2)
        }
        guard offset < head.count, let end = head[offset...].firstIndex(of: 0) else { return nil }
        // ISO 8859-1, as RFC 1952 says; control characters would reach the screen as symbols anyway.
        let name = String(head[offset..<end].map { Character(Unicode.Scalar($0)) })
        return name.isEmpty ? nil : String(name.map(PreviewRenderer.visible))
    }

    private static func bigEndian(_ bytes: [UInt8], at offset: Int, count: Int) -> Int {
        bytes[offset..<offset + count].reduce(0) { $0 << 8 | Int($1) }
    }

    private static func littleEndian(_ bytes: [UInt8], at offset: Int, count: Int) -> Int {
        bytes[offset..<offset + count].reversed().reduce(0) { $0 << 8 | Int($1) }
    }
}
