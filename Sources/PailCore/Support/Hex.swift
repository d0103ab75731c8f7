/// Lowercase hexadecimal text of bytes: signatures, ETags and blob shard names.
package enum Hex {
    package static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }, as: UTF8.self)
    }

    private static let digits = Array("0123456789abcdef".utf8)
}
