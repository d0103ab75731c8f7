import PailCore

/// An element of a request body: its namespace and local name, its child elements, and its character data
/// (references and CDATA sections resolved, comments and processing instructions left out).
struct XMLNode: Sendable {
    var namespace: String?
    var name: String
    var children: [XMLNode] = []
    var text = ""
}

/// Reads the small XML bodies S3 clients send (`Delete`, `CompleteMultipartUpload`, `CreateBucketConfiguration`)
/// into `XMLNode`s, by hand.
///
/// It reads well-formed, namespace-well-formed XML 1.0 in UTF-8 and nothing else: a document type
/// declaration is refused before anything in it is read (so no entity is ever declared, let alone expanded:
/// no XXE, no billion laughs), as are the references to entities other than the five predefined ones,
/// character references to what XML 1.0 cannot hold, other encodings and XML 1.1. Line ends are normalized
/// as XML requires (a literal CR reaches the text as LF; `&#13;` stays CR). Every refusal is `MalformedXML`.
///
/// Why not FoundationXML's `XMLParser`: on Linux it hands the document to libxml2 and delivers none of the
/// DTD callbacks (entity or element declarations), so a DOCTYPE cannot be refused there: it is read, and
/// what its entities do is left to libxml2's defaults (a billion laughs fails as a loop, an external entity
/// reads as nothing, and the body is accepted). It would also bring libxml2 into the `pail` binary, which
/// uses nothing else of FoundationXML. The tests check this reader, and the writer's output, against `XMLParser`.
///
/// ```swift
/// let root = try XMLBodyReader.read(Array("<Delete><Object><Key>a</Key></Object></Delete>".utf8), limit: 1 << 20)
/// ```
struct XMLBodyReader {
    /// Elements nested deeper than this are refused (S3's request documents are three deep).
    static let maxDepth = 32
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// An element being read: where its name is, what it has so far, and how many namespace bindings were in scope before it.
    private struct Open {
        var qualifiedName: Range<Int>
        var node: XMLNode
        var text: [UInt8] = []
        var bindingsBefore: Int
    }

    private var bytes: [UInt8]
    private var index = 0
    private var bindings: [(prefix: String, uri: String)] = []

    /// The root element of `body`, or `MalformedXML` when the body is longer than `limit` bytes or not a document read here.
    static func read(_ body: some Collection<UInt8>, limit: Int) throws(PailError) -> XMLNode {
        guard body.count <= limit else { throw malformed("the body is longer than \(limit) bytes") }
        var reader = try XMLBodyReader(Array(body))
        return try reader.document()
    }

    static func malformed(_ detail: String) -> PailError {
        PailError(.malformedXML, "The XML you provided was not well-formed or did not validate against our published schema (\(detail))")
    }

    /// Checks that the bytes are UTF-8 holding only characters XML 1.0 allows, and normalizes line ends.
    private init(_ body: [UInt8]) throws(PailError) {
        let start = body.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard String(validating: body[start...], as: UTF8.self) != nil else { throw Self.malformed("the body is not UTF-8") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(body.count - start)
        var index = start
        while index < body.count {
            let byte = body[index]
            switch byte {
            case 0x0D:
                bytes.append(0x0A)
                if index + 1 < body.count, body[index + 1] == 0x0A { index += 1 }
            case 0x09, 0x0A:
                bytes.append(byte)
            case 0x00..<0x20:
                throw Self.malformed("control character \(byte) at byte \(index)")
            case 0xEF where index + 2 < body.count && body[index + 1] == 0xBF && body[index + 2] >= 0xBE:
                throw Self.malformed("U+FFFE or U+FFFF at byte \(index)")
            default:
                bytes.append(byte)
            }
            index += 1
        }
        self.bytes = bytes
    }

    // MARK: Document structure

    private mutating func document() throws(PailError) -> XMLNode {
        if starts(with: "<?xml"), index + 5 < bytes.count, isWhitespace(bytes[index + 5]) { try declaration() }
        try miscellany()
        guard starts(with: "<") else { throw fail(index == bytes.count ? "no root element" : "text outside the root element") }
        let root = try element()
        try miscellany()
        guard index == bytes.count else { throw fail(starts(with: "<") ? "a second root element" : "text after the root element") }
        return root
    }

    /// Whitespace, comments and processing instructions, as may surround the root; a DOCTYPE is refused here.
    private mutating func miscellany() throws(PailError) {
        while true {
            skipWhitespace()
            if starts(with: "<!--") {
                try comment()
            } else if starts(with: "<?") {
                try processingInstruction()
            } else if starts(with: "<!") {
                throw refusedDeclaration()
            } else {
                return
            }
        }
    }

    private func refusedDeclaration() -> PailError {
        starts(with: "<!DOCTYPE")
            ? fail("a document type declaration; DTDs and entity declarations are not accepted")
            : fail("a markup declaration")
    }

    /// `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`: version 1.0, UTF-8 if an encoding is named.
    private mutating func declaration() throws(PailError) {
        index += 5
        var seen: [String] = []
        while true {
            let hadSpace = skipWhitespace()
            if starts(with: "?>") { index += 2; break }
            guard hadSpace else { throw fail("a malformed XML declaration") }
            let field = string(try name())
            try equals()
            guard let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { throw fail("an unquoted value") }
            let start = index + 1
            guard let end = bytes[start...].firstIndex(of: quote) else { throw fail("an unterminated XML declaration") }
            let value = string(start..<end)
            index = end + 1
            let order = ["version", "encoding", "standalone"]
            guard let position = order.firstIndex(of: field), seen.allSatisfy({ order.firstIndex(of: $0)! < position }),
                field == "version" || seen.contains("version")
            else { throw fail("a malformed XML declaration") }
            seen.append(field)
            switch field {
            case "version": guard value == "1.0" else { throw fail("XML version \(value); only 1.0 is read") }
            case "encoding": guard value.lowercased() == "utf-8" else { throw fail("encoding \(value); only UTF-8 is read") }
            default: guard value == "yes" || value == "no" else { throw fail("a malformed XML declaration") }
            }
        }
        guard seen.contains("version") else { throw fail("an XML declaration without a version") }
    }

    /// The element starting at `<`, with everything inside it, read without recursion.
    private mutating func element() throws(PailError) -> XMLNode {
        var stack: [Open] = []
        if let root = try startTag(into: &stack) { return root }
        while true {
            guard let byte = peek() else { throw fail("an element that is not closed") }
            if byte == UInt8(ascii: "&") {
                try reference(into: &stack[stack.count - 1].text)
            } else if byte != UInt8(ascii: "<") {
                let start = index
                while let next = peek(), next != UInt8(ascii: "<"), next != UInt8(ascii: "&") {
                    if next == UInt8(ascii: ">"), index - start >= 2, bytes[index - 1] == UInt8(ascii: "]"),
                        bytes[index - 2] == UInt8(ascii: "]")
                    {
                        throw fail("]]> in text")
                    }
                    index += 1
                }
                stack[stack.count - 1].text.append(contentsOf: bytes[start..<index])
            } else if starts(with: "</") {
                if let root = try endTag(of: &stack) { return root }
            } else if starts(with: "<!--") {
                try comment()
            } else if starts(with: "<![CDATA[") {
                index += 9
                let start = index
                guard let end = find("]]>") else { throw fail("an unterminated CDATA section") }
                stack[stack.count - 1].text.append(contentsOf: bytes[start..<end])
                index = end + 3
            } else if starts(with: "<?") {
                try processingInstruction()
            } else if starts(with: "<!") {
                throw refusedDeclaration()
            } else if let root = try startTag(into: &stack) {
                return root
            }
        }
    }

    /// Reads `<name attributes>` or `<name attributes/>` and pushes the element; returns the root if that closed it.
    private mutating func startTag(into stack: inout [Open]) throws(PailError) -> XMLNode? {
        index += 1
        let qualifiedName = try name()
        var attributes: [(name: Range<Int>, value: String)] = []
        var closed = false
        while true {
            let hadSpace = skipWhitespace()
            if starts(with: ">") { index += 1; break }
            if starts(with: "/>") { index += 2; closed = true; break }
            guard hadSpace, peek() != nil else { throw fail("a malformed start tag") }
            let attribute = try name()
            try equals()
            let value = try attributeValue()
            guard !attributes.contains(where: { bytes[$0.name] == bytes[attribute] }) else { throw fail("a repeated attribute") }
            attributes.append((attribute, value))
        }
        let bindingsBefore = bindings.count
        for (attribute, value) in attributes {
            let name = string(attribute)
            if name == "xmlns" {
                bindings.append(("", value))
            } else if name.hasPrefix("xmlns:") {
                let prefix = String(name.dropFirst(6))
                guard !value.isEmpty, !prefix.isEmpty, prefix != "xmlns", !prefix.contains(":") else {
                    throw fail("a malformed namespace declaration")
                }
                bindings.append((prefix, value))
            }
        }
        for (attribute, _) in attributes where string(attribute) != "xmlns" && !string(attribute).hasPrefix("xmlns:") {
            _ = try resolve(attribute, isElement: false)
        }
        let (namespace, localName) = try resolve(qualifiedName, isElement: true)
        guard stack.count < Self.maxDepth else { throw fail("elements nested deeper than \(Self.maxDepth)") }
        stack.append(
            Open(qualifiedName: qualifiedName, node: XMLNode(namespace: namespace, name: localName), bindingsBefore: bindingsBefore))
        return closed ? finish(&stack) : nil
    }

    /// Reads `</name>`, which must close the innermost open element; returns the root if that closed it.
    private mutating func endTag(of stack: inout [Open]) throws(PailError) -> XMLNode? {
        index += 2
        let name = try name()
        skipWhitespace()
        guard starts(with: ">") else { throw fail("a malformed end tag") }
        index += 1
        guard bytes[name] == bytes[stack[stack.count - 1].qualifiedName] else {
            throw fail("</\(string(name))> closing <\(string(stack[stack.count - 1].qualifiedName))>")
        }
        return finish(&stack)
    }

    /// Pops the innermost element into its parent; returns it when it was the root.
    private mutating func finish(_ stack: inout [Open]) -> XMLNode? {
        var open = stack.removeLast()
        open.node.text = String(decoding: open.text, as: UTF8.self)
        bindings.removeSubrange(open.bindingsBefore...)
        guard !stack.isEmpty else { return open.node }
        stack[stack.count - 1].node.children.append(open.node)
        return nil
    }

    /// The namespace and local name of a qualified name; an undeclared prefix is refused.
    private func resolve(_ qualifiedName: Range<Int>, isElement: Bool) throws(PailError) -> (String?, String) {
        let name = string(qualifiedName)
        let parts = name.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty }) else { throw fail("the name \(name)") }
        let prefix = parts.count == 2 ? String(parts[0]) : ""
        let localName = String(parts[parts.count - 1])
        if prefix == "xml" { return (Self.xmlNamespace, localName) }
        guard prefix != "xmlns" else { throw fail("the name \(name)") }
        guard isElement || !prefix.isEmpty else { return (nil, localName) }
        guard let binding = bindings.last(where: { $0.prefix == prefix }) else {
            guard prefix.isEmpty else { throw fail("the undeclared namespace prefix \(prefix)") }
            return (nil, localName)
        }
        return (binding.uri.isEmpty ? nil : binding.uri, localName)
    }

    // MARK: Pieces

    /// An attribute value in quotes, references resolved and whitespace characters turned into spaces.
    private mutating func attributeValue() throws(PailError) -> String {
        guard let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { throw fail("an unquoted value") }
        index += 1
        var value: [UInt8] = []
        while true {
            guard let byte = peek() else { throw fail("an unterminated attribute value") }
            switch byte {
            case quote: index += 1; return String(decoding: value, as: UTF8.self)
            case UInt8(ascii: "<"): throw fail("< in an attribute value")
            case UInt8(ascii: "&"): try reference(into: &value)
            case 0x09, 0x0A: value.append(UInt8(ascii: " ")); index += 1
            default: value.append(byte); index += 1
            }
        }
    }

    /// `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` `&#NN;` `&#xHH;`; any other entity is undeclared, so refused.
    private mutating func reference(into text: inout [UInt8]) throws(PailError) {
        let start = index + 1
        guard let end = bytes[start...].prefix(32).firstIndex(of: UInt8(ascii: ";")), end > start else {
            throw fail("a malformed reference")
        }
        let body = bytes[start..<end]
        index = end + 1
        if body.first == UInt8(ascii: "#") {
            let hex = body.dropFirst().first == UInt8(ascii: "x")
            let digits = body.dropFirst(hex ? 2 : 1)
            var value: UInt32 = 0
            for digit in digits {
                guard let digitValue = hexValue(digit), hex || digitValue < 10 else { throw fail("a malformed character reference") }
                value = value * (hex ? 16 : 10) + digitValue
                guard value <= 0x10FFFF else { throw fail("a character reference beyond Unicode") }
            }
            guard !digits.isEmpty, Self.isXMLCharacter(value), let scalar = Unicode.Scalar(value) else {
                throw fail("a reference to character \(value), which XML 1.0 cannot hold")
            }
            UTF8.encode(scalar) { text.append($0) }
            return
        }
        switch string(start..<end) {
        case "lt": text.append(UInt8(ascii: "<"))
        case "gt": text.append(UInt8(ascii: ">"))
        case "amp": text.append(UInt8(ascii: "&"))
        case "quot": text.append(UInt8(ascii: "\""))
        case "apos": text.append(UInt8(ascii: "'"))
        case let name: throw fail("a reference to the undeclared entity \(name)")
        }
    }

    /// XML 1.0's `Char`: tab, line feed, carriage return, and U+0020 on but surrogates, U+FFFE and U+FFFF.
    static func isXMLCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// `<!-- … -->`, in which `--` may not appear.
    private mutating func comment() throws(PailError) {
        index += 4
        guard let end = find("--") else { throw fail("an unterminated comment") }
        guard end + 2 < bytes.count, bytes[end + 2] == UInt8(ascii: ">") else { throw fail("-- in a comment") }
        index = end + 3
    }

    /// `<?target …?>`, skipped; the target `xml` is the declaration's alone, at the very start.
    private mutating func processingInstruction() throws(PailError) {
        index += 2
        let target = string(try name())
        guard target.lowercased() != "xml" else { throw fail("an XML declaration that is not at the start") }
        if starts(with: "?>") { index += 2; return }
        guard skipWhitespace(), let end = find("?>") else { throw fail("a malformed processing instruction") }
        index = end + 2
    }

    /// A name: letters, digits and `_:.-`, not starting with a digit, `.` or `-`; bytes of non-ASCII characters count as letters.
    private mutating func name() throws(PailError) -> Range<Int> {
        let start = index
        while let byte = peek() {
            let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let first = letter || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte >= 0x80
            let later = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            guard first || (later && index > start) else { break }
            index += 1
        }
        guard index > start else { throw fail("a missing name") }
        return start..<index
    }

    /// `=` with optional whitespace around it.
    private mutating func equals() throws(PailError) {
        skipWhitespace()
        guard starts(with: "=") else { throw fail("an attribute without =") }
        index += 1
        skipWhitespace()
    }

    // MARK: Bytes

    private func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private func starts(with text: StaticString) -> Bool {
        text.withUTF8Buffer { bytes[index...].starts(with: $0) }
    }

    /// Where `text` next occurs from the current index, or nil.
    private func find(_ text: StaticString) -> Int? {
        text.withUTF8Buffer { pattern in
            var at = index
            while at + pattern.count <= bytes.count {
                if bytes[at] == pattern[0], bytes[at..<at + pattern.count].elementsEqual(pattern) { return at }
                at += 1
            }
            return nil
        }
    }

    /// Skips spaces, tabs and line feeds (carriage returns are line feeds by now); true if there were any.
    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let start = index
        while let byte = peek(), isWhitespace(byte) { index += 1 }
        return index > start
    }

    private func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    private func fail(_ detail: String) -> PailError {
        Self.malformed("\(detail) at byte \(index)")
    }
}
