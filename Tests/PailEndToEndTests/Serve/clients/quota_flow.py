#!/usr/bin/env python3
"""The quota through `pail serve`, as a boto3 program meets it: alice's limit is 10 MiB (set by the test).
A PUT, a CopyObject and an UploadPart that would take her over it are QuotaExceeded (403) and store
nothing; what fits goes through. Prints a JSON summary; every answer is checked here.

usage: quota_flow.py    (credentials in $PAIL_CREDENTIALS)"""
import json
import pail_s3
from botocore.exceptions import ClientError

credentials = pail_s3.credentials()
s3 = pail_s3.client(credentials)
bucket = credentials["bucket"]
MiB = 1 << 20


def refused(what, call):
    try:
        call()
    except ClientError as error:
        code = error.response["Error"]["Code"]
        status = error.response["ResponseMetadata"]["HTTPStatusCode"]
        assert (code, status) == ("QuotaExceeded", 403), f"{what}: {code} {status}: {error}"
        return code
    raise AssertionError(f"{what} went through over the quota")


def missing(key):
    try:
        s3.head_object(Bucket=bucket, Key=key)
    except ClientError as error:
        return error.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    return False


summary = {}
s3.put_object(Bucket=bucket, Key="alice/a.bin", Body=b"a" * (4 * MiB))
summary["put"] = refused("a 7 MiB PUT", lambda: s3.put_object(Bucket=bucket, Key="alice/b.bin", Body=b"b" * (7 * MiB)))
assert missing("alice/b.bin")
s3.copy_object(Bucket=bucket, Key="alice/c.bin", CopySource=f"{bucket}/alice/a.bin")
summary["copy"] = refused("a third 4 MiB copy", lambda: s3.copy_object(Bucket=bucket, Key="alice/d.bin", CopySource=f"{bucket}/alice/a.bin"))
assert missing("alice/d.bin")
upload = s3.create_multipart_upload(Bucket=bucket, Key="alice/e.bin")
part = s3.upload_part(Bucket=bucket, Key="alice/e.bin", UploadId=upload["UploadId"], PartNumber=1, Body=b"e" * MiB)
summary["upload_part"] = refused("a 2 MiB part over the 2 MiB left", lambda: s3.upload_part(
    Bucket=bucket, Key="alice/e.bin", UploadId=upload["UploadId"], PartNumber=2, Body=b"e" * (2 * MiB)))
parts = s3.list_parts(Bucket=bucket, Key="alice/e.bin", UploadId=upload["UploadId"])["Parts"]
assert [p["PartNumber"] for p in parts] == [1], parts
s3.complete_multipart_upload(Bucket=bucket, Key="alice/e.bin", UploadId=upload["UploadId"],
                             MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
assert s3.head_object(Bucket=bucket, Key="alice/e.bin")["ContentLength"] == MiB
print(json.dumps(summary, sort_keys=True))
