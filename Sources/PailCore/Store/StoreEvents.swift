import Foundation

/// The events the store emits on the default bus, shaped as S3 emits them to EventBridge.
enum StoreEvents {
    static let source = "pail.store"
    static let objectCreated = "Object Created"
    static let objectDeleted = "Object Deleted"

    static func created(_ object: ObjectMetadata, bucket: String, region: String, reason: String) -> EventEnvelope {
        envelope(
            detailType: objectCreated, bucket: bucket, region: region, time: object.modified, reason: reason,
            object: [
                "key": .string(object.key), "size": .number(Double(object.size)), "etag": .string(object.etag),
                "version-id": .string(object.versionId), "sequencer": .string(object.sequencer),
            ])
    }

    /// A delete; with `deleteMarker` (the marker's version id) the object was kept as an old version, as
    /// S3 reports a delete in a versioned bucket.
    static func deleted(key: String, sequencer: String, time: Date, deleteMarker: String?, bucket: String, region: String) -> EventEnvelope
    {
        var object: [String: JSONValue] = ["key": .string(key), "sequencer": .string(sequencer)]
        if let deleteMarker { object["version-id"] = .string(deleteMarker) }
        var event = envelope(
            detailType: objectDeleted, bucket: bucket, region: region, time: time, reason: "DeleteObject", object: .object(object))
        if case .object(var detail) = event.detail {
            detail["deletion-type"] = .string(deleteMarker == nil ? "Permanently Deleted" : "Delete Marker Created")
            event.detail = .object(detail)
        }
        return event
    }

    private static func envelope(
        detailType: String, bucket: String, region: String, time: Date, reason: String, object: JSONValue
    ) -> EventEnvelope {
        EventEnvelope(
            detailType: detailType, source: source, time: time, region: region,
            resources: ["arn:aws:s3:::\(bucket)"],
            detail: [
                "version": "0",
                "bucket": ["name": .string(bucket)],
                "object": object,
                "request-id": .string(RandomIdentifier.make()),
                "requester": .string(EventEnvelope.account),
                "source-ip-address": "127.0.0.1",
                "reason": .string(reason),
            ])
    }
}
