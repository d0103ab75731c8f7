#!/usr/bin/env python3
"""The headers an object is stored with, through `pail serve`, as a boto3 program sets and reads them:
Content-Type, Content-Disposition, Cache-Control, Content-Language and user metadata (x-amz-meta-*) come
back on HEAD and GET, of a plain upload and of a multipart one; a copy keeps them (COPY) or takes new
ones (REPLACE); a copy of an old version brings back its bytes and headers; metadata over 2 KB is MetadataTooLarge and stores nothing. Prints a JSON summary; every answer is checked here.

usage: headers_flow.py    (credentials in $PAIL_CREDENTIALS, the user's partition is alice/)"""
import json
import pail_s3
from botocore.exceptions import ClientError

credentials = pail_s3.credentials()
s3 = pail_s3.client(credentials)
bucket = credentials["bucket"]
stored = dict(ContentType="text/markdown; charset=utf-8", ContentDisposition='attachment; filename="notes.md"',
              CacheControl="max-age=60", ContentLanguage="fr", Metadata={"mtime": "1700000000.25", "origin": "laptop"})


def expect_stored(key, wanted, metadata):
    for answer in (s3.head_object(Bucket=bucket, Key=key), s3.get_object(Bucket=bucket, Key=key)):
        for name, value in wanted.items():
            assert answer.get(name) == value, f"{key}: {name} is {answer.get(name)!r}, not {value!r}"
        assert answer["Metadata"] == metadata, f"{key}: metadata {answer['Metadata']}"
        assert "ContentEncoding" not in answer, f"{key}: stored with Content-Encoding {answer.get('ContentEncoding')}"


summary = {}
plain = {name: value for name, value in stored.items() if name != "Metadata"}
first = s3.put_object(Bucket=bucket, Key="alice/notes.md", Body=b"# notes\n", **stored)["VersionId"]
expect_stored("alice/notes.md", plain, stored["Metadata"])
summary["put"] = "kept"

upload = s3.create_multipart_upload(Bucket=bucket, Key="alice/big.bin", ContentType="application/x-big",
                                    Metadata={"md5chksum": "abc"})
part = s3.upload_part(Bucket=bucket, Key="alice/big.bin", UploadId=upload["UploadId"], PartNumber=1, Body=b"x" * 1000)
s3.complete_multipart_upload(Bucket=bucket, Key="alice/big.bin", UploadId=upload["UploadId"],
                             MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
expect_stored("alice/big.bin", {"ContentType": "application/x-big"}, {"md5chksum": "abc"})
summary["multipart"] = "kept"

s3.copy_object(Bucket=bucket, Key="alice/copy.md", CopySource=f"{bucket}/alice/notes.md")
expect_stored("alice/copy.md", plain, stored["Metadata"])
summary["copy"] = "kept"

s3.copy_object(Bucket=bucket, Key="alice/notes.md", CopySource=f"{bucket}/alice/notes.md", MetadataDirective="REPLACE",
               ContentType="text/plain", Metadata={"mtime": "1800000000"})
expect_stored("alice/notes.md", {"ContentType": "text/plain"}, {"mtime": "1800000000"})
assert "CacheControl" not in s3.head_object(Bucket=bucket, Key="alice/notes.md"), "REPLACE drops the old headers"
summary["replace"] = "replaced"

# The replaced version keeps its headers: a copy of it (CopySource with VersionId) brings them back.
restored = s3.copy_object(Bucket=bucket, Key="alice/old.md", CopySource={"Bucket": bucket, "Key": "alice/notes.md", "VersionId": first})
assert restored["CopySourceVersionId"] == first, restored
expect_stored("alice/old.md", plain, stored["Metadata"])
assert s3.get_object(Bucket=bucket, Key="alice/old.md")["Body"].read() == b"# notes\n"
summary["copy_version"] = "kept"

try:
    s3.put_object(Bucket=bucket, Key="alice/too-much.txt", Body=b"x", Metadata={"big": "v" * 2100})
    raise AssertionError("2 KB of metadata was accepted")
except ClientError as error:
    assert error.response["Error"]["Code"] == "MetadataTooLarge", error
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400, error
summary["too_large"] = "MetadataTooLarge"
try:
    s3.head_object(Bucket=bucket, Key="alice/too-much.txt")
    raise AssertionError("a refused upload was stored")
except ClientError as error:
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 404, error

print(json.dumps(summary, sort_keys=True))
