import Testing

@testable import PailCore

@Suite("Event patterns")
struct EventPatternTests {
    let created: JSONValue = [
        "source": "pail.store", "detail-type": "Object Created",
        "detail": ["object": ["key": "alice/docs/a.txt", "size": 12], "reason": "PutObject", "tags": ["x", "y"]],
    ]

    func matches(_ pattern: JSONValue) throws -> Bool { try EventPattern(json: pattern).matches(created) }

    @Test func exactValuesAndOrWithinArrays() throws {
        #expect(try matches(["source": ["pail.store"]]))
        #expect(try matches(["detail-type": ["Object Deleted", "Object Created"]]))
        #expect(try !matches(["detail-type": ["Object Deleted"]]))
        #expect(try matches(["detail": ["object": ["size": [12]]]]))
        #expect(try !matches(["detail": ["object": ["size": ["12"]]]]))
    }

    @Test func andAcrossFields() throws {
        #expect(try matches(["source": ["pail.store"], "detail-type": ["Object Created"]]))
        #expect(try !matches(["source": ["pail.store"], "detail-type": ["Object Deleted"]]))
        #expect(try !matches(["source": ["pail.store"], "detail": ["missing": ["x"]]]))
    }

    @Test func contentFilters() throws {
        #expect(try matches(["detail": ["object": ["key": [["prefix": "alice/"]]]]]))
        #expect(try !matches(["detail": ["object": ["key": [["prefix": "bob/"]]]]]))
        #expect(try matches(["detail": ["object": ["key": [["suffix": ".txt"]]]]]))
        #expect(try matches(["detail": ["reason": [["exists": true]]]]))
        #expect(try matches(["detail": ["deletion-type": [["exists": false]]]]))
        #expect(try !matches(["detail": ["reason": [["exists": false]]]]))
        #expect(try matches(["detail": ["reason": [["anything-but": ["CopyObject"]]]]]))
        #expect(try !matches(["detail": ["reason": [["anything-but": "PutObject"]]]]))
        #expect(try matches(["detail": ["reason": [["anything-but": ["prefix": "Copy"]]]]]))
    }

    @Test func arrayValuesMatchAnyElement() throws {
        #expect(try matches(["detail": ["tags": ["y"]]]))
        #expect(try !matches(["detail": ["tags": ["z"]]]))
    }

    @Test func invalidPatternsAreRefused() {
        for bad: JSONValue in [["source": "pail.store"], ["source": [["wildcard": "x"]]], "text", ["a": 1]] {
            #expect(throws: PailError.self) { try EventPattern(json: bad) }
        }
    }
}
