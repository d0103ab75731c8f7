/// A condition on an item's top-level attributes, as DynamoDB's condition expressions
/// (`attribute_exists`, `attribute_not_exists`, `=`, `<`, `>`, `AND`, `OR`, `NOT`).
///
/// A missing item is evaluated as an item with no attributes: `attributeNotExists` holds,
/// `attributeExists` and comparisons do not. Comparisons between different types are false;
/// `<` and `>` order numbers numerically and strings by UTF-8 bytes.
///
/// ```swift
/// try inventory.putItem(db, item, condition: .attributeNotExists("PK"))
/// ```
public indirect enum Condition: Sendable {
    case attributeExists(String)
    case attributeNotExists(String)
    case equals(String, AttributeValue)
    case lessThan(String, AttributeValue)
    case greaterThan(String, AttributeValue)
    case and([Condition])
    case or([Condition])
    case not(Condition)

    /// Whether `item` (nil when there is none) satisfies the condition.
    public func evaluate(_ item: Item?) -> Bool {
        let attributes = item ?? [:]
        switch self {
        case .attributeExists(let name): return attributes[name] != nil
        case .attributeNotExists(let name): return attributes[name] == nil
        case .equals(let name, let value): return attributes[name] == value
        case .lessThan(let name, let value):
            return attributes[name].map { Self.precedes($0, value) } ?? false
        case .greaterThan(let name, let value):
            return attributes[name].map { Self.precedes(value, $0) } ?? false
        case .and(let conditions): return conditions.allSatisfy { $0.evaluate(item) }
        case .or(let conditions): return conditions.contains { $0.evaluate(item) }
        case .not(let condition): return !condition.evaluate(item)
        }
    }

    /// Throws `ConditionalCheckFailedException` unless `item` satisfies the condition.
    func check(_ item: Item?) throws {
        guard evaluate(item) else {
            throw PailError(.conditionalCheckFailed, "The conditional request failed")
        }
    }

    private static func precedes(_ lhs: AttributeValue, _ rhs: AttributeValue) -> Bool {
        switch (lhs, rhs) {
        case (.n(let a), .n(let b)): a < b
        case (.s(let a), .s(let b)): a.utf8.lexicographicallyPrecedes(b.utf8)
        default: false
        }
    }
}
