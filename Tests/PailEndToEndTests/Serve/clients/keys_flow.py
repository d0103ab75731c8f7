#!/usr/bin/env python3
"""Per-user keys against `pail serve`, as a boto3 program meets them. Each step checks every answer
here and prints a JSON summary; the test checks the vault in between.

usage: keys_flow.py STEP
  denied   alice's key ($PAIL_CREDENTIALS) works under alice/ and gets AccessDenied for everything under
           bob/: list, head, get, put, copy into and out of, delete, batch delete, multipart, presigned URLs
  rotated  after `pail users rotate-key alice`: the old key ($PAIL_OLD_CREDENTIALS) is InvalidAccessKeyId,
           its presigned URL too; the new one ($PAIL_CREDENTIALS) works
  admin    the root's key ($PAIL_CREDENTIALS) reads, writes, copies across and deletes under both users

The vault holds alice/mine.txt and bob/x.txt (b"bob's own bytes") before `denied`."""
import json, sys
from pail_s3 import client, credentials as pail_s3_credentials, fetch, fetch_refused, refused

BOB_BYTES = b"bob's own bytes"


def denied(me):
    s3, bucket = client(me), me["bucket"]
    summary = {}
    # Her own partition works (so the refusals below are about bob/, not about a broken key).
    s3.put_object(Bucket=bucket, Key="alice/own.txt", Body=b"alice's bytes")
    assert s3.get_object(Bucket=bucket, Key="alice/own.txt")["Body"].read() == b"alice's bytes"
    listed = s3.list_objects_v2(Bucket=bucket)
    keys = [o["Key"] for o in listed.get("Contents", [])]
    assert keys and all(k.startswith("alice/") for k in keys), f"an unprefixed listing shows only alice's keys: {keys}"
    summary["own_keys"] = keys

    summary["list"] = refused("list bob/", lambda: s3.list_objects_v2(Bucket=bucket, Prefix="bob/"), "AccessDenied")
    summary["list_v1"] = refused("list v1 bob/", lambda: s3.list_objects(Bucket=bucket, Prefix="bob/"), "AccessDenied")
    summary["head"] = refused("head bob/x.txt", lambda: s3.head_object(Bucket=bucket, Key="bob/x.txt"), "AccessDenied")
    summary["get"] = refused("get bob/x.txt", lambda: s3.get_object(Bucket=bucket, Key="bob/x.txt"), "AccessDenied")
    summary["get_missing"] = refused("get bob/none.txt", lambda: s3.get_object(Bucket=bucket, Key="bob/none.txt"), "AccessDenied")
    summary["put"] = refused("put bob/new.txt", lambda: s3.put_object(Bucket=bucket, Key="bob/new.txt", Body=b"intruder"), "AccessDenied")
    summary["overwrite"] = refused("put bob/x.txt", lambda: s3.put_object(Bucket=bucket, Key="bob/x.txt", Body=b"intruder"), "AccessDenied")
    summary["copy_into"] = refused("copy alice/own.txt to bob/", lambda: s3.copy_object(
        Bucket=bucket, Key="bob/copied.txt", CopySource={"Bucket": bucket, "Key": "alice/own.txt"}), "AccessDenied")
    summary["copy_out"] = refused("copy bob/x.txt to alice/", lambda: s3.copy_object(
        Bucket=bucket, Key="alice/stolen.txt", CopySource={"Bucket": bucket, "Key": "bob/x.txt"}), "AccessDenied")
    summary["delete"] = refused("delete bob/x.txt", lambda: s3.delete_object(Bucket=bucket, Key="bob/x.txt"), "AccessDenied")
    summary["multipart"] = refused("multipart into bob/", lambda: s3.create_multipart_upload(Bucket=bucket, Key="bob/big.bin"), "AccessDenied")

    # A batch delete is answered per key (as S3 does): bob's key is refused, her own is deleted.
    batch = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "bob/x.txt"}, {"Key": "alice/own.txt"}]})
    errors = {e["Key"]: e["Code"] for e in batch.get("Errors", [])}
    assert errors == {"bob/x.txt": "AccessDenied"}, f"batch delete errors: {batch}"
    assert [d["Key"] for d in batch.get("Deleted", [])] == ["alice/own.txt"], f"batch delete: {batch}"
    summary["batch_delete"] = errors["bob/x.txt"]

    # Presigned URLs: hers open her own file and nothing of bob's (SigV4, and boto3's SigV2 default).
    for name, signer in (("v4", client(me, signature_version="s3v4")), ("v2", client(me))):
        own = signer.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "alice/mine.txt"}, ExpiresIn=300)
        status, body = fetch(own)
        assert status == 200, f"{name} URL for alice/mine.txt: {status} {body!r}"
        url = signer.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "bob/x.txt"}, ExpiresIn=300)
        fetch_refused(f"{name} presigned GET bob/x.txt", url, "AccessDenied")
        put = signer.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": "bob/x.txt"}, ExpiresIn=300)
        fetch_refused(f"{name} presigned PUT bob/x.txt", put, "AccessDenied", data=b"intruder", method="PUT")
        summary[f"presigned_{name}"] = "AccessDenied"
    return summary


def rotated(old, new):
    bucket = new["bucket"]
    s3_old, s3_new = client(old), client(new)
    summary = {
        "list": refused("old key lists", lambda: s3_old.list_objects_v2(Bucket=bucket, Prefix="alice/"), "InvalidAccessKeyId"),
        "get": refused("old key reads", lambda: s3_old.get_object(Bucket=bucket, Key="alice/mine.txt"), "InvalidAccessKeyId"),
        "head": refused("old key heads", lambda: s3_old.head_object(Bucket=bucket, Key="alice/mine.txt"), "InvalidAccessKeyId"),
        "put": refused("old key writes", lambda: s3_old.put_object(Bucket=bucket, Key="alice/old-key.txt", Body=b"x"),
                       "InvalidAccessKeyId"),
    }
    url = client(old, signature_version="s3v4").generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "alice/mine.txt"}, ExpiresIn=300)
    fetch_refused("old key's presigned URL", url, "InvalidAccessKeyId")
    summary["presigned"] = "InvalidAccessKeyId"

    mine = s3_new.get_object(Bucket=bucket, Key="alice/mine.txt")["Body"].read()
    s3_new.put_object(Bucket=bucket, Key="alice/new-key.txt", Body=b"written with the new key")
    status, body = fetch(client(new, signature_version="s3v4").generate_presigned_url(
        "get_object", Params={"Bucket": bucket, "Key": "alice/mine.txt"}, ExpiresIn=300))
    assert (status, body) == (200, mine), f"new key's presigned URL: {status} {body!r}"
    refused("new key, bob's file", lambda: s3_new.get_object(Bucket=bucket, Key="bob/x.txt"), "AccessDenied")
    summary["new_key"] = "works"
    return summary


def admin(root):
    s3, bucket = client(root), root["bucket"]
    assert s3.get_object(Bucket=bucket, Key="bob/x.txt")["Body"].read() == BOB_BYTES
    s3.put_object(Bucket=bucket, Key="bob/from-admin.txt", Body=b"the root wrote this")
    s3.copy_object(Bucket=bucket, Key="bob/from-alice.txt", CopySource={"Bucket": bucket, "Key": "alice/mine.txt"})
    s3.copy_object(Bucket=bucket, Key="alice/from-bob.txt", CopySource={"Bucket": bucket, "Key": "bob/x.txt"})
    s3.delete_object(Bucket=bucket, Key="alice/new-key.txt")
    everyone = s3.list_objects_v2(Bucket=bucket, Delimiter="/")
    prefixes = sorted(p["Prefix"] for p in everyone.get("CommonPrefixes", []))
    assert prefixes == ["alice/", "bob/"], f"the root lists every user: {everyone}"
    bobs = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix="bob/").get("Contents", [])]
    assert "bob/x.txt" in bobs, f"the root lists bob's files: {bobs}"
    url = client(root, signature_version="s3v4").generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "bob/x.txt"}, ExpiresIn=300)
    assert fetch(url) == (200, BOB_BYTES)
    return {"prefixes": prefixes}


step = sys.argv[1]
credentials = pail_s3_credentials()
if step == "denied":
    result = denied(credentials)
elif step == "rotated":
    result = rotated(pail_s3_credentials("PAIL_OLD_CREDENTIALS"), credentials)
elif step == "admin":
    result = admin(credentials)
else:
    sys.exit(f"unknown step {step!r}")
print(json.dumps(result, sort_keys=True))
