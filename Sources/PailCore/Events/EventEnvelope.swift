import Foundation

/// An event as EventBridge shapes it: `version, id, detail-type, source, account, time, region, resources, detail`.
///
/// ```swift
/// let event = EventEnvelope(detailType: "Object Created", source: "pail.store", time: Date(),
///                           resources: ["arn:aws:s3:::pail"], detail: ["object": ["key": "alice/a.txt"]])
/// ```
public struct EventEnvelope: Sendable, Equatable {
    public static let account = "000000000000"

    public var id: String
    public var detailType: String
    public var source: String
    public var time: Date
    public var region: String
    public var resources: [String]
    public var detail: JSONValue

    public init(
        id: String = RandomIdentifier.make(), detailType: String, source: String, time: Date,
        region: String = "us-east-1", resources: [String] = [], detail: JSONValue
    ) {
        self.id = id
        self.detailType = detailType
        self.source = source
        self.time = time
        self.region = region
        self.resources = resources
        self.detail = detail
    }

    /// The envelope as JSON, exactly the fields EventBridge delivers.
    public var json: JSONValue {
        [
            "version": "0",
            "id": .string(id),
            "detail-type": .string(detailType),
            "source": .string(source),
            "account": .string(Self.account),
            "time": .string(Timestamps.iso8601(time)),
            "region": .string(region),
            "resources": .array(resources.map(JSONValue.string)),
            "detail": detail,
        ]
    }

    /// Reads an envelope back from its JSON.
    public init(json: JSONValue) throws {
        guard let id = json["id"]?.stringValue, let detailType = json["detail-type"]?.stringValue,
            let source = json["source"]?.stringValue, let timeText = json["time"]?.stringValue,
            let time = Timestamps.parse(timeText), let detail = json["detail"]
        else {
            throw PailError(.invalidArgument, "Not an event envelope: \(json.jsonString())")
        }
        var resources: [String] = []
        if case .array(let values)? = json["resources"] { resources = values.compactMap(\.stringValue) }
        self.init(
            id: id, detailType: detailType, source: source, time: time,
            region: json["region"]?.stringValue ?? "us-east-1", resources: resources, detail: detail)
    }

    /// The object or file key the event is about, for people reading the queue.
    public var subjectKey: String? {
        detail["object"]?["key"]?.stringValue ?? detail["key"]?.stringValue ?? detail["source"]?.stringValue
    }
}
