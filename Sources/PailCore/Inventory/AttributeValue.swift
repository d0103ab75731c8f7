/// One attribute of an inventory item, as DynamoDB types it.
///
/// Numbers are `Int64` here (sizes, counters), not DynamoDB's arbitrary-precision decimals.
/// Stored in DynamoDB JSON by `ItemJSON`: `{"S":"x"}`, `{"N":"12"}`, `{"BOOL":true}`, `{"NULL":true}`,
/// `{"L":[…]}`, `{"M":{…}}`. Strings are equal only when their UTF-8 bytes are, as in
/// DynamoDB (Swift's `String ==` would also equate canonically equivalent spellings).
///
/// ```swift
/// let item: Item = ["PK": .s("alice"), "SK": .s("alice/a.txt"), "Size": .n(12)]
/// item["Size"]?.int64Value // 12
/// ```
public enum AttributeValue: Sendable, Hashable {
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
}

/// An inventory item: attribute name → value. Every stored item has string `PK` and `SK` attributes.
public typealias Item = [String: AttributeValue]
