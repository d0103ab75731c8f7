/// One attribute of an inventory item, as DynamoDB types it.
///
/// Numbers are `Int64` here (sizes, counters), not DynamoDB's arbitrary-precision decimals.
/// Codable in DynamoDB JSON: `{"S":"x"}`, `{"N":"12"}`, `{"BOOL":true}`, `{"NULL":true}`,
/// `{"L":[…]}`, `{"M":{…}}`. Strings are equal only when their UTF-8 bytes are, as in
/// DynamoDB (Swift's `String ==` would also equate canonically equivalent spellings).
///
/// ```swift
/// let item: Item = ["PK": .s("alice"), "SK": .s("alice/a.txt"), "Size": .n(12)]
/// item["Size"]?.int64Value // 12
/// ```
public enum AttributeValue: Sendable, Hashable, Codable {
    case s(String)
    case n(Int64)
    case bool(Bool)
    case null
    case l([AttributeValue])
    case m([String: AttributeValue])

    public var stringValue: String? {
        if case .s(let value) = self { return value }
        return nil
    }

    public var int64Value: Int64? {
        if case .n(let value) = self { return value }
        return nil
    }

    public static func == (lhs: AttributeValue, rhs: AttributeValue) -> Bool {
        switch (lhs, rhs) {
        case (.s(let a), .s(let b)): a.utf8.elementsEqual(b.utf8)
        case (.n(let a), .n(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        case (.l(let a), .l(let b)): a == b
        case (.m(let a), .m(let b)): a == b
        default: false
        }
    }

    private enum CodingKeys: String, CodingKey {
        case s = "S", n = "N", bool = "BOOL", null = "NULL", l = "L", m = "M"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "An attribute value has exactly one type key (S, N, BOOL, NULL, L or M)"))
        }
        switch key {
        case .s: self = .s(try container.decode(String.self, forKey: .s))
        case .n:
            let text = try container.decode(String.self, forKey: .n)
            guard let value = Int64(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .n, in: container, debugDescription: "Not an Int64 number: \(text)")
            }
            self = .n(value)
        case .bool: self = .bool(try container.decode(Bool.self, forKey: .bool))
        case .null:
            guard try container.decode(Bool.self, forKey: .null) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .null, in: container, debugDescription: "NULL must be true")
            }
            self = .null
        case .l: self = .l(try container.decode([AttributeValue].self, forKey: .l))
        case .m: self = .m(try container.decode([String: AttributeValue].self, forKey: .m))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .s(let value): try container.encode(value, forKey: .s)
        case .n(let value): try container.encode(String(value), forKey: .n)
        case .bool(let value): try container.encode(value, forKey: .bool)
        case .null: try container.encode(true, forKey: .null)
        case .l(let value): try container.encode(value, forKey: .l)
        case .m(let value): try container.encode(value, forKey: .m)
        }
    }
}

/// An inventory item: attribute name → value. Every stored item has string `PK` and `SK` attributes.
public typealias Item = [String: AttributeValue]
