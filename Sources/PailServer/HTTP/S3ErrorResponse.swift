import HTTPTypes
import Hummingbird
import PailCore

/// An error as S3 answers it: its status and an XML body naming the code, the message, the resource and
/// the request id (HEAD answers carry no body).
package enum S3ErrorResponse {
    package static func make(_ error: PailError, method: String, resource: String, requestId: String) -> Response {
        var headers = HTTPFields()
        headers[S3Headers.requestId] = requestId
        let status = S3ErrorStatus.of(error.code)
        guard method != "HEAD" else { return Response(status: status, headers: headers) }
        headers[.contentType] = "application/xml"
        let document = S3ErrorDocument(error, resource: resource, requestId: requestId)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: document.xmlBytes)))
    }
}
