import Crypto
import PailCore

/// Takes the framing off an aws-chunked body as its bytes arrive, split anywhere: `hex-size[;chunk-signature=…]\r\n`,
/// the chunk's data, `\r\n`, …, a 0-size chunk, then trailers (`name:value\r\n` lines) and an empty line.
/// Chunk and trailer signatures are checked as each ends; its memory does not grow with the body.
///
/// ```swift
/// let body = AwsChunkedBody(decodedLength: 5, signer: nil, trailers: .declared("x-amz-checksum-crc32"))
/// try body.feed(raw) { data in … }        // "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n"
/// let trailers = try body.finish()        // [("x-amz-checksum-crc32", "NhCmhg==")]
/// ```
final class AwsChunkedBody {
    /// Which trailers may follow the final chunk.
    enum Trailers {
        /// None: the 0-size chunk is followed by an empty line.
        case none
        /// Only the one `x-amz-trailer` names, if it names one.
        case declared(String?)
    }

    private enum State { case header, data, dataEnd, trailers, done }

    /// S3 refuses a chunk smaller than this unless it is the last one holding data.
    static let minimumChunkSize: Int64 = 8192
    /// The longest chunk header or trailer line read (S3's are under a hundred bytes).
    private static let maximumLine = 4096
    private static let carriageReturn = UInt8(ascii: "\r"), lineFeed = UInt8(ascii: "\n")

    private let decodedLength: Int64
    private let signer: ChunkSigner?
    private let trailerPolicy: Trailers
    private var state = State.header
    private var line: [UInt8] = []
    /// Bytes of the current chunk's data still to come, and of its closing `\r\n` already seen.
    private var remaining: Int64 = 0
    private var closingBytesSeen = 0
    /// Sum of the chunk sizes read so far, the number of chunks, and the size of the last one.
    private var declared: Int64 = 0
    private var chunkCount = 0
    private var previousSize: Int64 = 0
    private var previousSignature: String
    private var claimedSignature = ""
    private var chunkHash = SHA256()
    private var trailers: [(name: String, value: String)] = []
    private var trailersSigned = false

    init(decodedLength: Int64, signer: ChunkSigner?, trailers: Trailers) {
        self.decodedLength = decodedLength
        self.signer = signer
        trailerPolicy = trailers
        previousSignature = signer?.seedSignature ?? ""
        line.reserveCapacity(128)
    }

    /// Reads the next bytes of the body; hands each run of chunk data to `data` as it goes.
    func feed(_ raw: UnsafeRawBufferPointer, data: (UnsafeRawBufferPointer) throws -> Void) throws {
        var offset = 0
        while offset < raw.count {
            switch state {
            case .data:
                let length = Int(min(Int64(raw.count - offset), remaining))
                let run = UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + length)])
                if signer != nil { chunkHash.update(bufferPointer: run) }
                try data(run)
                offset += length
                remaining -= Int64(length)
                if remaining == 0 {
                    try verifyChunk()
                    state = .dataEnd
                    closingBytesSeen = 0
                }
            case .dataEnd:
                guard raw[offset] == (closingBytesSeen == 0 ? Self.carriageReturn : Self.lineFeed) else {
                    throw Self.incomplete("a chunk's data must be followed by \\r\\n (the chunk is longer than its size)")
                }
                offset += 1
                closingBytesSeen += 1
                if closingBytesSeen == 2 { state = .header }
            case .header, .trailers:
                let rest = UnsafeRawBufferPointer(rebasing: raw[offset...])
                guard let end = rest.firstIndex(of: Self.lineFeed) else {
                    try appendToLine(rest)
                    offset = raw.count
                    break
                }
                try appendToLine(UnsafeRawBufferPointer(rebasing: rest[..<end]))
                offset += end + 1
                try completeLine()
            case .done:
                throw Self.incomplete("there are bytes after the end of the aws-chunked body")
            }
        }
    }

    /// Checks that the body ended where it may and returns its trailers (`name` in lower case).
    func finish() throws -> [(name: String, value: String)] {
        switch state {
        case .done:
            break
        case .trailers where line.isEmpty:
            // The empty line that closes the trailers is optional at the very end: nothing follows it.
            try endTrailers()
        default:
            throw Self.incomplete("the aws-chunked body ended before its final 0-size chunk")
        }
        return trailers
    }

    private func appendToLine(_ bytes: UnsafeRawBufferPointer) throws {
        guard line.count + bytes.count <= Self.maximumLine else {
            throw Self.incomplete("a chunk header or trailer is longer than \(Self.maximumLine) bytes")
        }
        line.append(contentsOf: bytes)
    }

    private func completeLine() throws {
        guard line.last == Self.carriageReturn else {
            throw Self.incomplete("a chunk header or trailer line must end with \\r\\n")
        }
        line.removeLast()
        defer { line.removeAll(keepingCapacity: true) }
        if state == .header {
            try readChunkHeader()
        } else if line.isEmpty {
            try endTrailers()
            state = .done
        } else {
            try readTrailer()
        }
    }

    /// `hex-size`, then `;chunk-signature=<64 hex>` for a signed body (other extensions are ignored unsigned).
    private func readChunkHeader() throws {
        let semicolon = line.firstIndex(of: UInt8(ascii: ";")) ?? line.endIndex
        let digits = Self.trimmed(line[..<semicolon])
        guard (1...15).contains(digits.count), let size = Self.hexValue(digits) else {
            throw Self.incomplete("'\(Self.text(line))' does not start with a hexadecimal chunk size")
        }
        if signer != nil {
            let prefix = "chunk-signature=".utf8
            let extensionText = Self.trimmed(line[min(semicolon + 1, line.endIndex)...])
            guard semicolon < line.endIndex, extensionText.starts(with: prefix), extensionText.count == prefix.count + 64 else {
                throw Self.incomplete("a chunk header of a signed body must be <hex-size>;chunk-signature=<64 hex>")
            }
            claimedSignature = String(decoding: extensionText.dropFirst(prefix.count), as: UTF8.self)
        }
        if chunkCount > 0, size > 0, previousSize < Self.minimumChunkSize {
            throw PailError(
                .invalidChunkSizeError,
                "Only the last chunk is allowed to have a size less than 8192 bytes (chunk \(chunkCount) has \(previousSize))")
        }
        guard size <= decodedLength - declared else {
            throw PailError(
                .incompleteBody,
                "You did not provide the number of bytes specified by x-amz-decoded-content-length (\(decodedLength)): "
                    + "the chunks hold more")
        }
        chunkCount += 1
        previousSize = size
        declared += size
        chunkHash = SHA256()
        if size == 0 {
            try verifyChunk()
            state = .trailers
        } else {
            remaining = size
            state = .data
        }
    }

    /// Checks the signature the chunk's header claimed, once its data has all been read.
    private func verifyChunk() throws {
        guard let signer else { return }
        let expected = signer.chunkSignature(previous: previousSignature, chunkHash: chunkHash.finalize())
        guard SigV4.constantTimeEquals(expected, claimedSignature) else {
            throw PailError(
                .signatureDoesNotMatch,
                "The request signature we calculated does not match the signature you provided: chunk \(chunkCount)'s chunk-signature")
        }
        previousSignature = expected
    }

    /// A `name:value` trailer; `x-amz-trailer-signature` signs those before it.
    private func readTrailer() throws {
        guard case .declared(let declared) = trailerPolicy else {
            throw Self.incomplete("the final chunk must be followed by \\r\\n: this x-amz-content-sha256 allows no trailers")
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            throw PailError(.malformedTrailerError, "The trailer '\(Self.text(line))' is not name:value")
        }
        let name = String(decoding: Self.trimmed(line[..<colon]), as: UTF8.self).lowercased()
        let value = String(decoding: Self.trimmed(line[(colon + 1)...]), as: UTF8.self)
        if name == "x-amz-trailer-signature" {
            try verifyTrailers(signature: value)
            return
        }
        guard !trailersSigned, name == declared, !trailers.contains(where: { $0.name == name }) else {
            throw PailError(
                .malformedTrailerError,
                "The trailer '\(RemotePath.printable(name))' is not the one x-amz-trailer declares (\(declared ?? "none")), "
                    + "or comes twice or after x-amz-trailer-signature")
        }
        trailers.append((name: name, value: value))
    }

    private func verifyTrailers(signature: String) throws {
        guard let signer, !trailersSigned else {
            throw PailError(.malformedTrailerError, "x-amz-trailer-signature is only allowed once, after the trailers of a signed body")
        }
        let canonical = trailers.sorted { $0.name < $1.name }.map { "\($0.name):\($0.value)\n" }.joined()
        guard SigV4.constantTimeEquals(signer.trailerSignature(previous: previousSignature, canonicalTrailers: canonical), signature) else {
            throw PailError(
                .signatureDoesNotMatch,
                "The request signature we calculated does not match the signature you provided: x-amz-trailer-signature")
        }
        trailersSigned = true
    }

    private func endTrailers() throws {
        if signer != nil, !trailers.isEmpty, !trailersSigned {
            throw PailError(.signatureDoesNotMatch, "The trailers of a signed body must be signed: x-amz-trailer-signature is missing")
        }
        if case .declared(let declared?) = trailerPolicy, trailers.isEmpty {
            throw PailError(.malformedTrailerError, "x-amz-trailer declares \(declared), but the body has no such trailer")
        }
        guard declared == decodedLength else {
            throw PailError(
                .incompleteBody,
                "You did not provide the number of bytes specified by x-amz-decoded-content-length: \(declared) of \(decodedLength)")
        }
    }

    private static func incomplete(_ detail: String) -> PailError {
        PailError(.incompleteBody, "The request body terminated unexpectedly: \(detail)")
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !blank($0) }), let last = bytes.lastIndex(where: { !blank($0) }) else {
            return bytes[bytes.endIndex...]
        }
        return bytes[first...last]
    }

    private static func hexValue(_ digits: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        for digit in digits {
            guard let nibble = Hex.value(of: digit) else { return nil }
            value = value << 4 | Int64(nibble)
        }
        return value
    }

    private static func text(_ bytes: [UInt8]) -> String {
        RemotePath.printable(String(decoding: bytes.prefix(80), as: UTF8.self))
    }
}
