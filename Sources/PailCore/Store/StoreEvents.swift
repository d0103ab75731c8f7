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
                "sequencer": .string(object.sequencer),
            ])
    }

    static func deleted(key: String, sequencer: String, time: Date, bucket: String, region: String) -> EventEnvelope {
        var event = envelope(
            detailType: objectDeleted, bucket: bucket, region: region, time: time, reason: "DeleteObject",
            object: ["key": .string(key), "sequencer": .string(sequencer)])
        if case .object(var detail) = event.detail {
            detail["deletion-type"] = "Permanently Deleted"
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
