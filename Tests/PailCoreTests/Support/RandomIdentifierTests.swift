import Foundation
import Testing

@testable import PailCore

@Suite("Random identifiers")
struct RandomIdentifierTests {
    @Test("lowercase version-4 UUIDs, each new")
    func identifiersAreLowercaseVersion4UUIDs() throws {
        let made = (0..<1_000).map { _ in RandomIdentifier.make() }
        #expect(Set(made).count == made.count)
        for identifier in made {
            let uuid = try #require(UUID(uuidString: identifier), "\(identifier)")
            #expect(uuid.uuidString.lowercased() == identifier)
            #expect(uuid.uuid.6 >> 4 == 4, "version 4: \(identifier)")
            #expect(uuid.uuid.8 >> 6 == 2, "RFC 4122 variant: \(identifier)")
        }
    }
}
