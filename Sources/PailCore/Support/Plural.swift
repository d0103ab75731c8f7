/// How every front end writes a count with its noun, so that 0, 1 and many all read right: `0 files`, `1 file`,
/// `3 entries`.
public enum Plural {
    /// `1 file`, `3 files`; `plural` is for the nouns that do not just take an `s` (`entry`, `entries`).
    public static func count<Count: BinaryInteger>(_ count: Count, _ noun: String, _ plural: String? = nil) -> String {
        "\(count) \(Self.noun(count, noun, plural))"
    }

    /// The noun alone, singular for 1 and plural otherwise, for counts written some other way (`1.2k items`).
    public static func noun<Count: BinaryInteger>(_ count: Count, _ noun: String, _ plural: String? = nil) -> String {
        count == 1 ? noun : plural ?? noun + "s"
    }
}
