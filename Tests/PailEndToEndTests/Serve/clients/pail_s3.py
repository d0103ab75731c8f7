"""The boto3 client the client scripts use: `pail serve`'s endpoint, path style, one attempt per call
(a refusal is an answer to check, not something to retry)."""
import http.client, json, os, urllib.parse
import boto3
from botocore.config import Config
from botocore.exceptions import ClientError


def credentials(variable="PAIL_CREDENTIALS"):
    """The JSON of `pail credentials`, from the environment variable the test set."""
    return json.loads(os.environ[variable])


def client(credentials, **config):
    """A boto3 S3 client signing with `credentials`; `config` adds botocore Config options."""
    options = {"s3": {"addressing_style": "path"}, "retries": {"max_attempts": 1}, **config}
    return boto3.client("s3", endpoint_url=credentials["endpoint"], region_name=credentials["region"],
                        aws_access_key_id=credentials["access_key_id"],
                        aws_secret_access_key=credentials["secret_access_key"], config=Config(**options))


def refused(what, call, code):
    """Runs call(); it must fail with S3 error `code`. Returns the code."""
    try:
        answer = call()
    except ClientError as error:
        got = error.response["Error"]["Code"]
        status = error.response["ResponseMetadata"]["HTTPStatusCode"]
        # HEAD answers carry no body: botocore names the error by its status.
        expected_status = {"AccessDenied": 403, "InvalidAccessKeyId": 403}.get(code)
        assert got == code or (got == str(expected_status) and status == expected_status), \
            f"{what}: expected {code}, got {got} ({status}): {error}"
        return got
    raise AssertionError(f"{what}: expected {code}, but it succeeded: {answer}")


def fetch(url, data=None, method="GET"):
    """Opens a presigned URL as curl would: no Content-Type (a SigV2 signature covers it, and urllib would
    add one of its own to a body). Returns (status, body)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request(method, parts.path + ("?" + parts.query if parts.query else ""), body=data)
        answer = connection.getresponse()
        return answer.status, answer.read()
    finally:
        connection.close()


def fetch_refused(what, url, code, data=None, method="GET"):
    status, body = fetch(url, data, method)
    assert status == 403 and f"<Code>{code}</Code>".encode() in body, f"{what}: expected 403 {code}, got {status}: {body!r}"
