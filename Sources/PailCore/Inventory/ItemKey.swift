/// The primary key of an inventory item: partition key `PK` (the user) and sort key `SK`
/// (the full path, or `Quota`). A stored item's `PK` and `SK` attributes equal its key.
///
/// Keys are equal only when their UTF-8 bytes are, as SQLite and DynamoDB compare them.
public struct ItemKey: Sendable, Hashable, Codable {
    public var pk: String
    public var sk: String

    public init(pk: String, sk: String) {
        self.pk = pk
        self.sk = sk
    }

    public static func == (lhs: ItemKey, rhs: ItemKey) -> Bool {
        lhs.pk.utf8.elementsEqual(rhs.pk.utf8) && lhs.sk.utf8.elementsEqual(rhs.sk.utf8)
    }
}
