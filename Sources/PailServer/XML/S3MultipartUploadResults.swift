/// `InitiateMultipartUploadResult`, the answer to CreateMultipartUpload (`POST /bucket/key?uploads`).
///
/// ```swift
/// S3InitiateMultipartUploadResult(bucket: "pail", key: "ann/big.bin", uploadId: "0f3a…").xmlBytes
/// ```
package struct S3InitiateMultipartUploadResult: S3XMLDocument, Equatable {
    package var rootElement: String { "InitiateMultipartUploadResult" }
    package var bucket: String
    package var key: String
    package var uploadId: String

    package init(bucket: String, key: String, uploadId: String) {
        self.bucket = bucket
        self.key = key
        self.uploadId = uploadId
    }

    package func writeContent(to writer: inout S3XMLWriter) {
        writer.element("Bucket", text: bucket)
        writer.element("Key", text: key)
        writer.element("UploadId", text: uploadId)
    }
}

/// `CompleteMultipartUploadResult`, the answer to CompleteMultipartUpload (`POST /bucket/key?uploadId=…`).
///
/// `location` is the object's URL on the endpoint; `etag` is the multipart ETag (`<md5 of the parts' md5s>-<parts>`),
/// without quotes (written in quotes).
///
/// ```swift
/// S3CompleteMultipartUploadResult(location: "http://127.0.0.1:9480/pail/ann/big.bin", bucket: "pail",
///                                 key: "ann/big.bin", etag: "3858f62230ac3c915f300c664312c11f-9")
/// ```
package struct S3CompleteMultipartUploadResult: S3XMLDocument, Equatable {
    package var rootElement: String { "CompleteMultipartUploadResult" }
    package var location: String
    package var bucket: String
    package var key: String
    package var etag: String

    package init(location: String, bucket: String, key: String, etag: String) {
        self.location = location
        self.bucket = bucket
        self.key = key
        self.etag = etag
    }

    package func writeContent(to writer: inout S3XMLWriter) {
        writer.element("Location", text: location)
        writer.element("Bucket", text: bucket)
        writer.element("Key", text: key)
        writer.element("ETag", etag: etag)
    }
}
