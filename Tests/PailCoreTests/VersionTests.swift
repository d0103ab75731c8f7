import Testing
@testable import PailCore
@Test func version() { #expect(!PailVersion.string.isEmpty) }
