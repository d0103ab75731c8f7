#!/usr/bin/env python3
"""The time a listing gives each object is the one HEAD gives (the store's write time, as S3 has it), even
for objects stored with a file's time in x-amz-meta-mtime. Prints {key: mtime metadata or ""}.

usage: listing_times.py    (credentials in $PAIL_CREDENTIALS, the user's partition is alice/)"""
import json
import pail_s3

credentials = pail_s3.credentials()
s3 = pail_s3.client(credentials)
bucket = credentials["bucket"]
summary = {}
for listed in s3.list_objects_v2(Bucket=bucket, Prefix="alice/")["Contents"]:
    head = s3.head_object(Bucket=bucket, Key=listed["Key"])
    assert listed["LastModified"] == head["LastModified"], f"{listed['Key']}: listed {listed['LastModified']}, HEAD {head['LastModified']}"
    summary[listed["Key"]] = head["Metadata"].get("mtime", "")
print(json.dumps(summary, sort_keys=True))
