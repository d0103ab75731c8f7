#!/usr/bin/env python3
"""What a boto3 program does with a bucket, against `pail serve`: uploads (one small, one multipart),
a listing with a delimiter, a download, head, copy, a ranged get and a batch delete. Every answer is
checked here against the bytes sent; the test then checks the vault itself. Prints a JSON summary.

usage: boto3_flow.py MODE FOLDER   (MODE: default | when_required, the checksum setting)
credentials: $PAIL_CREDENTIALS (the JSON of `pail credentials`)"""
import hashlib, json, os, sys, time
from pail_s3 import client, credentials

mode, folder = sys.argv[1], sys.argv[2]
c = credentials()
checksums = {"request_checksum_calculation": "when_required", "response_checksum_validation": "when_required"}
s3 = client(c, **(checksums if mode == "when_required" else {}))
bucket, me = c["bucket"], "alice/"

def local(name, size, seed):
    path = os.path.join(folder, name)
    block = hashlib.sha256(seed.encode()).digest() * 2048  # 64 KiB of seeded bytes
    with open(path, "wb") as f:
        for _ in range(size // len(block)):
            f.write(block)
        f.write(block[: size % len(block)])
    return path

def md5(path):
    with open(path, "rb") as f:
        return hashlib.md5(f.read()).hexdigest()

small = local("small.txt", 3000, "small")
big = local("big.bin", 25 * 1024 * 1024 + 12345, "big")
s3.upload_file(small, bucket, me + f"{mode}/small.txt")
s3.upload_file(big, bucket, me + f"{mode}/big.bin")

head = s3.head_object(Bucket=bucket, Key=me + f"{mode}/small.txt")
assert head["ContentLength"] == 3000, head
assert head["ETag"] == f'"{md5(small)}"', (head["ETag"], md5(small))
big_head = s3.head_object(Bucket=bucket, Key=me + f"{mode}/big.bin")
assert big_head["ContentLength"] == os.path.getsize(big), big_head
assert big_head["ETag"].strip('"').endswith("-4"), big_head["ETag"]  # 8 MiB parts: 4 of them

copied = s3.copy_object(Bucket=bucket, Key=me + f"{mode}/copy of small.txt", CopySource={"Bucket": bucket, "Key": me + f"{mode}/small.txt"})
assert copied["CopyObjectResult"]["ETag"] == f'"{md5(small)}"', copied

ranged = s3.get_object(Bucket=bucket, Key=me + f"{mode}/big.bin", Range="bytes=8388600-8388615")
with open(big, "rb") as f:
    f.seek(8388600)
    assert ranged["Body"].read() == f.read(16)
assert ranged["ContentRange"] == f"bytes 8388600-8388615/{os.path.getsize(big)}", ranged["ContentRange"]

downloaded = os.path.join(folder, "downloaded.bin")
s3.download_file(bucket, me + f"{mode}/big.bin", downloaded)
assert md5(downloaded) == md5(big)

s3.put_object(Bucket=bucket, Key=me + f"{mode}/old/1.txt", Body=b"one")
s3.put_object(Bucket=bucket, Key=me + f"{mode}/old/2.txt", Body=b"two")
deleted = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": me + f"{mode}/old/1.txt"}, {"Key": me + f"{mode}/old/2.txt"}]})
assert sorted(d["Key"] for d in deleted["Deleted"]) == [me + f"{mode}/old/1.txt", me + f"{mode}/old/2.txt"], deleted
assert not deleted.get("Errors"), deleted

# The listing comes from the inventory, which the workflows update a moment after each write.
expected = {me + f"{mode}/small.txt", me + f"{mode}/big.bin", me + f"{mode}/copy of small.txt"}
deadline = time.time() + 20
while True:
    listed = s3.list_objects_v2(Bucket=bucket, Prefix=me + f"{mode}/", Delimiter="/")
    keys = {o["Key"] for o in listed.get("Contents", [])}
    # Settled when the new files are listed and the deleted folder's files are gone (their deletes
    # reach the inventory in their own time too).
    if (keys == expected and not listed.get("CommonPrefixes")) or time.time() > deadline:
        break
    time.sleep(0.05)
assert keys == expected, keys
assert [p["Prefix"] for p in listed.get("CommonPrefixes", [])] == [], listed.get("CommonPrefixes")

print(json.dumps({"small": md5(small), "big_size": os.path.getsize(big), "big_etag": big_head["ETag"].strip('"')}))
