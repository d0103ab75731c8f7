#!/usr/bin/env python3
"""A removed user's key against a running `pail serve`, as a boto3 program meets it. Prints a JSON summary.

usage: removed_key.py STEP
  before   carol's key ($PAIL_CREDENTIALS) writes and reads carol/a.txt and signs a presigned URL for it (printed
           as "url")
  removed  after `pail users remove --delete-files carol` (and after she is added again, with a new key): her old key is
           InvalidAccessKeyId for list, put and head, and the URL it signed before ($PAIL_URL) is refused"""
import json, os, sys
from pail_s3 import client, credentials, fetch, fetch_refused, refused

me = credentials()
s3, bucket = client(me), me["bucket"]
step = sys.argv[1]
if step == "before":
    s3.put_object(Bucket=bucket, Key="carol/a.txt", Body=b"carol's bytes")
    assert s3.get_object(Bucket=bucket, Key="carol/a.txt")["Body"].read() == b"carol's bytes"
    url = client(me, signature_version="s3v4").generate_presigned_url(
        "get_object", Params={"Bucket": bucket, "Key": "carol/a.txt"}, ExpiresIn=300)
    status, body = fetch(url)
    assert (status, body) == (200, b"carol's bytes"), f"her presigned URL works before: {status} {body!r}"
    result = {"get": "works", "url": url}
elif step == "removed":
    result = {
        "list": refused("list", lambda: s3.list_objects_v2(Bucket=bucket, Prefix="carol/"), "InvalidAccessKeyId"),
        "put": refused("put", lambda: s3.put_object(Bucket=bucket, Key="carol/after.txt", Body=b"x"), "InvalidAccessKeyId"),
        "head": refused("head", lambda: s3.head_object(Bucket=bucket, Key="carol/after.txt"), "InvalidAccessKeyId"),
    }
    fetch_refused("her presigned URL", os.environ["PAIL_URL"], "InvalidAccessKeyId")
    result["presigned"] = "InvalidAccessKeyId"
else:
    sys.exit(f"unknown step {step!r}")
print(json.dumps(result, sort_keys=True))
