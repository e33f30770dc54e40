"""An S3-compatible server on this machine for the object-storage tests: moto's server as a
subprocess on 127.0.0.1, so the tests speak real HTTP to a real S3 API and never leave the
machine."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest

from techbridge.config.settings.storage import storages_from_environment

# Ports other local services of this project's developers use; the server stays off them.
RESERVED_PORTS = range(8000, 8400)


def _free_port() -> int:
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        if port not in RESERVED_PORTS:
            return port


def _answers(port: int) -> bool:
    # http.client, not urllib: a proxy set in the environment must not see these requests.
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
    try:
        connection.request("GET", "/")
        return connection.getresponse().status < 500
    except OSError:
        return False
    finally:
        connection.close()


@pytest.fixture(scope="session")
def moto_s3_endpoint() -> Iterator[str]:
    """The endpoint URL of a moto S3 server, started once for the session and stopped after."""
    executable = Path(sys.executable).with_name("moto_server")
    port = _free_port()
    process = subprocess.Popen(
        [str(executable), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while not _answers(port):
            if process.poll() is not None:
                pytest.fail(f"moto_server exited with {process.returncode} before answering")
            if time.monotonic() > deadline:
                pytest.fail("moto_server did not answer within 30 seconds")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass(frozen=True)
class Bucket:
    name: str
    client: Any  # boto3's S3 client, typed dynamically by boto3

    def keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listing.get("Contents", []))


@pytest.fixture
def s3_bucket(
    moto_s3_endpoint: str,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    private_uploads: Any,
) -> Bucket:
    """A fresh bucket, and STORAGES set to it from the environment as an operator would.

    Depends on ``private_uploads`` (which pins the database storage, and which fixtures such
    as ``nda_offer`` use) so that it always runs first and the bucket has the last word."""
    name = f"techbridge-test-{uuid.uuid4().hex[:12]}"
    environment = {
        "TECHBRIDGE_STORAGE": "s3",
        "TECHBRIDGE_S3_BUCKET": name,
        "TECHBRIDGE_S3_ENDPOINT_URL": moto_s3_endpoint,
        "TECHBRIDGE_S3_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "test-access-key",
        "AWS_SECRET_ACCESS_KEY": "test-secret-key",
        # Nothing from the developer's own AWS set-up, and no instance-metadata lookups.
        "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
    }
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    for variable in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "TECHBRIDGE_S3_ADDRESSING_STYLE"):
        monkeypatch.delenv(variable, raising=False)
    client = boto3.client("s3", endpoint_url=moto_s3_endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=name)
    settings.STORAGES = storages_from_environment()
    return Bucket(name=name, client=client)
