/// An error a user or script can act on: an S3/DynamoDB-style code and a sentence.
///
/// ```swift
/// throw PailError(.noSuchKey, "No such file: docs/a.txt")
/// ```
public struct PailError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The stable error code printed as `error: <Code>: <message>`.
    public let code: Code
    /// One printable line: control characters in what went into it (a name with a newline or an
    /// escape sequence) are shown as `\u{…}`, so an error never breaks a script's line or a terminal.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = Self.escapingControlCharacters(message)
    }

    /// The text with control characters (C0, DEL and C1) shown as `\u{…}` escapes.
    static func escapingControlCharacters(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        return text.unicodeScalars.map { isControl($0) ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// Error codes, named as S3 and DynamoDB name them where they have one.
    public enum Code: String, Sendable, CaseIterable {
        case noSuchKey = "NoSuchKey"
        case noSuchVersion = "NoSuchVersion"
        case conflict = "Conflict"
        case noSuchUser = "NoSuchUser"
        case accessDenied = "AccessDenied"
        case signatureDoesNotMatch = "SignatureDoesNotMatch"
        case authorizationQueryParametersError = "AuthorizationQueryParametersError"
        case invalidAccessKeyId = "InvalidAccessKeyId"
        case quotaExceeded = "QuotaExceeded"
        case invalidArgument = "InvalidArgument"
        case invalidRequest = "InvalidRequest"
        case conditionalCheckFailed = "ConditionalCheckFailedException"
        case validationException = "ValidationException"
        case entityTooLarge = "EntityTooLarge"
        case incompleteBody = "IncompleteBody"
        case userAlreadyExists = "UserAlreadyExists"
        /// A user who still stores something cannot be removed (as S3 says `BucketNotEmpty`).
        case userNotEmpty = "UserNotEmpty"
        case localFileError = "LocalFileError"
        case storageError = "StorageError"
        case insufficientStorage = "InsufficientStorage"
        case timeout = "Timeout"
        /// The user stopped a transfer part-way; what it was sending or writing was thrown away.
        case cancelled = "Cancelled"
        /// Another process holds the root's write lock and is stopped, or held it past the busy timeout.
        case rootBusy = "RootBusy"
        /// Events that kept failing sit in the dead-letter list (as SQS calls it), never applied.
        case deadLettered = "DeadLettered"
        case notATerminal = "NotATerminal"
        case inconsistent = "Inconsistent"
        /// The root's database is lost or unreadable while its blobs are there (`pail check --rebuild`).
        case corruptRoot = "CorruptRoot"
        case internalError = "InternalError"

        // What the HTTP endpoint (`pail serve`) answers besides the codes above, as S3 names them.
        case noSuchBucket = "NoSuchBucket"
        case bucketAlreadyOwnedByYou = "BucketAlreadyOwnedByYou"
        case noSuchUpload = "NoSuchUpload"
        case invalidPart = "InvalidPart"
        case invalidPartOrder = "InvalidPartOrder"
        case entityTooSmall = "EntityTooSmall"
        case invalidRange = "InvalidRange"
        case preconditionFailed = "PreconditionFailed"
        case malformedXML = "MalformedXML"
        case missingContentLength = "MissingContentLength"
        case badDigest = "BadDigest"
        case invalidDigest = "InvalidDigest"
        case xAmzContentSHA256Mismatch = "XAmzContentSHA256Mismatch"
        case authorizationHeaderMalformed = "AuthorizationHeaderMalformed"
        case requestTimeTooSkewed = "RequestTimeTooSkewed"
        case invalidURI = "InvalidURI"
        case methodNotAllowed = "MethodNotAllowed"
        case notImplemented = "NotImplemented"
        case requestTimeout = "RequestTimeout"
        case requestHeaderSectionTooLarge = "RequestHeaderSectionTooLarge"
        /// User metadata (`x-amz-meta-*`) over 2 KB.
        case metadataTooLarge = "MetadataTooLarge"
        // Codes of the endpoint's request authentication (signatures, payloads, checksums) go here.
        /// A chunk of an aws-chunked body other than the last holding data is under 8 KiB.
        case invalidChunkSizeError = "InvalidChunkSizeError"
        /// The trailers after an aws-chunked body are not the ones `x-amz-trailer` declared, or not name:value.
        case malformedTrailerError = "MalformedTrailerError"
    }
}
