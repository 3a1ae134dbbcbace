"""Helpers shared by the DIVA Badges tests: send a request as the game does, verify what comes back."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import requests

from export.request import request_body
from export.signing import sign
from issuer.signing import verifier
from issuer.signing.keys import did_web_url

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def issuer_command() -> list[str]:
    script = Path(sys.executable).parent / "diva-issuer"
    return [str(script)] if script.exists() else [sys.executable, "-m", "issuer.cli"]


@contextmanager
def served_platform(tmp_path: Path, **settings: str) -> Iterator[tuple[str, list[str], dict]]:
    """`diva-issuer serve` (gunicorn, 2 workers) on a free loopback port, waited for, stopped after:
    (its URL, the `diva-issuer --data-dir …` command line, its environment with `settings` added)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIVA_ISSUER_")}
    env.update(DIVA_ISSUER_BASE_URL=url, PYTHONPATH=str(ROOT), **settings)
    cli = issuer_command() + ["--data-dir", str(tmp_path / "platform")]
    with open(tmp_path / "serve.log", "wb") as log:
        server = subprocess.Popen(cli + ["serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
                                  cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if requests.get(url + "/", timeout=2).status_code == 200:
                        break
                except requests.ConnectionError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("diva-issuer serve did not start:\n" + (tmp_path / "serve.log").read_text())
                time.sleep(0.2)
            yield url, cli, env
        finally:
            server.terminate()
            server.wait(timeout=20)


def http_verify(credential: dict):
    """Our verifier, resolving did:web and status lists over HTTP as any outside verifier does."""
    return verifier.verify_credential(
        credential, resolve_did=lambda did: requests.get(did_web_url(did), timeout=10).json(),
        fetch_status=lambda url: requests.get(url, timeout=10).json())


def post_request(client, request: dict, secret: str, *, body: bytes | None = None, key: str | None = None,
                 signature: str | None = None):
    """POST /badge-requests with the protocol's headers, from the test client."""
    body = request_body(request) if body is None else body
    headers = {"HTTP_IDEMPOTENCY_KEY": key or request["id"],
               "HTTP_X_DIVA_SIGNATURE": signature if signature is not None else sign(body, secret)}
    return client.post("/badge-requests", body, content_type="application/json", **headers)


def received(client, structure_secret, request: dict):
    """Post a request and return its BadgeRequest row."""
    from issuer.intake.models import BadgeRequest

    response = post_request(client, request, structure_secret)
    assert response.status_code == 201, response.content
    return BadgeRequest.objects.get(request_id=request["id"])


def public_key_resolver(resolve_did):
    """resolve_public_key for dataintegrity.verify, from a function that gives a DID document."""
    from issuer.signing.keys import public_key_from_multibase

    def resolve(method_id: str):
        document = resolve_did(method_id.split("#", 1)[0])
        for method in document["verificationMethod"]:
            if method["id"] == method_id:
                return public_key_from_multibase(method["publicKeyMultibase"])
        raise LookupError(method_id)

    return resolve


def status_bit(status_list_credential: dict, index: int) -> bool:
    from issuer.signing.statuslist import decode_bitstring, is_set

    return is_set(decode_bitstring(status_list_credential["credentialSubject"]["encodedList"]), index)
