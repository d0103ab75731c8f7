/// What `x-amz-content-sha256` says of a request's body: its SHA-256 (checked once it is all read), or
/// that it is not signed.
package enum PayloadSigning: Sendable, Equatable {
    /// `UNSIGNED-PAYLOAD`, and every presigned URL.
    case unsigned
    /// The hex SHA-256 the client signed; the body must hash to it (`XAmzContentSHA256Mismatch`).
    case sha256(String)
}
