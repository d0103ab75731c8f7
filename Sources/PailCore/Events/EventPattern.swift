/// An EventBridge event pattern: which events a rule matches.
///
/// Fields AND together; an array ORs its values; values are exact matches or content filters
/// (`{"prefix": …}`, `{"suffix": …}`, `{"exists": true|false}`, `{"anything-but": …}`).
///
/// ```swift
/// let pattern = try EventPattern(json: ["source": ["pail.store"], "detail": ["object": ["key": [["prefix": "alice/"]]]]])
/// pattern.matches(event.json)
/// ```
public struct EventPattern: Sendable, Equatable {
    public let json: JSONValue

    /// Validates the pattern's shape: an object whose leaves are arrays of values or filters.
    public init(json: JSONValue) throws {
        guard case .object = json else { throw Self.invalid("a pattern must be a JSON object") }
        try Self.validate(json)
        self.json = json
    }

    /// Whether the event (as its envelope JSON) matches.
    public func matches(_ event: JSONValue) -> Bool { Self.match(pattern: json, event: event) }

    private static func match(pattern: JSONValue, event: JSONValue?) -> Bool {
        switch pattern {
        case .object(let fields):
            return fields.allSatisfy { name, sub in
                if case .object = sub { return match(pattern: sub, event: event?[name]) }
                return matchLeaf(sub, value: event?[name])
            }
        default:
            return matchLeaf(pattern, value: event)
        }
    }

    /// A leaf is an array of alternatives; the value matches if any alternative matches it
    /// (or, for an array value, any of its elements).
    private static func matchLeaf(_ leaf: JSONValue, value: JSONValue?) -> Bool {
        guard case .array(let alternatives) = leaf else { return false }
        let candidates: [JSONValue?]
        if case .array(let elements)? = value { candidates = elements } else { candidates = [value] }
        return alternatives.contains { alternative in
            if case .object(let filter) = alternative { return matchFilter(filter, value: value, candidates: candidates) }
            return candidates.contains { $0 == alternative }
        }
    }

    private static func matchFilter(_ filter: [String: JSONValue], value: JSONValue?, candidates: [JSONValue?]) -> Bool {
        guard let (name, argument) = filter.first else { return false }
        switch name {
        case "exists":
            return (value != nil) == (argument == .bool(true))
        case "prefix":
            guard let prefix = argument.stringValue else { return false }
            return candidates.contains { $0?.stringValue?.hasKeyPrefix(prefix) == true }
        case "suffix":
            guard let suffix = argument.stringValue else { return false }
            return candidates.contains { $0?.stringValue?.hasKeySuffix(suffix) == true }
        case "anything-but":
            guard value != nil else { return false }
            if case .array(let excluded) = argument { return candidates.allSatisfy { !excluded.contains($0 ?? .null) } }
            if case .object(let inner) = argument, let prefix = inner["prefix"]?.stringValue {
                return candidates.allSatisfy { $0?.stringValue?.hasKeyPrefix(prefix) != true }
            }
            return candidates.allSatisfy { $0 != argument }
        default:
            return false
        }
    }

    private static let filters: Set<String> = ["exists", "prefix", "suffix", "anything-but"]

    private static func validate(_ pattern: JSONValue) throws {
        switch pattern {
        case .object(let fields):
            for (name, sub) in fields {
                switch sub {
                case .object: try validate(sub)
                case .array(let alternatives):
                    for case .object(let filter) in alternatives {
                        guard filter.count == 1, let name = filter.keys.first, filters.contains(name) else {
                            throw invalid("unknown content filter \(JSONValue.object(filter).jsonString())")
                        }
                    }
                default:
                    throw invalid("the value of '\(name)' must be an array or an object")
                }
            }
        default:
            throw invalid("a pattern must be a JSON object")
        }
    }

    private static func invalid(_ why: String) -> PailError {
        PailError(.invalidArgument, "Invalid event pattern: \(why)")
    }
}
