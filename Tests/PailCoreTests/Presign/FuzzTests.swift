import Foundation
import Testing

@testable import PailCore

/// A seeded random fuzzer, bounded for CI: mutated presigned URLs against the verifier, random texts
/// against the path validator. `PAIL_FUZZ_ITERATIONS` (default 20,000 each) and `PAIL_FUZZ_SEED` change the run.
@Suite("Fuzz: URL verifier and path validator")
struct FuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let iterations = Int(environment["PAIL_FUZZ_ITERATIONS"] ?? "") ?? 20_000
    static let seed = UInt64(environment["PAIL_FUZZ_SEED"] ?? "") ?? 20_261_123
    /// Characters mutations draw from: URL syntax, escapes, control characters, look-alikes, letters.
    static let alphabet = Array("aZ09-_.~%/?&=+;: #\u{0}\u{7}\u{7F}\u{85}é\u{301}／․ＡFf")
    /// What a refused URL may answer, as the contract lists.
    static let refusals: Set<PailError.Code> = [
        .signatureDoesNotMatch, .authorizationQueryParametersError, .accessDenied, .invalidAccessKeyId, .invalidArgument,
        .invalidRequest,
    ]

    @Test func aMutatedURLIsRefusedWithAContractCodeOrIsTheSameRequest() throws {
        let original = try PresignFixture.putURL()
        let genuine = try PresignFixture.presigner.verify(method: .put, url: original, now: PresignFixture.t0)
        var random = SplitMix64(seed: Self.seed)
        var answers: [String: Int] = [:]
        for _ in 0..<Self.iterations {
            var url = original
            for _ in 0..<Int.random(in: 1...3, using: &random) { url = Self.mutate(url, using: &random) }
            let method: HTTPMethod = random.nextUnit() < 0.1 ? [.get, .head, .delete].randomElement(using: &random)! : .put
            do {
                let request = try PresignFixture.presigner.verify(method: method, url: url, now: PresignFixture.t0)
                // Accepted only as the very request that was signed (say, its parameters in another order).
                #expect(
                    request.method == genuine.method && request.key == genuine.key && request.query == genuine.query,
                    "seed \(Self.seed): accepted a changed request \(method) \(url)")
                answers["accepted", default: 0] += 1
            } catch let error as PailError {
                #expect(Self.refusals.contains(error.code), "seed \(Self.seed): \(error) for \(method) \(url)")
                answers[error.code.rawValue, default: 0] += 1
            }
        }
        print("fuzz seed \(Self.seed): \(Self.iterations) mutated URLs: \(answers.sorted { $0.key < $1.key })")
        #expect(answers["SignatureDoesNotMatch", default: 0] > 0 && answers["AuthorizationQueryParametersError", default: 0] > 0)
    }

    @Test func aRandomPathIsRefusedOrSafe() throws {
        var random = SplitMix64(seed: Self.seed)
        let pieces = [
            "a", "é", "e\u{301}", "日本", "🎉", "/", "//", ".", "..", "./", "../", "\u{0}", "\u{1B}", "\u{9F}", " ", "／", "\u{FFFD}",
        ]
        var accepted = 0
        for _ in 0..<Self.iterations {
            var text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            if random.nextUnit() < 0.05 { text += String(repeating: "n", count: Int.random(in: 900...1100, using: &random)) }
            if random.nextUnit() < 0.1 {
                text = String(decoding: (0..<8).map { _ in UInt8.random(in: 0...255, using: &random) }, as: UTF8.self)
            }
            do {
                let path = try RemotePath(text)
                accepted += 1
                let value = path.value
                #expect(value == value.precomposedStringWithCanonicalMapping, "not NFC: \(value.debugDescription)")
                #expect(!value.hasPrefix("/") && value.utf8.count <= RemotePath.maxKeyBytes, "\(value.debugDescription)")
                #expect(!value.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{FFFD}" })
                let named = value.split(separator: "/", omittingEmptySubsequences: false).dropLast(value.hasSuffix("/") ? 1 : 0)
                #expect(!named.contains { $0.isEmpty || $0 == "." || $0 == ".." }, "\(value.debugDescription)")
                #expect(try RemotePath(value) == path, "validating twice changes \(value.debugDescription)")
            } catch let error as PailError {
                #expect(error.code == .invalidArgument, "\(error) for \(text.debugDescription)")
            }
        }
        print("fuzz seed \(Self.seed): \(Self.iterations) random paths, \(accepted) accepted")
        #expect(accepted > 0 && accepted < Self.iterations)
    }

    /// One random change: a character replaced, removed or added, two query parameters swapped, one
    /// repeated, or one character percent-encoded.
    static func mutate(_ url: String, using random: inout SplitMix64) -> String {
        var characters = Array(url)
        guard !characters.isEmpty else { return String(alphabet.randomElement(using: &random)!) }
        let index = Int.random(in: 0..<characters.count, using: &random)
        let choice = Int.random(in: 0..<6, using: &random)
        switch choice {
        case 0: characters[index] = alphabet.randomElement(using: &random)!
        case 1: characters.remove(at: index)
        case 2: characters.insert(alphabet.randomElement(using: &random)!, at: index)
        case 3, 4:
            let parts = url.split(separator: "?", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return url }
            var pairs = parts[1].split(separator: "&").map(String.init)
            guard pairs.count > 1 else { return url }
            let (a, b) = (Int.random(in: 0..<pairs.count, using: &random), Int.random(in: 0..<pairs.count, using: &random))
            if choice == 3 { pairs.swapAt(a, b) } else { pairs.append(pairs[a]) }
            return parts[0] + "?" + pairs.joined(separator: "&")
        default:
            let character = characters[index]
            guard let ascii = character.asciiValue else { return url }
            characters.replaceSubrange(index...index, with: Array(String(format: "%%%02X", ascii)))
        }
        return String(characters)
    }
}
