"""The boto3 client the client scripts use: `pail serve`'s endpoint, path style, one attempt per call
(a refusal is an answer to check, not something to retry)."""
import json, os
import boto3
from botocore.config import Config


def credentials(variable="PAIL_CREDENTIALS"):
    """The JSON of `pail credentials`, from the environment variable the test set."""
    return json.loads(os.environ[variable])


def client(credentials, **config):
    """A boto3 S3 client signing with `credentials`; `config` adds botocore Config options."""
    options = {"s3": {"addressing_style": "path"}, "retries": {"max_attempts": 1}, **config}
    return boto3.client("s3", endpoint_url=credentials["endpoint"], region_name=credentials["region"],
                        aws_access_key_id=credentials["access_key_id"],
                        aws_secret_access_key=credentials["secret_access_key"], config=Config(**options))
