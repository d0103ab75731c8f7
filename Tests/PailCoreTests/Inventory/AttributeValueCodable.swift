import PailCore

/// DynamoDB JSON through `Codable`: a reference spelling, written independently of `ItemJSON`'s
/// hand-written codec (which the inventory uses), so tests can check one against the other.
extension AttributeValue: Codable {
    private enum CodingKeys: String, CodingKey {
        case s = "S", n = "N", bool = "BOOL", null = "NULL", l = "L", m = "M"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw DecodingError.dataCorrupted(
                .init(
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
