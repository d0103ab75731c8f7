import HTTPTypes
import PailCore

/// The HTTP status S3 answers each error code with.
///
/// ```swift
/// S3ErrorStatus.of(.noSuchKey)   // .notFound
/// ```
package enum S3ErrorStatus {
    package static func of(_ code: PailError.Code) -> HTTPResponse.Status {
        switch code {
        case .noSuchKey, .noSuchVersion, .noSuchUser, .noSuchBucket, .noSuchUpload: .notFound
        case .accessDenied, .signatureDoesNotMatch, .invalidAccessKeyId, .quotaExceeded, .requestTimeTooSkewed: .forbidden
        case .conflict, .bucketAlreadyOwnedByYou, .conditionalCheckFailed, .userNotEmpty: .conflict
        case .preconditionFailed: .preconditionFailed
        case .invalidRange: .rangeNotSatisfiable
        case .methodNotAllowed: .methodNotAllowed
        case .notImplemented: .notImplemented
        case .missingContentLength: .lengthRequired
        case .requestTimeout: .requestTimeout
        case .requestHeaderSectionTooLarge: .badRequest
        case .insufficientStorage: HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")
        case .rootBusy, .timeout: .serviceUnavailable
        case .internalError, .storageError, .corruptRoot, .inconsistent, .deadLettered, .localFileError, .notATerminal, .cancelled:
            .internalServerError
        case .entityTooLarge, .entityTooSmall, .incompleteBody, .invalidArgument, .invalidRequest, .validationException,
            .authorizationQueryParametersError, .authorizationHeaderMalformed, .userAlreadyExists, .invalidPart, .invalidPartOrder,
            .malformedXML, .badDigest, .invalidDigest, .xAmzContentSHA256Mismatch, .invalidURI, .invalidChunkSizeError,
            .malformedTrailerError, .metadataTooLarge:
            .badRequest
        }
    }
}
