import Foundation
import FoundationXML

/// An element as FoundationXML's `XMLParser` (libxml2) reads it: the independent reader the S3 XML tests check against.
struct ParsedElement: Equatable, CustomStringConvertible {
    var namespace: String?
    var name: String
    var attributes: [String: String] = [:]
    var children: [ParsedElement] = []
    var text = ""

    /// The first child named `name`.
    func child(_ name: String) -> ParsedElement? {
        children.first { $0.name == name }
    }

    /// Every child named `name`.
    func all(_ name: String) -> [ParsedElement] {
        children.filter { $0.name == name }
    }

    /// The text of the element at the path of child names, or nil when there is none.
    subscript(_ path: String...) -> String? {
        var element = self
        for name in path {
            guard let next = element.child(name) else { return nil }
            element = next
        }
        return element.text
    }

    var description: String {
        "<\(name)\(namespace.map { " {\($0)}" } ?? "")>\(text.debugDescription)\(children.map(\.description).joined())</\(name)>"
    }

    /// The document's root as `XMLParser` reads it (namespaces processed), or nil with the parser's error
    /// when it is not well-formed.
    static func parse(_ bytes: [UInt8]) -> (root: ParsedElement?, error: String?) {
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        guard parser.parse(), builder.stack.isEmpty, let root = builder.root else {
            return (nil, parser.parserError.map { "\($0)" } ?? "no root")
        }
        return (root, nil)
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [ParsedElement] = []
        var root: ParsedElement?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            stack.append(
                ParsedElement(
                    namespace: namespaceURI?.isEmpty == false ? namespaceURI : nil, name: elementName, attributes: attributes))
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            let element = stack.removeLast()
            if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if !stack.isEmpty { stack[stack.count - 1].text += string }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            if !stack.isEmpty { stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self) }
        }
    }
}

/// A deterministic generator, so a failing random case is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Key names that have tripped S3 implementations: XML's specials, URL encoding's, odd Unicode and whitespace.
enum OddKeys {
    static let legal = [
        "plain.txt", "a b.txt", "a+b.txt", "a  b ", " lead", "100%.csv", "a&b<c>\"d'e.txt", "&amp;lt;", "]]>", "<![CDATA[x]]>",
        "日本/語 ファイル.txt", "😀/e\u{301}.txt", "tab\there", "new\nline", "cr\rhere", "crlf\r\nhere", "~tilde*star(1)!", "a=b;c:d,e@f$g?h#i",
        "\u{7F}del\u{85}nel\u{A0}nbsp", "\u{FEFF}bom", "\u{2028}ls\u{2029}ps", "\u{FFFD}", "\u{E000}private\u{10FFFF}", "dir/sub/",
    ]
    /// Characters XML 1.0 cannot hold: each is written as U+FFFD unless the listing is URL-encoded.
    static let unwritable = ["nul\u{0}here", "bell\u{7}", "esc\u{1B}[31m", "us\u{1F}", "fffe\u{FFFE}", "ffff\u{FFFF}"]
}
