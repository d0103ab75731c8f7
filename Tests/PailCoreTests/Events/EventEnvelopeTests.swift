import Foundation
import Testing

@testable import PailCore

@Suite("Event envelope")
struct EventEnvelopeTests {
    @Test func hasExactlyTheEventBridgeFields() throws {
        let vault = try TestVault()
        let object = try vault.upload("a.txt", Data("hello".utf8))
        let json = try #require(try vault.pending().first).event.json
        guard case .object(let fields) = json else { Issue.record("not an object"); return }
        #expect(Set(fields.keys) == ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"])
        #expect(json["source"] == "pail.store")
        #expect(json["detail"]?["bucket"]?["name"] == "pail")
        #expect(json["detail"]?["object"]?["key"] == .string(object.key))
        #expect(json["detail"]?["object"]?["size"] == 5)
        #expect(json["detail"]?["object"]?["sequencer"] == .string(object.sequencer))
        #expect(json["resources"] == ["arn:aws:s3:::pail"])
        #expect(json["time"]?.stringValue?.hasSuffix("Z") == true)
        #expect(try EventEnvelope(json: json) == (try #require(try vault.pending().first)).event)
    }
}
